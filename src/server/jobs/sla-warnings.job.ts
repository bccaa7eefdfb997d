import type { StoredEvent } from '#app/reactions/stored-event.ts';
import { SLA_TIMER_TASK } from '#app/sla/ports.ts';
import { fireWarnings, planWarnings, type TimerPayload } from '#app/sla/warnings.ts';
import type { ReactionContext } from '#jobs/subscriber.ts';
import { defineSubscriber } from '#jobs/subscriber.ts';

const isPayload = (p: unknown): p is TimerPayload => {
  const o = p as Partial<TimerPayload> | null;
  return typeof o?.itemId === 'string' && typeof o.productId === 'string' && Number.isSafeInteger(o.eventId);
};

/** Re-plans the timer of the changed item (every defect of the product after a policy change). */
async function replan(event: StoredEvent, { repos }: ReactionContext) {
  if (!event.productId) return;
  const itemIds = event.type === 'sla.policy_updated' ? null : [event.entityId];
  await planWarnings(repos, event.productId, itemIds, event.id, Date.now());
}

/**
 * SLA warnings (issue 13): every item change and policy change re-plans the item's timer; the
 * timer writes the 75 % and breach notices to the team and the PO (app/sla/warnings.ts). One
 * subscriber per event type (a subscriber handles one type); the first owns the timer task.
 */
export const slaWarningJobs = [
  defineSubscriber({
    name: 'sla-warnings-created',
    eventTypes: ['item.created'],
    handle: (e, ctx) => replan(e, ctx),
    timer: {
      task: SLA_TIMER_TASK,
      async run(payload, { repos, mail }) {
        if (!isPayload(payload)) throw new Error('An SLA timer without its item, product and event');
        await fireWarnings(repos, payload, Date.now(), mail);
      },
    },
  }),
  defineSubscriber({
    name: 'sla-warnings-updated',
    eventTypes: ['item.updated'],
    handle: (e, ctx) => replan(e, ctx),
  }),
  defineSubscriber({
    name: 'sla-warnings-reimported',
    eventTypes: ['item.reimported'],
    handle: (e, ctx) => replan(e, ctx),
  }),
  defineSubscriber({
    name: 'sla-warnings-policy',
    eventTypes: ['sla.policy_updated'],
    handle: (e, ctx) => replan(e, ctx),
  }),
];
