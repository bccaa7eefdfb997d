import type { Item } from '#contracts/items.ts';
import { canTransition, type ItemStatus } from '#domain/backlog/item-rules.ts';
import type { ProductRole } from '#domain/roles.ts';
import { isApiError } from '#web/lib/api.ts';
import { fetchInvest } from './items-api.ts';
import { FIELD_LABELS, STATUS_LABELS } from './labels.ts';

/**
 * Checks a bulk status change against the rules the server applies item by item, before any item
 * is saved: a bulk edit the rules refuse for one selected item changes none, instead of leaving
 * some items moved and some not. Returns the refusal to show, naming the field and the items, or
 * null when every item may take the status.
 */
export async function bulkStatusRefusal(
  items: readonly Item[],
  to: ItemStatus,
  role: ProductRole | null | undefined,
): Promise<string | null> {
  const label = STATUS_LABELS[to];
  const moving = items.filter((i) => i.status !== to);
  const refuse = (why: string) => `Status: ${why} Nothing was changed.`;
  if ((to === 'accepted' || to === 'rejected') && role !== 'owner')
    return refuse(`only the Product Owner sets an item to ${label}.`);
  const stuck = moving.filter((i) => !canTransition(i.status, to));
  if (stuck.length)
    return refuse(
      `${stuck.map((i) => `${i.key} cannot go from ${STATUS_LABELS[i.status]} to ${label}`).join('; ')}.`,
    );
  if (to !== 'ready') return null;
  // The Definition of Ready: ask the server's own check for each item, as the save would.
  // A few at a time: a selection can be every loaded row.
  const reports: Array<{ item: Item; report: Awaited<ReturnType<typeof fetchInvest>> }> = [];
  for (let at = 0; at < moving.length; at += 16)
    reports.push(
      ...(await Promise.all(
        moving.slice(at, at + 16).map(async (item) => ({ item, report: await fetchInvest(item.id) })),
      )),
    );
  const notReady = reports.filter((r) => !r.report.ready);
  if (!notReady.length) return null;
  return refuse(
    notReady
      .map(({ item, report }) => {
        const gaps = report.findings.filter((f) => !f.ok && report.readinessGaps.includes(f.check));
        return `${item.key} does not meet the Definition of Ready: ${gaps.map((g) => g.reason).join(' ')}`;
      })
      .join(' '),
  );
}

/** An error from one item's save, led by the fields it names ("Status: …"). */
export function describeSaveError(err: unknown): string {
  if (!isApiError(err)) return 'unexpected error';
  const fields = Object.keys(err.fields).map((f) => FIELD_LABELS[f] ?? f);
  return fields.length ? `${fields.join(', ')}: ${err.message}` : err.message;
}
