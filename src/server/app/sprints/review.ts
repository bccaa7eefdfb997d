import { recordEvent } from '#app/events.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos, Store } from '#app/store.ts';
import type { ItemStatus } from '#domain/backlog/item-rules.ts';
import { AppError, notFound } from '#domain/errors.ts';
import { checkDefinitionOfDone } from '#domain/sprints/definition-of-done.ts';
import { definitionOfDone, loadSprint, sprintBoard } from './load.ts';

/**
 * Done and acceptance: the team ticks the Definition of Done to move an item to done; the Product
 * Owner accepts or rejects it against its acceptance criteria, with a comment.
 */
export function sprintReviewUseCases(store: Store) {
  async function activeItem(r: Repos, ctx: ProductContext, sprintId: string, itemId: string) {
    const sprint = await loadSprint(r, ctx, sprintId, true);
    if (sprint.state !== 'active')
      throw new AppError('conflict', 'Items are done and reviewed while the sprint runs.');
    const item = await r.sprints.item(sprintId, itemId);
    if (!item) throw notFound('That item in this sprint');
    return { sprint, item };
  }

  async function setStatus(
    r: Repos,
    ctx: ProductContext,
    itemId: string,
    from: string,
    to: string,
    extra = {},
  ) {
    await r.sprintItems.setStatus(itemId, to);
    await recordEvent(r, {
      productId: ctx.productId,
      actorId: ctx.actor.userId,
      entityType: 'item',
      entityId: itemId,
      type: 'item.updated',
      // Sprint rows carry status as text; recordEvent checks it against the catalog at runtime.
      before: { status: from as ItemStatus },
      after: { status: to as ItemStatus, ...extra },
    });
  }

  return {
    getDefinitionOfDone: async (ctx: ProductContext) => {
      const saved = await store.read.sprintItems.definitionOfDone(ctx.productId);
      return saved ?? { checklist: await definitionOfDone(store.read, ctx.productId), version: 0 };
    },

    async saveDefinitionOfDone(ctx: ProductContext, checklist: string[]) {
      return store.transaction(async (r) => {
        const before = await definitionOfDone(r, ctx.productId);
        const after = await r.sprintItems.saveDefinitionOfDone(ctx.productId, [...new Set(checklist)]);
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'product',
          entityId: ctx.productId,
          type: 'definition_of_done.updated',
          before: { checklist: before },
          after: { checklist: after.checklist },
        });
        return after;
      });
    },

    async markDone(ctx: ProductContext, sprintId: string, itemId: string, checked: string[]) {
      return store.transaction(async (r) => {
        const { sprint, item } = await activeItem(r, ctx, sprintId, itemId);
        if (item.status === 'done' || item.status === 'accepted')
          throw new AppError('conflict', `${item.key} is already ${item.status}.`);
        const dod = await definitionOfDone(r, ctx.productId);
        checkDefinitionOfDone(dod, checked);
        await r.sprints.markDone(sprintId, itemId, ctx.actor.userId, dod);
        await setStatus(r, ctx, itemId, item.status, 'done', { definitionOfDone: dod });
        return sprintBoard(r, sprint);
      });
    },

    async review(
      ctx: ProductContext,
      sprintId: string,
      itemId: string,
      verdict: 'accepted' | 'rejected',
      comment: string,
    ) {
      return store.transaction(async (r) => {
        const { sprint, item } = await activeItem(r, ctx, sprintId, itemId);
        const allowed = verdict === 'accepted' ? ['done'] : ['done', 'accepted'];
        if (!allowed.includes(item.status))
          throw new AppError('conflict', `${item.key} is ${item.status}; only done work can be ${verdict}.`);
        await r.sprints.review(sprintId, itemId, { review: verdict, comment, actorId: ctx.actor.userId });
        await setStatus(r, ctx, itemId, item.status, verdict, { comment });
        return sprintBoard(r, sprint);
      });
    },
  };
}
