import { contradictionNotices, flagContradictions } from '#app/decisions/contradictions.ts';
import type { ProductContext } from '#app/products.ts';
import { toStoredEvent } from '#app/reactions/stored-event.ts';
import type { Wiring } from '#capabilities/index.ts';
import type { DemoContext } from './core.ts';

const DUPLICATES = 'Some notifications are sent as several identical emails';
const IDEMPOTENCY = 'Idempotency keys on the send API';
const DAY = 86_400_000;

/**
 * Seed 002 in the Notification Service (issue 13): the team and the PO agree to fix the
 * duplicate emails at the root cause in the coming sprint, no workaround — written down and
 * accepted by the PO, with the team as participants. Then the PO resolves the defect with a
 * workaround anyway (the direct SMTP path of the backlog's story, where issue 13 says "push
 * queue"): Tandem takes it (the PO owns the backlog), makes her add the repayment item, and
 * flags the change as going around the decision.
 *
 * The flag is normally the reaction worker's; the demo runs the same two reactions here so the
 * workspace shows them the moment it is built (both are keyed once, so the worker's later run
 * adds nothing).
 */
export async function seedDecisionsDemo(tandem: Wiring, demo: DemoContext, today: Date): Promise<void> {
  const { services, store } = tandem;
  const { users, products } = demo;
  const notif = products.notif;
  const items = await store.read.items.all(notif.id);
  const dup = items.find((i) => i.title === DUPLICATES);
  const idem = items.find((i) => i.title === IDEMPOTENCY);
  if (!dup) return;
  const po: ProductContext = { actor: users.nora, productId: notif.id, role: 'owner' };
  if ((await services.decisions.list(po)).length) return;
  const sprints = (await store.read.sprints.list(notif.id)).filter((s) => s.state !== 'closed');
  const inSprint = await store.read.sprints.openSprintOf(dup.id);
  const agreed = sprints.find((s) => s.id === inSprint) ?? sprints.find((s) => s.state === 'planned') ?? null;
  const sprintName = agreed?.name ?? 'the next sprint';
  const team = [users.tara, users.theo, users.tess];

  const decision = await services.decisions.create(po, {
    title: `Fix the root cause in ${sprintName}, no workaround`,
    context:
      'Some notifications go out as two or three identical emails (fewer than 10 cases last week). The root cause is known: a retry after a gateway timeout re-sends even when the provider already accepted the message.',
    decision: `Send every message with its idempotency key to the provider, so a retry can never deliver twice. Planned for ${sprintName}. No workaround in the meantime: a different send path would change the integration flow for every team and make the defect look fixed when it is not.`,
    consequences:
      'A few more duplicate emails until the fix ships; integrating teams are told the date. Behaviour changes once, when the proper fix lands.',
    technical: false,
    itemIds: [dup.id, ...(idem ? [idem.id] : [])],
    participants: [users.nora.userId, ...team.map((u) => u.userId)],
    rules: [
      { kind: 'no_workaround', itemId: dup.id },
      ...(agreed && agreed.id === inSprint
        ? [{ kind: 'stays_in_sprint' as const, itemId: dup.id, sprintId: agreed.id }]
        : []),
      ...(idem ? [{ kind: 'done_before' as const, itemId: dup.id, beforeItemId: idem.id }] : []),
    ],
  });
  await services.decisions.accept(po, decision.id);

  // The next morning: customers keep complaining, and the PO has the emails routed around the
  // standard flow. Resolving by a workaround is allowed only with its repayment.
  const before = await store.read.events.lastId();
  const due = agreed
    ? { dueSprintId: agreed.id }
    : { dueDate: new Date(today.getTime() + 14 * DAY).toISOString().slice(0, 10) };
  await services.resolutions.resolve(po, dup.id, 'workaround', {
    title: 'Replace the direct-SMTP workaround with the agreed fix',
    ...due,
  });
  const causes = await store.read.events.list({
    productId: notif.id,
    entityType: 'item',
    entityId: dup.id,
    limit: 5,
  });
  for (const row of causes.filter((e) => e.id > before && e.type === 'item.resolved')) {
    await store.transaction((r) =>
      flagContradictions(r, toStoredEvent(row) as Parameters<typeof flagContradictions>[1]),
    );
  }
  const flags = await store.read.events.list({
    productId: notif.id,
    entityType: 'decision',
    entityId: decision.id,
    limit: 10,
  });
  for (const row of flags.filter((e) => e.type === 'decision.contradicted'))
    await store.transaction((r) =>
      contradictionNotices(r, toStoredEvent(row) as Parameters<typeof contradictionNotices>[1]),
    );
}
