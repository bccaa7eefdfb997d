import type { ItemSlaWrite } from '#app/items/ports.ts';
import type { Repos } from '#app/store.ts';
import type { ItemField } from '#domain/backlog/item-aggregate.ts';
import { type ItemSlaColumns, itemSla, statusHistory } from '#domain/sla/item-sla.ts';
import type { SlaPolicy } from '#domain/sla/policy.ts';
import type { ItemHistoryRecord } from './ports.ts';

/** Item fields whose change moves an SLA clock. */
const SLA_FIELDS: readonly ItemField[] = ['status', 'waiting', 'severity', 'type'];
export const touchesSla = (changed: readonly ItemField[]) => changed.some((f) => SLA_FIELDS.includes(f));

/** The clocks of one item from its logged history (pure once loaded). */
export function clocksOf(policy: SlaPolicy | null, h: ItemHistoryRecord, now: number): ItemSlaColumns {
  const history = statusHistory(
    h.createdAt.getTime(),
    { status: h.status, waiting: h.waiting },
    h.points.map((p) => ({ ...p, at: Date.parse(p.at) })),
  );
  return itemSla(policy, h, history, now);
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * Recomputes the maintained SLA columns of these items (null: every defect of the product) from
 * the event log, in the caller's transaction, after its events were recorded: the due times the
 * backlog sorts by are right at commit.
 */
export async function refreshSla(
  r: Repos,
  productId: string,
  itemIds: readonly string[] | null,
  now: number,
): Promise<void> {
  if (itemIds?.length === 0) return;
  const policy = (await r.sla.policy(productId))?.policy ?? null;
  const rows = await r.sla.histories(productId, itemIds);
  const writes: ItemSlaWrite[] = rows.map((h) => {
    const c = clocksOf(policy, h, now);
    return {
      itemId: h.itemId,
      applies: c.applies,
      responseDueAt: date(c.responseDueAt),
      resolutionDueAt: date(c.resolutionDueAt),
      paused: c.paused,
      breachAt: date(c.breachAt),
    };
  });
  await r.items.setSla(writes);
}
