import { recordEvent } from '#app/events.ts';
import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import type { ItemType } from '#domain/backlog/item-rules.ts';
import { tombstoneKey } from '#domain/backlog/ordering.ts';
import { AppError } from '#domain/errors.ts';
import { CreateQueue } from './create-queue.ts';
import { applyDecision, checkReferences, decideFor, loadItem, staleItem } from './item-rules.ts';
import type { ItemRecord, ItemWritable } from './ports.ts';

export type ItemInput = Partial<ItemWritable> & { segmentIds?: string[] | undefined };
type CreateInput = ItemInput & { type: ItemType; title: string };

export function itemWriteUseCases(store: Store, creates = new CreateQueue(store)) {
  async function updateItem(ctx: ProductContext, itemId: string, version: number, patch: ItemInput) {
    return store.transaction(async (r) => {
      const before = await loadItem(r, ctx.productId, itemId);
      const d = await decideFor(r, ctx.productId, before, patch, { role: ctx.role, path: 'form' });
      await checkReferences(r, ctx.productId, patch);
      if (before.version !== version) throw await staleItem(r, ctx.productId, before);
      return applyDecision(r, { productId: ctx.productId, actorId: ctx.actor.userId }, before, version, d);
    });
  }

  /**
   * Trust radar (issue 11): a size refused because the caller is not on the team still leaves a
   * trace. The refused change rolled back, so the event gets its own small transaction.
   */
  async function sizeRefused(ctx: ProductContext, itemId: string, patch: ItemInput) {
    await store.transaction(async (r) => {
      const item = await r.items.byId(itemId);
      if (!item || item.productId !== ctx.productId) return;
      await recordEvent(r, {
        productId: ctx.productId,
        actorId: ctx.actor.userId,
        entityType: 'item',
        entityId: itemId,
        type: 'item.size_refused',
        after: { key: item.key, role: ctx.role, size: patch.size ?? null },
      });
    });
  }

  return {
    /**
     * New items go to the bottom of the open work, above anything done, accepted or rejected. The aggregate decides here; the write joins the
     * product's next batch of creates (create-queue.ts).
     */
    async create(ctx: ProductContext, input: CreateInput): Promise<ItemRecord> {
      const d = await decideFor(store.read, ctx.productId, null, input, { role: ctx.role, path: 'form' });
      await checkReferences(store.read, ctx.productId, input);
      return creates.create({ productId: ctx.productId, actorId: ctx.actor.userId, decision: d });
    },

    async update(
      ctx: ProductContext,
      itemId: string,
      version: number,
      patch: ItemInput,
    ): Promise<ItemRecord> {
      try {
        return await updateItem(ctx, itemId, version, patch);
      } catch (e) {
        if (e instanceof AppError && e.code === 'estimate_by_team_only')
          await sizeRefused(ctx, itemId, patch);
        throw e;
      }
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
