import { recordEvents } from '#app/events.ts';
import { decideFor, itemEvents, loadItem, staleItem } from '#app/items/item-rules.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos, Store } from '#app/store.ts';
import type { ItemSegmentWeights } from '#contracts/insight-allocation.ts';

/**
 * The PO's weights for an item serving several segments (issue 11: "splits its points evenly
 * unless the PO gives weights"), set through the item aggregate like any item field (If-Match on
 * the item version). Weights count while they cover every segment of the item; a segment added
 * since brings the even split back until the PO weighs again.
 */
export function segmentWeightUseCases(store: Store) {
  async function view(r: Repos, productId: string, itemId: string): Promise<ItemSegmentWeights> {
    const item = await loadItem(r, productId, itemId);
    const stored = await r.allocation.segmentWeights(itemId);
    return {
      itemId,
      version: item.version,
      segmentIds: item.segmentIds,
      weights: covering(item.segmentIds, stored),
    };
  }
  return {
    get: (ctx: ProductContext, itemId: string) => view(store.read, ctx.productId, itemId),

    set: (
      ctx: ProductContext,
      itemId: string,
      version: number,
      weights: Array<{ segmentId: string; weight: number }> | null,
    ) =>
      store.transaction(async (r) => {
        const record = await loadItem(r, ctx.productId, itemId, true);
        if (record.version !== version) throw await staleItem(r, ctx.productId, record);
        const state = {
          ...record,
          segmentWeights: covering(record.segmentIds, await r.allocation.segmentWeights(itemId)),
        };
        const change = {
          segmentWeights: weights ? Object.fromEntries(weights.map((w) => [w.segmentId, w.weight])) : null,
        };
        const d = await decideFor(r, ctx.productId, state, change, { role: ctx.role, path: 'form' });
        if (d.changed.length) {
          const saved = await r.allocation.setSegmentWeights(itemId, version, d.next.segmentWeights ?? null);
          if (saved === null) throw await staleItem(r, ctx.productId, record);
          await recordEvents(
            r,
            itemEvents({ productId: ctx.productId, actorId: ctx.actor.userId }, itemId, d),
          );
        }
        return view(r, ctx.productId, itemId);
      }),
  };
}

/** Stored weights that cover every segment of the item, sorted by segment id; else null. */
function covering(
  segmentIds: readonly string[],
  stored: Record<string, number>,
): Record<string, number> | null {
  if (segmentIds.length < 2 || !segmentIds.every((id) => stored[id] !== undefined)) return null;
  return Object.fromEntries([...segmentIds].sort().map((id) => [id, stored[id] ?? 0]));
}
