import { recordEvent } from '#app/events.ts';
import { changeItem } from '#app/items/item-rules.ts';
import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import { AppError } from '#domain/errors.ts';
import { type CarryOver, checkTransition, isCompleted } from '#domain/sprints/sprint-rules.ts';
import { loadSprint, sprintBoard, sumPoints } from './load.ts';

/**
 * Close: done or accepted items count as completed; everything else, partially done included,
 * counts as not done and goes back to the backlog or into the next sprint (recorded as carry-over).
 */
export function sprintCloseUseCases(store: Store) {
  return {
    async close(ctx: ProductContext, sprintId: string, unfinished: CarryOver, nextSprintId?: string) {
      return store.transaction(async (r) => {
        const sprint = await loadSprint(r, ctx, sprintId, true);
        checkTransition(sprint.state, 'closed');
        const items = await r.sprints.items(sprintId);
        const open = items.filter((i) => !isCompleted(i.status));
        let next: { id: string; name: string } | null = null;
        if (unfinished === 'next_sprint' && open.length > 0) {
          const planned = (await r.sprints.list(ctx.productId))
            .filter((s) => s.state === 'planned')
            .sort((a, b) => a.startDate.localeCompare(b.startDate));
          next = (nextSprintId ? planned.find((s) => s.id === nextSprintId) : planned[0]) ?? null;
          if (!next)
            throw new AppError(
              'validation_failed',
              'Plan the next sprint first, or send the work back to the backlog.',
              {
                nextSprintId: 'No planned sprint of this product has this id',
              },
            );
        }
        for (const i of items) {
          if (isCompleted(i.status)) {
            await r.sprints.setOutcome(sprintId, i.itemId, {
              outcome: 'completed',
              carriedTo: null,
              points: i.size,
            });
            continue;
          }
          await r.sprints.setOutcome(sprintId, i.itemId, {
            outcome: next ? 'next_sprint' : 'backlog',
            carriedTo: next?.id ?? null,
            points: i.size,
          });
          if (next) {
            await r.sprints.addItem(next.id, ctx.productId, i.itemId, ctx.actor.userId);
          } else if (i.status === 'in_progress' || i.status === 'rejected') {
            // Back in the backlog, unfinished work is ready to be pulled again, not "in progress".
            await changeItem(
              r,
              { productId: ctx.productId, actorId: ctx.actor.userId, role: ctx.role },
              i.itemId,
              { status: 'ready' },
              { path: 'close', note: { returnedFromSprint: sprintId } },
            );
          }
        }
        const completed = sumPoints(items.filter((i) => isCompleted(i.status)).map((i) => i.size));
        const closed = await r.sprints.markClosed(sprintId, ctx.actor.userId, completed);
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'sprint',
          entityId: sprintId,
          type: 'sprint.closed',
          after: {
            completedPoints: completed,
            carriedOver: open.map((i) => i.key),
            to: next ? { sprintId: next.id, name: next.name } : 'backlog',
          },
        });
        return sprintBoard(r, closed);
      });
    },
  };
}
