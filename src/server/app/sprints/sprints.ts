import { recordEvent } from '#app/events.ts';
import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import { isUuid } from '#contracts/common.ts';
import { AppError } from '#domain/errors.ts';
import { loadSprint, sprintBoard } from './load.ts';
import type { SprintFields } from './ports.ts';

/** Sprint records: create, list, read (as the planning board), edit with If-Match. */
export function sprintCrudUseCases(store: Store) {
  return {
    /** The sprint's product for the access check; a malformed id is simply not found. */
    productOf: async (sprintId: string | undefined) =>
      isUuid(sprintId) ? store.read.sprints.productOf(sprintId) : null,

    list: (ctx: ProductContext) => store.read.sprints.list(ctx.productId),

    async create(ctx: ProductContext, input: SprintFields) {
      return store.transaction(async (r) => {
        const s = await r.sprints.insert(ctx.productId, input);
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'sprint',
          entityId: s.id,
          type: 'sprint.created',
          after: input,
        });
        return s;
      });
    },

    async board(ctx: ProductContext, sprintId: string) {
      return sprintBoard(store.read, await loadSprint(store.read, ctx, sprintId));
    },

    async update(ctx: ProductContext, sprintId: string, version: number, patch: Partial<SprintFields>) {
      return store.transaction(async (r) => {
        const before = await loadSprint(r, ctx, sprintId, true);
        if (before.state === 'closed')
          throw new AppError('sprint_locked', 'This sprint is closed; it can no longer be edited.');
        const startDate = patch.startDate ?? before.startDate;
        const endDate = patch.endDate ?? before.endDate;
        if (endDate < startDate)
          throw new AppError('validation_failed', 'The sprint must end on or after its start.', {
            endDate: 'Must be on or after the start date',
          });
        const after = await r.sprints.update(sprintId, version, patch);
        if (!after)
          throw new AppError(
            'version_conflict',
            'Someone changed this sprint since you loaded it.',
            undefined,
            {
              current: before,
            },
          );
        const keys = Object.keys(patch) as Array<keyof SprintFields>;
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'sprint',
          entityId: sprintId,
          type: 'sprint.updated',
          before: Object.fromEntries(keys.map((k) => [k, before[k]])),
          after: Object.fromEntries(keys.map((k) => [k, after[k]])),
        });
        return after;
      });
    },
  };
}
