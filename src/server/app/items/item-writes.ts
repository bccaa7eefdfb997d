import { recordEvent } from '#app/events.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos, Store } from '#app/store.ts';
import { canTransition, defaultCategory, type ItemType } from '#domain/backlog/item-rules.ts';
import { keyBetween, tombstoneKey } from '#domain/backlog/ordering.ts';
import { AppError, invalid } from '#domain/errors.ts';
import { assertReady, checkFieldOwnership, checkReferences, diff, loadItem } from './item-rules.ts';
import type { ItemRecord, ItemWritable } from './ports.ts';

export type ItemInput = Partial<ItemWritable> & { segmentIds?: string[] | undefined };
type CreateInput = ItemInput & { type: ItemType; title: string };

const TRACKED: readonly (keyof ItemRecord)[] = [
  'type',
  'title',
  'problem',
  'description',
  'acceptanceCriteria',
  'segmentIds',
  'category',
  'labels',
  'assigneeId',
  'status',
  'businessValue',
  'timeCriticality',
  'riskReduction',
  'size',
  'releaseCritical',
];

const RANK_ATTEMPTS = 5;

export function itemWriteUseCases(store: Store) {
  return {
    /** New items go to the bottom of the backlog. */
    async create(ctx: ProductContext, input: CreateInput): Promise<ItemRecord> {
      checkFieldOwnership(ctx.role, input, null);
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await store.transaction(async (r) => {
            await checkReferences(r, ctx.productId, input);
            const fields: ItemWritable = {
              type: input.type,
              title: input.title,
              problem: input.problem ?? '',
              description: input.description ?? '',
              acceptanceCriteria: input.acceptanceCriteria ?? [],
              category: input.category ?? defaultCategory(input.type),
              labels: input.labels ?? [],
              assigneeId: input.assigneeId ?? null,
              status: input.status ?? 'new',
              businessValue: input.businessValue ?? null,
              timeCriticality: input.timeCriticality ?? null,
              riskReduction: input.riskReduction ?? null,
              size: input.size ?? null,
              releaseCritical: input.releaseCritical ?? false,
            };
            if (!['new', 'ready'].includes(fields.status))
              throw invalid({ status: 'A new item starts as new or ready' });
            if (fields.status === 'ready')
              await assertReady(r, {
                ...fields,
                id: '',
                productId: ctx.productId,
                segmentIds: input.segmentIds ?? [],
              });
            const number = await r.products.nextItemNumbers(ctx.productId, 1);
            const rank = keyBetween(await r.items.lastRank(ctx.productId), null);
            const created = await r.items.insert({
              ...fields,
              productId: ctx.productId,
              number,
              rank,
              externalId: null,
              createdBy: ctx.actor.userId,
            });
            if (input.segmentIds?.length) await r.items.setSegments(created.id, input.segmentIds);
            const item = input.segmentIds?.length ? (await r.items.byId(created.id))! : created;
            await recordEvent(r, {
              productId: ctx.productId,
              actorId: ctx.actor.userId,
              entityType: 'item',
              entityId: item.id,
              type: 'item.created',
              after: { key: item.key, ...fields, segmentIds: item.segmentIds },
            });
            return item;
          });
        } catch (err) {
          // Two creates raced for the same bottom key: take the next one.
          const e = err as { code?: string; constraint?: string };
          if (e.code === '23505' && e.constraint === 'items_rank_idx' && attempt < RANK_ATTEMPTS) continue;
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
        checkFieldOwnership(ctx.role, patch, before);
        await checkReferences(r, ctx.productId, patch);
        if (before.version !== version) {
          throw new AppError(
            'version_conflict',
            'Someone changed this item since you loaded it.',
            undefined,
            {
              current: before,
            },
          );
        }
        if (patch.status && !canTransition(before.status, patch.status))
          throw invalid({ status: `An item cannot go from ${before.status} to ${patch.status}` });
        const merged = { ...before, ...stripUndefined(patch) };
        if (patch.type === 'story' && !merged.problem.trim())
          throw invalid({ problem: 'State the problem first: who has it and why it matters' });
        if (merged.status === 'ready' && before.status !== 'ready') await assertReady(r, merged);
        if (patch.size !== undefined && patch.size !== before.size) await refuseSilentResize(r, itemId);
        const { segmentIds, ...columns } = patch;
        let after = await r.items.update(itemId, version, columns);
        if (!after) {
          const current = await r.items.byId(itemId);
          throw new AppError(
            'version_conflict',
            'Someone changed this item since you loaded it.',
            undefined,
            {
              current,
            },
          );
        }
        if (segmentIds && JSON.stringify([...segmentIds].sort()) !== JSON.stringify(before.segmentIds)) {
          await r.items.setSegments(itemId, segmentIds);
          after = (await r.items.byId(itemId))!;
        }
        const d = diff(before, after, TRACKED);
        if (d.changed) {
          await recordEvent(r, {
            productId: ctx.productId,
            actorId: ctx.actor.userId,
            entityType: 'item',
            entityId: itemId,
            type: 'item.updated',
            before: d.before,
            after: d.after,
          });
        }
        return after;
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

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Once a sprint has started, its scope is locked (seed 003): re-sizing an item in it needs a
 * reason, recorded with the sprint. That goes through the sprint's resize endpoint, never a bare PATCH.
 */
async function refuseSilentResize(r: Repos, itemId: string): Promise<void> {
  const sprintId = await r.sprints.openSprintOf(itemId);
  const sprint = sprintId ? await r.sprints.get(sprintId) : null;
  if (sprint?.state === 'active') {
    throw new AppError(
      'reason_required',
      `This item is in the active sprint "${sprint.name}". Re-size it from the sprint, with a reason.`,
      { size: 'Re-size from the active sprint, with a reason' },
      { sprintId: sprint.id },
    );
  }
}
