import type { ProductContext } from '#app/products.ts';
import type { Repos } from '#app/store.ts';
import { notFound } from '#domain/errors.ts';
import { DEFAULT_DEFINITION_OF_DONE } from '#domain/sprints/definition-of-done.ts';
import { forecastPoints, isOverForecast } from '#domain/sprints/forecast.ts';
import { planningReadiness } from '#domain/sprints/readiness.ts';
import type { SprintRecord } from './ports.ts';

/** The sprint, if it belongs to the caller's product (the route already checked membership). */
export async function loadSprint(r: Repos, ctx: ProductContext, sprintId: string, lock = false) {
  const s = await r.sprints.get(sprintId, lock);
  if (!s || s.productId !== ctx.productId) throw notFound('That sprint');
  return s;
}

export async function definitionOfDone(r: Repos, productId: string): Promise<string[]> {
  return (await r.definitionsOfDone.get(productId))?.checklist ?? [...DEFAULT_DEFINITION_OF_DONE];
}

/** Sum of known sizes; unestimated items count 0 and are reported separately. */
export const sumPoints = (sizes: Array<number | null>): number =>
  sizes.reduce<number>((s, v) => s + (v ?? 0), 0);

/** Load beside forecast: the forecast uses sprints closed before this one started. */
export async function loadAndForecast(r: Repos, sprint: SprintRecord) {
  const items = await r.sprints.items(sprint.id);
  const history = await r.sprints.closedHistory(sprint.productId, 5, sprint.startedAt);
  const forecast = forecastPoints(history, sprint.capacity);
  const loadPoints = sumPoints(items.map((i) => i.size));
  return { items, forecast, loadPoints, overForecast: isOverForecast(loadPoints, forecast) };
}

/** The planning and sprint view: items with readiness, load beside forecast, snapshot, changes. */
export async function sprintBoard(r: Repos, sprint: SprintRecord) {
  // Sequential on purpose: inside a transaction one client runs one query at a time.
  const lf = await loadAndForecast(r, sprint);
  const settings = await r.backlogSettings.get(sprint.productId);
  const dor = { checks: settings.definitionOfReady, splitThreshold: settings.splitThreshold };
  const snapshot = await r.sprints.snapshot(sprint.id);
  const changes = await r.sprints.scopeChanges(sprint.id);
  const dod = await definitionOfDone(r, sprint.productId);
  const inSnapshot = new Set(snapshot?.items.map((i) => i.itemId) ?? []);
  return {
    sprint,
    items: lf.items.map((i) => ({
      ...i,
      readiness: planningReadiness(i, dor),
      inSnapshot: inSnapshot.has(i.itemId),
    })),
    loadPoints: lf.loadPoints,
    unestimated: lf.items.filter((i) => i.size === null).length,
    forecast: lf.forecast,
    overForecast: lf.overForecast,
    snapshot,
    scopeChanges: changes,
    definitionOfDone: dod,
  };
}
/** The sprint board as a record; server/http presents it. */
export type SprintBoardRecord = Awaited<ReturnType<typeof sprintBoard>>;
