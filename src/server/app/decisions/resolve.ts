import { recordEvent } from '#app/events.ts';
import { insertDecided } from '#app/items/create-queue.ts';
import { applyDecision, decideFor, loadItem } from '#app/items/item-rules.ts';
import { RankTaken } from '#app/items/ports.ts';
import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import type { ItemStatus } from '#domain/backlog/item-rules.ts';
import { checkResolution, type RepaymentPlan, type Resolution } from '#domain/decisions/workaround.ts';
import { AppError, invalid } from '#domain/errors.ts';

/** Creates racing a move for the bottom of the open work: each retry reads the new slot. */
const RANK_ATTEMPTS = 5;
const FINISHED: readonly ItemStatus[] = ['done', 'accepted'];

/**
 * Resolving an item (issue 13): a fix, or a workaround with its repayment, once per item. In ONE
 * transaction the item is finished through the item aggregate (path `resolve`; work already done
 * or accepted keeps its status, a rejected item is refused), the repayment debt item is
 * decided by the same aggregate and written at the bottom of the open work, linked `repays` to
 * the workaround with its due sprint or date, and `item.resolved` is recorded. A workaround
 * without a repayment is refused (400 naming `repayment`) before anything is written.
 */
export function resolveUseCases(store: Store, now: () => Date) {
  async function once(
    ctx: ProductContext,
    itemId: string,
    resolution: Resolution,
    repayment: RepaymentPlan | undefined,
  ) {
    return store.transaction(async (r) => {
      const refusal = checkResolution(resolution, repayment);
      if (refusal) throw refusal;
      const item = await loadItem(r, ctx.productId, itemId, true);
      const dueSprintId = repayment?.dueSprintId ?? null;
      if (dueSprintId) {
        const sprint = await r.sprints.get(dueSprintId);
        if (!sprint || sprint.productId !== ctx.productId)
          throw invalid({ 'repayment.dueSprintId': 'Not a sprint of this product' });
        if (sprint.state === 'closed')
          throw invalid({ 'repayment.dueSprintId': `${sprint.name} is closed; choose a sprint still ahead` });
      }
      const actor = { productId: ctx.productId, actorId: ctx.actor.userId };
      const earlier = await r.repayments.resolutionOf(item.id);
      if (earlier)
        throw new AppError(
          'conflict',
          `${item.key} was already resolved ${earlier.resolution === 'fixed' ? 'with a fix' : 'by a workaround'}.`,
        );
      // Work the team already finished (done, waiting for review; or accepted) keeps its status:
      // resolving says how it was resolved. Open work is finished through the aggregate.
      const after = FINISHED.includes(item.status)
        ? item
        : await applyDecision(
            r,
            actor,
            item,
            item.version,
            await decideFor(r, ctx.productId, item, { status: 'done' }, { role: ctx.role, path: 'resolve' }),
          );

      let repaymentItemId: string | null = null;
      if (resolution === 'workaround' && repayment) {
        const decided = await decideFor(
          r,
          ctx.productId,
          null,
          {
            type: 'debt',
            title: repayment.title,
            problem: `${item.key} “${item.title}” was resolved by a workaround. Until it is replaced with the agreed fix, the workaround stays in the product.`,
          },
          { role: ctx.role, path: 'form' },
        );
        const [debt] = await insertDecided(r, ctx.productId, [
          { actorId: ctx.actor.userId, decision: decided },
        ]);
        repaymentItemId = debt!.id;
        await r.itemLinks.insert({
          productId: ctx.productId,
          kind: 'repays',
          fromItemId: repaymentItemId,
          toItemId: item.id,
          createdBy: ctx.actor.userId,
        });
        await r.repayments.insert({
          repaymentItemId,
          workaroundItemId: item.id,
          productId: ctx.productId,
          dueDate: repayment.dueDate ?? null,
          dueSprintId,
        });
      }
      await r.repayments.resolve({
        itemId: item.id,
        productId: ctx.productId,
        resolution,
        by: ctx.actor.userId,
        at: now(),
      });
      await recordEvent(r, {
        ...actor,
        entityType: 'item',
        entityId: item.id,
        type: 'item.resolved',
        after: {
          key: item.key,
          resolution,
          repaymentItemId,
          dueDate: repayment?.dueDate ?? null,
          dueSprintId,
        },
      });
      return { item: after, resolution, repaymentItemId };
    });
  }

  return {
    async resolve(ctx: ProductContext, itemId: string, resolution: Resolution, repayment?: RepaymentPlan) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await once(ctx, itemId, resolution, repayment);
        } catch (err) {
          if (err instanceof RankTaken && attempt < RANK_ATTEMPTS) continue;
          throw err;
        }
      }
    },
  };
}
