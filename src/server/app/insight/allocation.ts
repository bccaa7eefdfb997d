import type { ChangeFeed } from '#app/change-feed.ts';
import { recordEvent } from '#app/events.ts';
import { type JsonText, jsonText } from '#app/json-text.ts';
import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import { TopicCache } from '#app/topic-cache.ts';
import type {
  AllocationEvidence,
  AllocationReport,
  AllocationTargets,
  BudgetReport,
} from '#contracts/insight-allocation.ts';
import { AppError, invalid, notFound } from '#domain/errors.ts';
import {
  allocation,
  type CategoryRanges,
  checkRanges,
  SEGMENT_TOLERANCE_POINTS,
} from '#domain/insight/allocation.ts';
import { type BudgetSettings, budgetReport } from '#domain/insight/budget.ts';
import { type EvidenceAsk, shareEvidence, withoutItemIds } from './allocation-evidence.ts';
import type { WorkRecord } from './allocation-ports.ts';
import { allocationSharing } from './allocation-sharing.ts';

/** How many sprints the allocation shows unless asked (the example). */
export const DEFAULT_ALLOCATION_SPRINTS = 6;
/** The budget's burn covers at most this many sprints. */
const BUDGET_SPRINTS = 200;

const bySprint = (work: WorkRecord[]) => {
  const m = new Map<string, Array<{ itemId: string; points: number }>>();
  for (const w of work) {
    const list = m.get(w.sprintId) ?? [];
    list.push({ itemId: w.itemId, points: w.points });
    m.set(w.sprintId, list);
  }
  return m;
};

/**
 * Where the effort goes and the budget against value (issue 11). Reads are cached per product
 * until it changes (every change records an event, which drops the entry).
 */
export function allocationUseCases(store: Store, changes?: ChangeFeed) {
  // Cached until the product changes: the whole report (with every share's item ids) per range,
  // and the answers' JSON text per (range, evidence), so a hit is a string sent as it is.
  const reports = changes
    ? new TopicCache<AllocationReport>(changes, { maxAgeMs: 5_000, maxEntries: 500 })
    : null;
  const texts = changes ? new TopicCache<JsonText>(changes, { maxAgeMs: 5_000, maxEntries: 2_000 }) : null;
  const budgetCache = changes
    ? new TopicCache<BudgetReport>(changes, { maxAgeMs: 5_000, maxEntries: 2_000 })
    : null;
  const product = (ctx: ProductContext) => ({
    productId: ctx.productId,
    actorId: ctx.actor.userId,
    entityType: 'product' as const,
    entityId: ctx.productId,
  });

  async function targets(productId: string): Promise<AllocationTargets> {
    const t = await store.read.allocation.targets(productId);
    return {
      categories: t?.categories ?? {},
      version: t?.version ?? 0,
      updatedAt: t?.updatedAt.toISOString() ?? null,
    };
  }

  /** Computed afresh: the last `sprints` started sprints, the range overall, and the open backlog. */
  async function compute(productId: string, sprints: number): Promise<AllocationReport> {
    const r = store.read.allocation;
    // The sprints' work is read as soon as the sprints are known, while the items still load.
    const listP = r.sprints(productId, sprints);
    const workP = listP.then((list) => {
      const ids = list.map((s) => s.id);
      return Promise.all([r.completed(ids), r.committed(ids)] as const);
    });
    const [list, segments, items, t, backlog, work] = await Promise.all([
      listP,
      r.segments(productId),
      r.items(productId),
      r.targets(productId),
      r.backlog(productId),
      workP,
    ]);
    const [completed, committed] = work;
    const done = bySprint(completed);
    const planned = bySprint(committed);
    const result = allocation({
      items,
      segments,
      ranges: t?.categories ?? {},
      backlog,
      sprints: list.map((s) => ({
        id: s.id,
        name: s.name,
        completed: done.get(s.id) ?? [],
        planned: planned.get(s.id) ?? [],
        justification: s.justification,
      })),
    });
    const named = new Set<string>();
    const collect = (split: AllocationReport['overall']) => {
      for (const x of split.bySegment) for (const id of x.itemIds) named.add(id);
    };
    collect(result.overall);
    collect(result.planned);
    for (const s of result.sprints) collect(s.planned);
    return {
      sprints: result.sprints.map((s, i) => {
        const rec = list[i];
        return {
          ...s,
          state: rec?.state ?? 'closed',
          startDate: rec?.startDate ?? '',
          endDate: rec?.endDate ?? '',
          justifiedBy: rec?.justifiedBy ?? null,
        };
      }),
      overall: result.overall,
      planned: result.planned,
      items: items.filter((i) => named.has(i.id)).map((i) => ({ id: i.id, key: i.key, title: i.title })),
      tolerance: SEGMENT_TOLERANCE_POINTS,
    };
  }

  async function computeBudget(productId: string): Promise<BudgetReport> {
    const r = store.read.allocation;
    const [b, list, segments, items, reviews] = await Promise.all([
      r.budget(productId),
      r.sprints(productId, BUDGET_SPRINTS),
      r.segments(productId),
      r.items(productId),
      r.reviewTallies(productId),
    ]);
    const done = bySprint(await r.completed(list.map((s) => s.id)));
    const byId = new Map(items.map((i) => [i.id, i]));
    const settings: BudgetSettings = b ?? { total: 0, unit: 'points', costPerSprint: null };
    const report = budgetReport({
      budget: settings,
      segments,
      reviews,
      sprints: list.map((s) => {
        const work = done.get(s.id) ?? [];
        return {
          id: s.id,
          name: s.name,
          endDate: s.endDate,
          completedPoints: work.reduce((t, w) => t + w.points, 0),
          accepted: work.flatMap((w) => {
            const i = byId.get(w.itemId);
            return i
              ? [
                  {
                    itemId: i.id,
                    costOfDelay: i.costOfDelay,
                    segmentIds: i.segmentIds,
                    segmentWeights: i.segmentWeights,
                  },
                ]
              : [];
          }),
        };
      }),
    });
    return b
      ? {
          ...report,
          budget: { total: b.total, unit: b.unit, costPerSprint: b.costPerSprint },
          version: b.version,
        }
      : { ...report, budget: null, version: 0, warning: null };
  }

  const full = (productId: string, sprints: number) =>
    reports
      ? reports.get(productId, `allocation:${sprints}`, () => compute(productId, sprints))
      : compute(productId, sprints);

  return {
    compute,
    ...allocationSharing(store, full, texts),
    targets: (ctx: ProductContext) => targets(ctx.productId),

    /** The allocation as the API sends it; `evidence: 'none'` (default) leaves the item ids out. */
    report: (
      ctx: ProductContext,
      q: { sprints?: number | undefined; evidence?: 'none' | 'ids' | undefined },
    ) => {
      const sprints = q.sprints ?? DEFAULT_ALLOCATION_SPRINTS;
      const evidence = q.evidence ?? 'none';
      const load = async () => {
        const r = await full(ctx.productId, sprints);
        return jsonText(evidence === 'ids' ? r : withoutItemIds(r));
      };
      return texts ? texts.get(ctx.productId, `allocation:${sprints}:${evidence}`, load) : load();
    },

    /** The items behind one share: a sprint (or overall, the backlog) and a segment or category. */
    evidence: async (ctx: ProductContext, q: EvidenceAsk): Promise<AllocationEvidence> =>
      shareEvidence(await full(ctx.productId, q.sprints ?? DEFAULT_ALLOCATION_SPRINTS), q),

    /** The PO's category ranges; If-Match: the version read (0 before the first save). */
    setTargets: (ctx: ProductContext, version: number, categories: CategoryRanges) =>
      store.transaction(async (r) => {
        const bad = checkRanges(categories);
        if (Object.keys(bad).length) throw invalid(bad);
        const current = await r.allocation.targets(ctx.productId, 'update');
        if ((current?.version ?? 0) !== version)
          throw new AppError(
            'version_conflict',
            'Someone changed the allocation targets meanwhile.',
            undefined,
            {
              current: await targets(ctx.productId),
            },
          );
        const saved = await r.allocation.saveTargets(ctx.productId, categories, ctx.actor.userId);
        await recordEvent(r, {
          ...product(ctx),
          type: 'allocation.targets_updated',
          before: { categories: current?.categories ?? {} },
          after: { categories },
        });
        return { categories, version: saved.version, updatedAt: saved.updatedAt.toISOString() };
      }),

    justify: (ctx: ProductContext, sprintId: string, text: string) =>
      store.transaction(async (r) => {
        const sprint = await r.sprints.get(sprintId);
        if (!sprint || sprint.productId !== ctx.productId) throw notFound('That sprint');
        const { before, after } = await r.allocation.setJustification(
          sprintId,
          ctx.productId,
          text,
          ctx.actor.userId,
        );
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'sprint',
          entityId: sprintId,
          type: 'sprint.justified',
          before: { text: before },
          after: { text },
        });
        return { ...after, writtenAt: after.writtenAt.toISOString() };
      }),

    budget: (ctx: ProductContext) =>
      budgetCache
        ? budgetCache.get(ctx.productId, 'budget', () => computeBudget(ctx.productId))
        : computeBudget(ctx.productId),

    setBudget: async (ctx: ProductContext, version: number, input: BudgetSettings) => {
      await store.transaction(async (r) => {
        const current = await r.allocation.budget(ctx.productId, 'update');
        if ((current?.version ?? 0) !== version)
          throw new AppError('version_conflict', 'Someone changed the budget meanwhile.', undefined, {
            current,
          });
        const saved = await r.allocation.saveBudget(ctx.productId, input, ctx.actor.userId);
        await recordEvent(r, {
          ...product(ctx),
          type: 'budget.updated',
          before: current
            ? { total: current.total, unit: current.unit, costPerSprint: current.costPerSprint }
            : null,
          after: { total: saved.total, unit: saved.unit, costPerSprint: saved.costPerSprint },
        });
      });
      budgetCache?.invalidate(ctx.productId);
      return computeBudget(ctx.productId);
    },
  };
}
