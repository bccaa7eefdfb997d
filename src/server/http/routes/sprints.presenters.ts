import type { z } from 'zod';
import type { SprintBoardRecord } from '#app/sprints/load.ts';
import type {
  ScopeChangeRecord,
  SnapshotRecord,
  SprintItemRecord,
  SprintRecord,
} from '#app/sprints/ports.ts';
import type { SprintReportRecord } from '#app/sprints/report.ts';
import type {
  ScopeChange,
  Snapshot,
  Sprint,
  SprintBoard,
  SprintItem,
  SprintReport,
} from '#contracts/sprints.ts';
import { AppError } from '#domain/errors.ts';
import type { Readiness } from '#domain/sprints/readiness.ts';

/** Sprint records → API shapes; never a database row. */
export const presentSprint = (s: SprintRecord): Sprint => ({
  id: s.id,
  productId: s.productId,
  name: s.name,
  goal: s.goal,
  startDate: s.startDate,
  endDate: s.endDate,
  capacity: s.capacity,
  state: s.state,
  version: s.version,
  startedAt: s.startedAt?.toISOString() ?? null,
  closedAt: s.closedAt?.toISOString() ?? null,
});

export const presentSprintItem = (
  i: SprintItemRecord & { readiness: Readiness; inSnapshot: boolean },
): z.infer<typeof SprintItem> => ({
  itemId: i.itemId,
  key: i.key,
  title: i.title,
  type: i.type,
  status: i.status,
  size: i.size,
  assigneeId: i.assigneeId,
  ready: i.readiness.ready,
  notReadyReasons: i.readiness.reasons,
  addedAt: i.addedAt.toISOString(),
  inSnapshot: i.inSnapshot,
  doneAt: i.doneAt?.toISOString() ?? null,
  review: i.review,
  reviewComment: i.reviewComment,
  reopened: i.reopened,
  outcome: i.outcome,
});

export const presentScopeChange = (c: ScopeChangeRecord): z.infer<typeof ScopeChange> => ({
  itemId: c.itemId,
  change: c.change,
  pointsBefore: c.pointsBefore,
  pointsAfter: c.pointsAfter,
  reason: c.reason,
  actorId: c.actorId,
  actorName: c.actorName,
  at: c.at.toISOString(),
});

export const presentSnapshot = (s: SnapshotRecord): z.infer<typeof Snapshot> => ({
  committedPoints: s.committedPoints,
  items: s.items,
  forecastPoints: s.forecastPoints,
  overForecast: s.overForecast,
  confirmedBy: s.confirmedBy,
  takenAt: s.takenAt.toISOString(),
});

export const presentBoard = (b: SprintBoardRecord): z.infer<typeof SprintBoard> => ({
  sprint: presentSprint(b.sprint),
  items: b.items.map(presentSprintItem),
  loadPoints: b.loadPoints,
  unestimated: b.unestimated,
  forecast: b.forecast,
  overForecast: b.overForecast,
  snapshot: b.snapshot ? presentSnapshot(b.snapshot) : null,
  scopeChanges: b.scopeChanges.map(presentScopeChange),
  definitionOfDone: b.definitionOfDone,
});

export const presentReport = (r: SprintReportRecord): z.infer<typeof SprintReport> => ({
  ...r,
  sprint: presentSprint(r.sprint),
  scopeChanges: r.scopeChanges.map(presentScopeChange),
});

/** A 412 carries the current sprint in API shape, so the UI can show both values. */
export async function presentingSprintConflicts<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.code === 'version_conflict') {
      const current = (err.details as { current?: SprintRecord } | undefined)?.current;
      throw new AppError(err.code, err.message, err.fields, {
        current: current ? presentSprint(current) : null,
      });
    }
    throw err;
  }
}
