import { recordEvent } from '#app/events.ts';
import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import type { TopicCache } from '#app/topic-cache.ts';
import type { InvestCheck } from '#domain/backlog/invest.ts';
import { AppError, invalid } from '#domain/errors.ts';
import { investFor, loadItem } from './item-rules.ts';
import type { ItemFilter, ItemSortKey } from './ports.ts';

export interface ListInput extends ItemFilter {
  sort: ItemSortKey;
  dir?: 'asc' | 'desc' | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Cursor = base64url JSON of [sort, dir, sortValue, rank]: bound to the sort it came from. */
const encodeCursor = (sort: string, dir: string, value: string | null, rank: string) =>
  Buffer.from(JSON.stringify([sort, dir, value, rank])).toString('base64url');

function decodeCursor(cursor: string, sort: string, dir: string) {
  try {
    const [s, d, value, rank] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (s === sort && d === dir && (value === null || typeof value === 'string') && typeof rank === 'string')
      return { value, rank };
  } catch {
    // fall through to the validation error
  }
  throw invalid({ cursor: 'This cursor belongs to another listing; start from the first page' });
}

export interface ListPage {
  itemsJson: string;
  nextCursor: string | null;
  /** The encoded response, kept with the cached page so repeated reads skip re-encoding it. */
  encoded?: Uint8Array;
}

export function itemReadUseCases(store: Store, cache?: TopicCache<ListPage>) {
  return {
    get: (ctx: ProductContext, itemId: string) => loadItem(store.read, ctx.productId, itemId),

    /** The list page as ready-made JSON (the hot path of the backlog screen). */
    async listJson(ctx: ProductContext, q: ListInput): Promise<ListPage> {
      const dir = q.dir ?? (['wsjf', 'updatedAt', 'createdAt'].includes(q.sort) ? 'desc' : 'asc');
      const after = q.cursor ? decodeCursor(q.cursor, q.sort, dir) : undefined;
      const load = async (): Promise<ListPage> => {
        const page = await store.read.items.pageJson(
          ctx.productId,
          { ...q, dir, after, limit: q.limit + 1 },
          q.limit,
        );
        const more = page.found > q.limit && page.last !== null;
        return {
          itemsJson: page.json,
          nextCursor: more && page.last ? encodeCursor(q.sort, dir, page.last.value, page.last.rank) : null,
        };
      };
      return cache ? cache.get(ctx.productId, JSON.stringify([q, dir]), load) : load();
    },

    async invest(ctx: ProductContext, itemId: string) {
      const item = await loadItem(store.read, ctx.productId, itemId);
      const { findings, gaps } = await investFor(store.read, item);
      return { itemId, findings, readinessGaps: gaps.map((g) => g.check), ready: gaps.length === 0 };
    },

    /** Every change of the item from the event log, oldest first, as field before/after pairs. */
    async history(ctx: ProductContext, itemId: string) {
      await loadItem(store.read, ctx.productId, itemId);
      const events = await store.read.events.list({
        productId: ctx.productId,
        entityType: 'item',
        entityId: itemId,
        limit: 1000,
      });
      return events.reverse().map((e) => {
        const before = (e.before ?? {}) as Record<string, unknown>;
        const after = (e.after ?? {}) as Record<string, unknown>;
        const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
        return {
          ...e,
          changes: fields.map((field) => ({
            field,
            before: before[field] ?? null,
            after: after[field] ?? null,
          })),
        };
      });
    },

    settings: (ctx: ProductContext) => store.read.backlogSettings.get(ctx.productId),

    async saveSettings(
      ctx: ProductContext,
      version: number,
      patch: { definitionOfReady?: InvestCheck[] | undefined; splitThreshold?: number | undefined },
    ) {
      return store.transaction(async (r) => {
        const before = await r.backlogSettings.get(ctx.productId);
        const stale = (current: unknown) =>
          new AppError(
            'version_conflict',
            'Someone changed these settings since you loaded them.',
            undefined,
            {
              current,
            },
          );
        if (before.version !== version) throw stale(before);
        const after = await r.backlogSettings.save(
          ctx.productId,
          {
            definitionOfReady: patch.definitionOfReady ?? before.definitionOfReady,
            splitThreshold: patch.splitThreshold ?? before.splitThreshold,
          },
          version,
        );
        if (!after) throw stale(await r.backlogSettings.get(ctx.productId));
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'backlog_settings',
          entityId: ctx.productId,
          type: 'backlog.settings_changed',
          before,
          after,
        });
        return after;
      });
    },
  };
}
