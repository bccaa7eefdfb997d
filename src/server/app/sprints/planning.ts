import { recordEvent } from '#app/events.ts';
import { changeItem, loadItem } from '#app/items/item-rules.ts';
import type { NewEvent } from '#app/ports.ts';
import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import type { EventOf } from '#contracts/events.ts';
import { AppError, notFound } from '#domain/errors.ts';
import { checkScopeChange, checkTransition, isCompleted } from '#domain/sprints/sprint-rules.ts';
import { loadAndForecast, loadSprint, sprintBoard } from './load.ts';

/**
 * Planning and scope: the team pulls items in, starts the sprint (snapshotting what it committed
 * to), and every later change to scope carries a recorded reason (seed 003).
 */
export function sprintPlanningUseCases(store: Store) {
  const event = <T extends 'sprint.item_added' | 'sprint.item_removed' | 'sprint.started'>(
    ctx: ProductContext,
    sprintId: string,
    type: T,
    after: EventOf<T>['after'],
  ): NewEvent =>
    // The cast only joins the generic halves; `after` is already checked against `type`.
    ({
      productId: ctx.productId,
      actorId: ctx.actor.userId,
      entityType: 'sprint',
      entityId: sprintId,
      type,
      after,
    }) as NewEvent;

  return {
    async addItem(ctx: ProductContext, sprintId: string, itemId: string, reasonIn?: string) {
      return store.transaction(async (r) => {
        const sprint = await loadSprint(r, ctx, sprintId, true);
        const reason = checkScopeChange(sprint.state, reasonIn);
        const item = await loadItem(r, ctx.productId, itemId);
        if (isCompleted(item.status))
          throw new AppError('conflict', `${item.key} is already ${item.status}.`);
        const current = await r.sprints.openSprintOf(itemId);
        if (current === sprintId) throw new AppError('conflict', `${item.key} is already in this sprint.`);
        if (current) throw new AppError('conflict', `${item.key} is already planned in another sprint.`);
        await r.sprints.addItem(sprintId, ctx.productId, itemId, ctx.actor.userId);
        if (reason) {
          await r.sprints.addScopeChange(sprintId, {
            itemId,
            change: 'added',
            pointsBefore: null,
            pointsAfter: item.size,
            reason,
            actorId: ctx.actor.userId,
          });
        }
        await recordEvent(r, event(ctx, sprintId, 'sprint.item_added', { itemId, key: item.key, reason }));
        return sprintBoard(r, sprint);
      });
    },

    async removeItem(ctx: ProductContext, sprintId: string, itemId: string, reasonIn?: string) {
      return store.transaction(async (r) => {
        const sprint = await loadSprint(r, ctx, sprintId, true);
        const reason = checkScopeChange(sprint.state, reasonIn);
        const inSprint = await r.sprints.item(sprintId, itemId);
        if (!inSprint) throw notFound('That item in this sprint');
        await r.sprints.removeItem(sprintId, itemId);
        if (reason) {
          await r.sprints.addScopeChange(sprintId, {
            itemId,
            change: 'removed',
            pointsBefore: inSprint.size,
            pointsAfter: null,
            reason,
            actorId: ctx.actor.userId,
          });
        }
        await recordEvent(
          r,
          event(ctx, sprintId, 'sprint.item_removed', { itemId, key: inSprint.key, reason }),
        );
        return sprintBoard(r, sprint);
      });
    },

    /** Only the team re-sizes (the route allows `team` alone); once started it needs a reason. */
    async resizeItem(ctx: ProductContext, sprintId: string, itemId: string, size: number, reasonIn?: string) {
      return store.transaction(async (r) => {
        const sprint = await loadSprint(r, ctx, sprintId, true);
        const reason = checkScopeChange(sprint.state, reasonIn);
        const inSprint = await r.sprints.item(sprintId, itemId);
        if (!inSprint) throw notFound('That item in this sprint');
        await changeItem(
          r,
          { productId: ctx.productId, actorId: ctx.actor.userId, role: ctx.role },
          itemId,
          { size },
          { path: 'sprint_resize', note: { sprintId, ...(reason ? { reason } : {}) } },
        );
        if (reason) {
          await r.sprints.addScopeChange(sprintId, {
            itemId,
            change: 'resized',
            pointsBefore: inSprint.size,
            pointsAfter: size,
            reason,
            actorId: ctx.actor.userId,
          });
        }
        return sprintBoard(r, sprint);
      });
    },

    /**
     * Start: snapshot the committed items and points (never changed afterwards). Committing above
     * the forecast needs the team's explicit confirmation, which the snapshot records (seed 003).
     */
    async start(ctx: ProductContext, sprintId: string, confirmOverForecast: boolean) {
      return store.transaction(async (r) => {
        const sprint = await loadSprint(r, ctx, sprintId, true);
        checkTransition(sprint.state, 'active');
        const running = (await r.sprints.list(ctx.productId)).find((s) => s.state === 'active');
        if (running) throw new AppError('conflict', `${running.name} is still running; close it first.`);
        const { items, forecast, loadPoints, overForecast } = await loadAndForecast(r, sprint);
        if (items.length === 0)
          throw new AppError('conflict', 'Pull at least one item into the sprint first.');
        if (overForecast && !confirmOverForecast) {
          throw new AppError(
            'conflict',
            `The sprint holds ${loadPoints} points, above the forecast of ${forecast.points}. The team must confirm it commits to this.`,
            { confirmOverForecast: 'The team confirms committing above the forecast' },
            { loadPoints, forecastPoints: forecast.points },
          );
        }
        await r.sprints.insertSnapshot(
          sprintId,
          {
            committedPoints: loadPoints,
            items: items.map((i) => ({
              itemId: i.itemId,
              key: i.key,
              title: i.title,
              size: i.size,
              status: i.status,
            })),
            forecastPoints: forecast.points,
            overForecast,
            confirmedBy: overForecast ? ctx.actor.userId : null,
          },
          ctx.actor.userId,
        );
        const started = await r.sprints.markStarted(sprintId, ctx.actor.userId, loadPoints);
        await recordEvent(
          r,
          event(ctx, sprintId, 'sprint.started', {
            committedPoints: loadPoints,
            items: items.length,
            forecastPoints: forecast.points,
            overForecast,
            confirmedOverForecastBy: overForecast ? ctx.actor.userId : null,
          }),
        );
        return sprintBoard(r, started);
      });
    },
  };
}
