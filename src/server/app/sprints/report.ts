import type { ChangeFeed } from '#app/change-feed.ts';
import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import { TopicCache } from '#app/topic-cache.ts';
import { burnUp } from '#domain/sprints/burn-up.ts';
import { estimateSpread } from '#domain/sprints/estimate-spread.ts';
import { isCompleted } from '#domain/sprints/sprint-rules.ts';
import { sayDoRatio, velocityCv } from '#domain/sprints/velocity.ts';
import { loadSprint, sumPoints } from './load.ts';
import type { ScopeChangeRecord } from './ports.ts';

export const REPORT_HISTORY = 10;

/** Points a recorded change adds to (or takes from) the scope line. */
const scopeDelta = (c: ScopeChangeRecord): number =>
  c.change === 'added' || c.change === 'carried_in'
    ? (c.pointsAfter ?? 0)
    : c.change === 'removed'
      ? -(c.pointsBefore ?? 0)
      : (c.pointsAfter ?? 0) - (c.pointsBefore ?? 0);

/** Sprint report: say/do, scope changes with reasons, carry-over, reviews, velocity, burn-up. */
export function sprintReportUseCases(store: Store, now: () => Date, changes?: ChangeFeed) {
  async function build(ctx: ProductContext, sprintId: string) {
    const r = store.read;
    const sprint = await loadSprint(r, ctx, sprintId);
    const [items, snapshot, changes, history, samples] = await Promise.all([
      r.sprints.items(sprintId),
      r.sprints.snapshot(sprintId),
      r.sprints.scopeChanges(sprintId),
      r.sprints.closedHistory(ctx.productId, REPORT_HISTORY, sprint.closedAt),
      r.sprints.estimateSamples(sprintId, ctx.productId, REPORT_HISTORY, sprint.closedAt),
    ]);
    const committedPoints = snapshot?.committedPoints ?? 0;
    const completedItems = items.filter((i) => isCompleted(i.status) || i.outcome === 'completed');
    const completedPoints =
      sprint.state === 'closed'
        ? (sprint.completedPoints ?? 0)
        : sumPoints(completedItems.map((i) => i.size));
    const velocity = history.map(({ capacity: _, ...v }) => v);
    return {
      sprint,
      committedPoints,
      completedPoints,
      sayDoRatio: snapshot ? sayDoRatio(committedPoints, completedPoints) : null,
      scopeChanges: changes,
      carriedOver: items
        .filter((i) => i.outcome === 'backlog' || i.outcome === 'next_sprint')
        .map((i) => ({ itemId: i.itemId, key: i.key, title: i.title, to: i.outcome as string })),
      accepted: items.filter((i) => i.review === 'accepted').length,
      rejected: items.filter((i) => i.review === 'rejected').length,
      doneNotAccepted: items.filter((i) => i.status === 'done').length,
      reopened: items.reduce((s, i) => s + i.reopened, 0),
      velocityHistory: velocity,
      velocityCv: velocityCv(velocity.map((v) => v.completedPoints)),
      estimateVsActual: estimateSpread(samples),
      burnUp: snapshot
        ? burnUp({
            startDate: sprint.startDate,
            endDate: sprint.endDate,
            committedPoints,
            scopeSteps: changes.map((c) => ({ at: c.at, delta: scopeDelta(c) })),
            completions: items
              .filter((i) => i.doneAt && i.review !== 'rejected')
              .map((i) => ({ at: i.doneAt!, points: i.pointsAtClose ?? i.size ?? 0 })),
            today: sprint.closedAt ?? now(),
          })
        : [],
    };
  }
  // Reports are read often (reviews, retros, dashboards) and change only with the product.
  const cache = changes
    ? new TopicCache<Awaited<ReturnType<typeof build>>>(changes, { maxAgeMs: 5_000, maxEntries: 2_000 })
    : null;
  return {
    /** The report as a record; server/http presents it. */
    report: (ctx: ProductContext, sprintId: string) =>
      cache
        ? cache.get(ctx.productId, `report:${sprintId}`, () => build(ctx, sprintId))
        : build(ctx, sprintId),
  };
}
export type SprintReportRecord = Awaited<ReturnType<ReturnType<typeof sprintReportUseCases>['report']>>;
