import { recordEvent, recordEvents } from '#app/events.ts';
import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import type { ItemType } from '#domain/backlog/item-rules.ts';
import { keyBetween, tombstoneKey } from '#domain/backlog/ordering.ts';
import { applyDecision, checkReferences, decideFor, itemEvents, loadItem, staleItem } from './item-rules.ts';
import { type ItemRecord, type ItemWritable, RankTaken } from './ports.ts';

export type ItemInput = Partial<ItemWritable> & { segmentIds?: string[] | undefined };
type CreateInput = ItemInput & { type: ItemType; title: string };

/** Creates racing for the same slot: each retry reads the new last open key. */
const RANK_ATTEMPTS = 8;

export function itemWriteUseCases(store: Store) {
  return {
    /** New items go to the bottom of the open work, above anything done, accepted or rejected. */
    async create(ctx: ProductContext, input: CreateInput): Promise<ItemRecord> {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await store.transaction(async (r) => {
            const d = await decideFor(r, ctx.productId, null, input, { role: ctx.role, path: 'form' });
            await checkReferences(r, ctx.productId, input);
            const { segmentIds, ...fields } = d.next;
            const number = await r.products.nextItemNumbers(ctx.productId, 1);
            const slot = await r.items.openSlot(ctx.productId);
            const rank = keyBetween(slot.after, slot.before);
            const created = await r.items.insert({
              ...fields,
              acceptanceCriteria: [...fields.acceptanceCriteria],
              labels: [...fields.labels],
              productId: ctx.productId,
              number,
              rank,
              externalId: null,
              createdBy: ctx.actor.userId,
            });
            if (segmentIds.length) await r.items.setSegments(created.id, [...segmentIds]);
            const item = segmentIds.length ? (await r.items.byId(created.id))! : created;
            await recordEvents(
              r,
              itemEvents({ productId: ctx.productId, actorId: ctx.actor.userId }, item.id, d, {
                key: item.key,
              }),
            );
            return item;
          });
        } catch (err) {
          // Another item took the bottom key first: take the next one.
          if (err instanceof RankTaken && attempt < RANK_ATTEMPTS) continue;
          throw err;
        }
      }
    },

    async update(
      ctx: ProductContext,
      itemId: string,
      version: number,
      patch: ItemInput,
    ): Promise<ItemRecord> {
      return store.transaction(async (r) => {
        const before = await loadItem(r, ctx.productId, itemId);
        const d = await decideFor(r, ctx.productId, before, patch, { role: ctx.role, path: 'form' });
        await checkReferences(r, ctx.productId, patch);
        if (before.version !== version) throw await staleItem(r, ctx.productId, before);
        return applyDecision(r, { productId: ctx.productId, actorId: ctx.actor.userId }, before, version, d);
      });
    },

    /** Soft delete; the item's key moves out of the live order so it never blocks a move. */
    async remove(ctx: ProductContext, itemId: string): Promise<void> {
      await store.transaction(async (r) => {
        const before = await loadItem(r, ctx.productId, itemId);
        await r.items.softDelete(itemId, tombstoneKey(itemId));
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'item',
          entityId: itemId,
          type: 'item.deleted',
          before: { key: before.key, title: before.title },
        });
      });
    },
  };
}
