import type { z } from 'zod';
import type { ScopeChange, Snapshot, Sprint, SprintItem } from '#contracts/sprints.ts';
import { type DorCheck, readiness } from '#domain/sprints/readiness.ts';
import type { ScopeChangeRecord, SnapshotRecord, SprintItemRecord, SprintRecord } from './ports.ts';

/** Records → API shapes for sprints; never a database row. */
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

export function presentSprintItem(
  i: SprintItemRecord,
  dor: { checks: DorCheck[]; splitThreshold: number },
  snapshotIds: ReadonlySet<string>,
): z.infer<typeof SprintItem> {
  const r = readiness(i, dor.checks, dor.splitThreshold);
  // Work already started or finished is past the Definition of Ready.
  const past = ['in_progress', 'done', 'accepted'].includes(i.status);
  return {
    itemId: i.itemId,
    key: i.key,
    title: i.title,
    type: i.type,
    status: i.status,
    size: i.size,
    ready: past || r.ready,
    notReadyReasons: past ? [] : r.reasons,
    addedAt: i.addedAt.toISOString(),
    inSnapshot: snapshotIds.has(i.itemId),
    doneAt: i.doneAt?.toISOString() ?? null,
    review: i.review,
    reviewComment: i.reviewComment,
    reopened: i.reopened,
    outcome: i.outcome,
  };
}

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
