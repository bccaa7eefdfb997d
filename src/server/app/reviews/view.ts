import type { ItemFeedback, Review, ReviewResults } from '#contracts/reviews.ts';
import { acceptsAnswers } from '#domain/reviews/review-rules.ts';
import type { ItemFeedbackRow, ReviewRecord, ReviewsRepo } from './ports.ts';

/**
 * The review and its results as readers see them. Results are built here rather than in an HTTP
 * presenter because the live hub streams the same shape as GET /results.
 */
export const reviewView = (r: ReviewRecord, now: Date): Review => ({
  id: r.id,
  productId: r.productId,
  sprintId: r.sprintId,
  sprintName: r.sprintName,
  state: r.state,
  acceptingAnswers: acceptsAnswers(r, now),
  increments: r.increments,
  closesAt: r.closesAt?.toISOString() ?? null,
  openedAt: r.openedAt.toISOString(),
  closedAt: r.closedAt?.toISOString() ?? null,
  version: r.version,
  invited: r.invited,
  answered: r.answered,
});

export async function resultsView(
  repo: ReviewsRepo,
  review: { id: string; productId: string; state: 'open' | 'closed' },
): Promise<ReviewResults> {
  const rows = await repo.results(review.id, review.productId);
  return {
    reviewId: review.id,
    state: review.state,
    invited: rows.invited,
    answered: rows.answered,
    increments: rows.increments.map((i) => ({
      itemId: i.itemId,
      key: i.key,
      title: i.title,
      whatChanged: i.whatChanged,
      happy: i.happy,
      neutral: i.neutral,
      sad: i.sad,
      ratingAvg: i.ratingAvg,
      responses: i.responses,
      bySegment: rows.segments.filter((s) => s.itemId === i.itemId).map(({ itemId: _, ...s }) => s),
      comments: rows.comments
        .filter((c) => c.itemId === i.itemId)
        .map(({ itemId: _, ...c }) => ({ ...c, at: new Date(c.at).toISOString() })),
    })),
  };
}

export async function itemFeedbackView(
  repo: ReviewsRepo,
  itemId: string,
  productId: string,
): Promise<ItemFeedback> {
  const { reviews, segments, comments } = await repo.itemFeedback(itemId, productId);
  return {
    itemId,
    reviews: reviews.map((r: ItemFeedbackRow) => ({
      reviewId: r.reviewId,
      sprintId: r.sprintId,
      sprintName: r.sprintName,
      state: r.state,
      openedAt: r.openedAt.toISOString(),
      happy: r.happy,
      neutral: r.neutral,
      sad: r.sad,
      ratingAvg: r.ratingAvg,
      responses: r.responses,
      bySegment: segments
        .filter((s) => s.reviewId === r.reviewId)
        .map(({ reviewId: _r, itemId: _i, ...s }) => s),
      comments: comments
        .filter((c) => c.reviewId === r.reviewId)
        .map(({ reviewId: _r, itemId: _i, ...c }) => c),
    })),
  };
}
