import { recordEvent } from '#app/events.ts';
import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import type { LinkKind } from '#domain/backlog/item-rules.ts';
import { findMentions } from '#domain/backlog/mentions.ts';
import { AppError, invalid, notFound } from '#domain/errors.ts';
import { loadItem } from './item-rules.ts';

export function itemSocialUseCases(store: Store) {
  return {
    async comments(ctx: ProductContext, itemId: string) {
      await loadItem(store.read, ctx.productId, itemId);
      return store.read.itemComments.list(itemId);
    },

    async comment(ctx: ProductContext, itemId: string, body: string) {
      return store.transaction(async (r) => {
        const item = await loadItem(r, ctx.productId, itemId);
        const mentions = findMentions(body, await r.members.list(ctx.productId));
        const c = await r.itemComments.insert({ itemId, authorId: ctx.actor.userId, body, mentions });
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'item',
          entityId: itemId,
          type: 'item.commented',
          after: { commentId: c.id, key: item.key, mentions },
        });
        return c;
      });
    },

    async links(ctx: ProductContext, itemId: string) {
      await loadItem(store.read, ctx.productId, itemId);
      return store.read.itemLinks.forItem(itemId);
    },

    /** "This item <kind> the other": blocks, relates to, duplicates. */
    async link(ctx: ProductContext, itemId: string, kind: LinkKind, toItemId: string) {
      return store.transaction(async (r) => {
        await loadItem(r, ctx.productId, itemId);
        if (toItemId === itemId) throw invalid({ toItemId: 'An item cannot link to itself' });
        const other = await r.items.byId(toItemId);
        if (!other || other.productId !== ctx.productId)
          throw invalid({ toItemId: 'No such item in this backlog' });
        const id = await r.itemLinks.insert({
          productId: ctx.productId,
          kind,
          fromItemId: itemId,
          toItemId,
          createdBy: ctx.actor.userId,
        });
        if (!id) throw new AppError('conflict', `This item already ${kind} ${other.key}.`);
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'item',
          entityId: itemId,
          type: 'item.linked',
          after: { links: `${kind} ${other.key}` },
        });
        return (await r.itemLinks.forItem(itemId)).find((l) => l.id === id)!;
      });
    },

    async unlink(ctx: ProductContext, itemId: string, linkId: string) {
      await store.transaction(async (r) => {
        await loadItem(r, ctx.productId, itemId);
        const removed = await r.itemLinks.remove(itemId, linkId);
        if (!removed) throw notFound('That link');
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'item',
          entityId: itemId,
          type: 'item.unlinked',
          before: { links: removed.kind },
        });
      });
    },
  };
}
