import type { JobHelpers, TaskList } from 'graphile-worker';
import { sendDigests } from '#app/mail/digest.ts';
import { fanOutInvitations } from '#app/mail/invitation-mail.ts';
import { mailAssignment, mailSprint } from '#app/mail/notice-mail.ts';
import type { MailSetup } from '#app/mail/ports.ts';
import { type MailTransport, sendMail } from '#app/mail/sender.ts';
import type { StoredEvent } from '#app/reactions/stored-event.ts';
import type { Store } from '#app/store.ts';
import { DIGEST_RUN_MINUTES } from '#domain/delivery/digest.ts';
import { defineSubscriber, type ReactionContext } from '#jobs/subscriber.ts';

/** An item assigned to someone else: they get a mail (kind `assigned`), once per event. */
export const assignedMail = defineSubscriber({
  name: 'assigned-mail',
  eventTypes: ['item.updated'],
  async handle(event, ctx) {
    if (!ctx.mail.enabled || !event.after.assigneeId || !event.productId) return;
    const [item, facts] = await Promise.all([
      ctx.repos.mail.itemName(event.entityId),
      ctx.repos.mail.workFacts(event.productId, event.actorId),
    ]);
    if (item && facts) await mailAssignment(ctx.repos, ctx.mail, event, item, facts);
  },
});

/** The team on the product (the PO, team members, the facilitator) hears a sprint start and close. */
async function mailTeam(event: StoredEvent<'sprint.started' | 'sprint.closed'>, ctx: ReactionContext) {
  if (!ctx.mail.enabled || !event.productId) return;
  const [sprint, facts, members] = await Promise.all([
    ctx.repos.mail.sprintName(event.entityId),
    ctx.repos.mail.workFacts(event.productId, event.actorId),
    ctx.repos.members.list(event.productId),
  ]);
  const team = members.filter((m) => m.role !== 'viewer' && m.role !== 'stakeholder').map((m) => m.userId);
  if (sprint && facts) await mailSprint(ctx.repos, ctx.mail, event, sprint, team, facts);
}

export const sprintStartedMail = defineSubscriber<'sprint.started'>({
  name: 'sprint-started-mail',
  eventTypes: ['sprint.started'],
  handle: mailTeam,
});

export const sprintClosedMail = defineSubscriber<'sprint.closed'>({
  name: 'sprint-closed-mail',
  eventTypes: ['sprint.closed'],
  handle: mailTeam,
});

/** A review invitation: each invited customer gets their personal link by mail, once. */
export const reviewInvitationMail = defineSubscriber({
  name: 'review-invitation-mail',
  eventTypes: ['review.invited'],
  async handle(event, ctx) {
    await fanOutInvitations(ctx.repos, ctx.mail, event.entityId, event.actorId);
  },
});

export const mailJobs = [assignedMail, sprintStartedMail, sprintClosedMail, reviewInvitationMail] as const;

/**
 * Sending (`mail-send`, one job per outbox row) and the daily digest (`mail-digest`, cron).
 */
export function mailTasks(store: Store, setup: MailSetup, transport: MailTransport): TaskList {
  return {
    'mail-send': async (payload: unknown, _helpers: JobHelpers) => {
      const id = String((payload as { id?: unknown } | null)?.id ?? '');
      await sendMail(store, setup, transport, id);
    },
    'mail-digest': async () => {
      await sendDigests(store, setup, new Date());
    },
  };
}

/** Every quarter hour (:05, :20, :35, :50 UTC): each person's digest goes at 00:05 their time. */
export const MAIL_CRONTAB = `${DIGEST_RUN_MINUTES.join(',')} * * * * mail-digest ?max=1&id=mail-digest`;
