import { recordEvent } from '#app/events.ts';
import { insertNotices } from '#app/mail/notice-mail.ts';
import { MAIL_OFF, type MailSetup } from '#app/mail/ports.ts';
import { wakeBells } from '#app/notifications/notifications.ts';
import type { StoredEvent } from '#app/reactions/stored-event.ts';
import type { Repos } from '#app/store.ts';
import { checkRule, type RuleChange, type RuleFacts } from '#domain/decisions/rules.ts';
import { hasRole, ROLES } from '#domain/roles.ts';
import { ruleFacts } from './decisions.ts';

/**
 * Contradiction flags (issue 13). A reaction to the changes a rule can be about: it reads the
 * change from the event, finds the ACCEPTED decisions governing its items or sprint (one indexed
 * lookup), runs the pure checkers, and records `decision.contradicted` once per (decision, cause
 * event) — the unique index decides, so a retried job or a second worker adds nothing — with the
 * cause's actor. The change itself already committed: the PO owns the backlog; this is the flag.
 */
export const CONTRADICTION_CAUSES = [
  'sprint.item_added',
  'sprint.item_removed',
  'sprint.closed',
  'item.updated',
  'item.resolved',
  'item.linked',
] as const;
export type ContradictionCause = (typeof CONTRADICTION_CAUSES)[number];

/** The event as a rule change, or null when it cannot contradict anything (most item edits). */
export async function changeOf(r: Repos, e: StoredEvent<ContradictionCause>): Promise<RuleChange | null> {
  switch (e.type) {
    case 'sprint.item_added':
      return { kind: 'sprint_item_added', sprintId: e.entityId, itemId: e.after.itemId };
    case 'sprint.item_removed':
      return { kind: 'sprint_item_removed', sprintId: e.entityId, itemId: e.after.itemId };
    case 'sprint.closed':
      return { kind: 'sprint_closed', sprintId: e.entityId, carriedOverKeys: e.after.carriedOver };
    case 'item.updated':
      return e.after.status ? { kind: 'item_status', itemId: e.entityId, to: e.after.status } : null;
    case 'item.resolved':
      return { kind: 'item_resolved', itemId: e.entityId, resolution: e.after.resolution };
    case 'item.linked': {
      // "relates NOTIF-14": the far side by its key.
      const key = e.after.links.split(' ').at(-1);
      const other = key && e.productId ? await r.decisions.itemIdByKey(e.productId, key) : null;
      return other ? { kind: 'item_linked', itemId: e.entityId, otherItemId: other } : null;
    }
  }
}

const itemsOf = (c: RuleChange): string[] =>
  c.kind === 'sprint_closed' ? [] : c.kind === 'item_linked' ? [c.itemId, c.otherItemId] : [c.itemId];
const sprintOf = (c: RuleChange): string[] => ('sprintId' in c ? [c.sprintId] : []);

/** Flags what this change contradicts; returns how many flags were new. */
export async function flagContradictions(r: Repos, e: StoredEvent<ContradictionCause>): Promise<number> {
  if (!e.productId) return 0;
  const productId = e.productId;
  const change = await changeOf(r, e);
  if (!change) return 0;
  const governing = (await r.decisions.governing(productId, itemsOf(change), sprintOf(change))).filter(
    // Only what was agreed before the change: a decision accepted later does not judge the past.
    (d) => d.acceptedAt.getTime() <= e.at.getTime(),
  );
  if (!governing.length) return 0;
  const facts: { -readonly [K in keyof RuleFacts]: RuleFacts[K] } = await ruleFacts(
    r,
    productId,
    governing.flatMap((d) => d.rules),
    { itemIds: itemsOf(change), sprintIds: sprintOf(change) },
  );
  if (change.kind === 'item_status') {
    // The order of work is judged as things stood at the change, not when the worker got to it.
    const others = Object.keys(facts.items).filter((id) => id !== change.itemId);
    const then = await r.decisions.statusesBefore(productId, others, e.id);
    for (const [id, status] of Object.entries(then))
      facts.items = { ...facts.items, [id]: { ...facts.items[id]!, status } };
  }
  let flagged = 0;
  for (const d of governing) {
    // One flag per decision and cause: the first rule it breaks says what happened.
    const hit = d.rules.map((rule) => checkRule(rule, change, facts)).find((c) => c !== null);
    if (!hit) continue;
    const fresh = await r.decisions.addContradiction({
      decisionId: d.id,
      productId,
      causeEventId: e.id,
      actorId: e.actorId,
      itemId: hit.itemId,
      summary: hit.summary,
      at: e.at,
    });
    if (!fresh) continue;
    flagged += 1;
    await recordEvent(r, {
      productId,
      actorId: e.actorId,
      entityType: 'decision',
      entityId: d.id,
      type: 'decision.contradicted',
      after: {
        number: d.number,
        title: d.title,
        causeEventId: e.id,
        causeType: e.type,
        itemId: hit.itemId,
        summary: hit.summary,
      },
    });
  }
  return flagged;
}

/**
 * The decision's participants hear of it once per flag (the unique (cause key, recipient)
 * decides), except whoever made the change; only people who still read the product's work.
 */
export async function contradictionNotices(
  r: Repos,
  e: StoredEvent<'decision.contradicted'>,
  mail: MailSetup = MAIL_OFF,
): Promise<number> {
  if (!e.productId) return 0;
  const productId = e.productId;
  const readers = new Set(
    (await r.members.list(productId)).filter((m) => hasRole(m.role, ROLES.readers)).map((m) => m.userId),
  );
  const recipients = (await r.decisions.participantIds(e.entityId)).filter(
    (id) => id !== e.actorId && readers.has(id),
  );
  const written = await insertNotices(
    r,
    mail,
    recipients.map((recipientId) => ({
      recipientId,
      causeEventId: e.id,
      causeKey: `contradicted:${e.entityId}:${e.after.causeEventId}`,
      kind: 'decision_contradicted' as const,
      productId,
      actorId: e.actorId,
      itemId: e.after.itemId,
      commentId: null,
      title: `A change went around decision ${e.after.number}: ${e.after.title}`,
      body: e.after.summary,
    })),
  );
  if (written > 0) await wakeBells(r, recipients);
  return written;
}
