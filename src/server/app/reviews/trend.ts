import type { FeedbackTrend } from '#contracts/reviews.ts';
import { moodShare } from '#domain/reviews/review-rules.ts';
import type { CountsRow, TrendRow } from './ports.ts';

const shares = (c: CountsRow) => ({
  happyShare: moodShare(c.happy, c.responses),
  neutralShare: moodShare(c.neutral, c.responses),
  sadShare: moodShare(c.sad, c.responses),
  ratingAvg: c.ratingAvg,
  responses: c.responses,
});

/** The product's feedback per sprint (oldest first) and per segment, as mood shares. */
export function reviewTrend(rows: TrendRow[]): FeedbackTrend {
  const segments = new Map<string, string>();
  const sprints = new Map<string, FeedbackTrend['sprints'][number]>();
  for (const row of rows) {
    if (row.segmentId === null) {
      sprints.set(row.reviewId, {
        sprintId: row.sprintId,
        sprintName: row.sprintName,
        reviewId: row.reviewId,
        openedAt: row.openedAt.toISOString(),
        overall: shares(row),
        bySegment: [],
      });
    }
  }
  for (const row of rows) {
    if (row.segmentId === null) continue;
    segments.set(row.segmentId, row.segmentName ?? '');
    sprints
      .get(row.reviewId)
      ?.bySegment.push({ segmentId: row.segmentId, name: row.segmentName ?? '', ...shares(row) });
  }
  return {
    segments: [...segments]
      .map(([segmentId, name]) => ({ segmentId, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    sprints: [...sprints.values()].sort((a, b) => a.openedAt.localeCompare(b.openedAt)),
  };
}
