import { recordEvent } from '#app/events.ts';
import { applyDecision, decideFor, loadItem } from '#app/items/item-rules.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos, Store } from '#app/store.ts';
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

  /** The item's new status through the item aggregate (the sprint paths' own moves). */
  async function decideStatus(
    r: Repos,
    ctx: ProductContext,
    itemId: string,
    status: 'done' | 'accepted' | 'rejected',
    path: 'sprint_done' | 'review',
    note: Record<string, unknown>,
  ) {
    const current = await loadItem(r, ctx.productId, itemId, true);
    const d = await decideFor(r, ctx.productId, current, { status }, { role: ctx.role, path, note });
    return {
      apply: () =>
        applyDecision(
          r,
          { productId: ctx.productId, actorId: ctx.actor.userId },
          current,
          current.version,
          d,
        ),
    };
  }

  return {
    getDefinitionOfDone: async (ctx: ProductContext) => {
      const saved = await store.read.definitionsOfDone.get(ctx.productId);
      return saved ?? { checklist: await definitionOfDone(store.read, ctx.productId), version: 0 };
    },

    async saveDefinitionOfDone(ctx: ProductContext, checklist: string[]) {
      return store.transaction(async (r) => {
        const before = await definitionOfDone(r, ctx.productId);
        const after = await r.definitionsOfDone.save(ctx.productId, [...new Set(checklist)]);
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
        const { sprint } = await activeItem(r, ctx, sprintId, itemId);
        const dod = await definitionOfDone(r, ctx.productId);
        const done = await decideStatus(r, ctx, itemId, 'done', 'sprint_done', { definitionOfDone: dod });
        checkDefinitionOfDone(dod, checked);
        await r.sprints.markDone(sprintId, itemId, ctx.actor.userId, dod);
        await done.apply();
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
        const { sprint } = await activeItem(r, ctx, sprintId, itemId);
        const reviewed = await decideStatus(r, ctx, itemId, verdict, 'review', { comment });
        await r.sprints.review(sprintId, itemId, { review: verdict, comment, actorId: ctx.actor.userId });
        await reviewed.apply();
        return sprintBoard(r, sprint);
      });
    },
  };
}
