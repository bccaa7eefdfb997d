import { type MailDraft, queueMail } from '#app/mail/outbox.ts';
import type { MailSetup, NoticeFacts } from '#app/mail/ports.ts';
import type { NewNotice } from '#app/reactions/ports.ts';
import type { StoredEvent } from '#app/reactions/stored-event.ts';
import type { Repos } from '#app/store.ts';
import type { MailKind } from '#domain/delivery/mail.ts';

/**
 * Writes notices and, for those written now, their mails, in the caller's transaction: the one
 * way a reaction tells people, so every notice kind reaches the inbox of those who want it.
 */
export async function insertNotices(
  r: Repos,
  setup: MailSetup,
  notices: readonly NewNotice[],
): Promise<number> {
  const written = await r.notices.insertMany(notices);
  if (written > 0) await mailNotices(r, setup, notices);
  return written;
}

/**
 * The mails of notices just written, in the same transaction: one per (notice cause key,
 * recipient), keyed `notice:<cause key>:<recipient>` like the notice itself.
 */
export async function mailNotices(
  r: Repos,
  setup: MailSetup,
  notices: readonly NewNotice[],
): Promise<number> {
  if (!setup.enabled || notices.length === 0) return 0;
  const facts = await r.mail.noticeFacts(
    [...new Set(notices.map((n) => n.causeKey))],
    [...new Set(notices.map((n) => n.recipientId))],
  );
  const wanted = new Set(notices.map((n) => `${n.causeKey}\n${n.recipientId}`));
  const drafts = facts
    .filter((f) => wanted.has(`${f.causeKey}\n${f.recipientId}`))
    .map((f) => noticeDraft(setup, f));
  return queueMail(r, setup, drafts);
}

function noticeDraft(setup: MailSetup, f: NoticeFacts): MailDraft {
  const base = `${setup.publicUrl}/p/${encodeURIComponent(f.productKey)}`;
  const key = `notice:${f.causeKey}:${f.recipientId}`;
  if (f.kind === 'mention') {
    const what = f.itemKey ? `${f.itemKey} ${f.itemTitle ?? ''}`.trim() : 'an item';
    return {
      key,
      recipientId: f.recipientId,
      kind: 'mention',
      content: () => ({
        productName: f.productName,
        subject: `${f.actorName ?? 'Someone'} mentioned you on ${f.itemKey ?? 'an item'}`,
        lines: [`${f.actorName ?? 'Someone'} mentioned you in a comment on ${what}.`],
        quote: f.excerpt,
        link: { url: `${base}/backlog?item=${f.itemId ?? ''}`, label: 'Open the comment' },
        reason: `You get this because you were @mentioned on ${f.productName}.`,
      }),
    };
  }
  if (f.kind !== 'shipped' && f.kind !== 'request_status') return workNoticeDraft(setup, f, key);
  const shipped = f.kind === 'shipped';
  return {
    key,
    recipientId: f.recipientId,
    kind: shipped ? 'shipped' : 'request_status',
    content: () => ({
      productName: f.productName,
      subject: f.title ?? (shipped ? 'What you asked for shipped' : 'Your request changed'),
      lines: shipped
        ? ['Thank you for telling us what you needed: it is now delivered.']
        : ['The team looked at your request.'],
      quote: f.body,
      link: {
        url: `${base}/${shipped ? 'portal' : 'requests'}`,
        label: shipped ? 'See what shipped' : 'See your requests',
      },
      reason: shipped
        ? `You get this because you asked for it, supported it or voted for it on ${f.productName}.`
        : `You get this because you made this request on ${f.productName}.`,
    }),
  };
}

type WorkNoticeKind = Exclude<NoticeFacts['kind'], 'mention' | 'shipped' | 'request_status'>;

/** Each work notice's mail kind (what people choose per kind), where it links and why it came. */
const WORK_NOTICES: Record<
  WorkNoticeKind,
  {
    mailKind: MailKind;
    link: (base: string, f: NoticeFacts) => { url: string; label: string };
    reason: string;
  }
> = {
  sla: {
    mailKind: 'sla',
    link: (base, f) => ({ url: `${base}/backlog?item=${f.itemId ?? ''}`, label: 'Open the defect' }),
    reason: 'you are on the team or the Product Owner, and this defect’s SLA clock needs attention',
  },
  agreement: {
    mailKind: 'agreement',
    link: (base, f) => ({ url: `${base}/agreements/${f.agreementId ?? ''}`, label: 'Open the agreement' }),
    reason: 'the working agreement names you among the people it asks',
  },
  decision_contradicted: {
    mailKind: 'decision',
    link: (base) => ({ url: `${base}/decisions`, label: 'See the decision' }),
    reason: 'you took part in the decision',
  },
  repayment_overdue: {
    mailKind: 'decision',
    link: (base, f) => ({ url: `${base}/backlog?item=${f.itemId ?? ''}`, label: 'Open the repayment' }),
    reason: 'you are on the team or the Product Owner',
  },
  webhook_disabled: {
    mailKind: 'webhook',
    link: (base) => ({ url: `${base}/settings`, label: 'Open the webhook settings' }),
    reason: 'you own this product’s webhooks',
  },
};

/** A notice about the work (SLA, agreements, decisions, webhooks): its words as the bell has them. */
function workNoticeDraft(setup: MailSetup, f: NoticeFacts, key: string): MailDraft {
  const how = WORK_NOTICES[f.kind as WorkNoticeKind];
  const base = `${setup.publicUrl}/p/${encodeURIComponent(f.productKey)}`;
  return {
    key,
    recipientId: f.recipientId,
    kind: how.mailKind,
    content: () => ({
      productName: f.productName,
      subject: f.title ?? 'Something needs your attention',
      lines: f.body ? [f.body] : [],
      quote: null,
      link: how.link(base, f),
      reason: `You get this because ${how.reason} on ${f.productName}.`,
    }),
  };
}

/** Who is told about a work event by mail, and what it says. */
export interface WorkMailFacts {
  productKey: string;
  productName: string;
  actorName: string | null;
}

/** An item assigned to someone (not by themselves): they hear it. */
export async function mailAssignment(
  r: Repos,
  setup: MailSetup,
  event: StoredEvent<'item.updated'>,
  item: { key: string; title: string },
  facts: WorkMailFacts,
): Promise<number> {
  const assignee = event.after.assigneeId;
  if (!setup.enabled || !assignee || assignee === event.actorId || !event.productId) return 0;
  const url = `${setup.publicUrl}/p/${encodeURIComponent(facts.productKey)}/backlog?item=${event.entityId}`;
  return queueMail(r, setup, [
    {
      key: `assigned:${event.id}:${assignee}`,
      recipientId: assignee,
      kind: 'assigned',
      content: () => ({
        productName: facts.productName,
        subject: `${item.key} was assigned to you`,
        lines: [`${facts.actorName ?? 'Someone'} assigned ${item.key} ${item.title} to you.`],
        link: { url, label: `Open ${item.key}` },
        reason: `You get this because an item on ${facts.productName} was assigned to you.`,
      }),
    },
  ]);
}

/** A sprint started or closed: the team hears it (not who did it). */
export async function mailSprint(
  r: Repos,
  setup: MailSetup,
  event: StoredEvent<'sprint.started' | 'sprint.closed'>,
  sprint: { name: string; goal: string },
  team: readonly string[],
  facts: WorkMailFacts,
): Promise<number> {
  if (!setup.enabled) return 0;
  const started = event.type === 'sprint.started';
  const url = `${setup.publicUrl}/p/${encodeURIComponent(facts.productKey)}/sprints/${event.entityId}${started ? '' : '/report'}`;
  const lines = started
    ? [
        `${facts.actorName ?? 'Someone'} started ${sprint.name}.`,
        ...(sprint.goal ? [`Sprint goal: ${sprint.goal}`] : []),
      ]
    : [`${facts.actorName ?? 'Someone'} closed ${sprint.name}.`];
  return queueMail(
    r,
    setup,
    team
      .filter((u) => u !== event.actorId)
      .map((recipientId) => ({
        key: `sprint:${event.id}:${recipientId}`,
        recipientId,
        kind: 'sprint' as const,
        content: () => ({
          productName: facts.productName,
          subject: `${sprint.name} ${started ? 'started' : 'closed'}`,
          lines,
          link: { url, label: started ? 'Open the sprint' : 'Read the sprint report' },
          reason: `You get this because you are on the team of ${facts.productName}.`,
        }),
      })),
  );
}
