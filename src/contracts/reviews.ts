import { z } from 'zod';
import { Id, IsoDateTime, text } from './common.ts';

/** Reviews with customers (issue 10): the sprint's accepted increments, rated by stakeholders. */

export const MOODS = ['happy', 'neutral', 'sad'] as const;
export const Mood = z.enum(MOODS);
export type Mood = z.infer<typeof Mood>;

/** A moment sent by a client: ISO 8601 with its offset. */
const DateTimeInput = z.iso.datetime({ offset: true, message: 'Use a date-time like 2026-12-04T17:00:00Z' });

export const WhatChanged = text({ max: 500, multiline: true, trim: true });

export const ReviewParams = z.object({ reviewId: Id });
export const ReviewItemParams = z.object({ reviewId: Id, itemId: Id });
/** A personal link's secret; any malformed or unknown one is the same 404. */
export const FeedbackTokenParams = z.object({ token: text({ min: 1, max: 200 }) });
export const FeedbackTokenItemParams = z.object({ token: text({ min: 1, max: 200 }), itemId: Id });

export const OpenReviewBody = z.object({
  closesAt: DateTimeInput.nullable().optional(),
  increments: z
    .array(z.object({ itemId: Id, whatChanged: WhatChanged.default('') }))
    .max(100)
    .optional(),
});
export type OpenReviewBody = z.infer<typeof OpenReviewBody>;

export const IncrementBody = z.object({ whatChanged: WhatChanged });

export const Increment = z.object({
  itemId: Id,
  key: z.string(),
  title: z.string(),
  whatChanged: z.string(),
});
export type Increment = z.infer<typeof Increment>;

export const ReviewState = z.enum(['open', 'closed']);

export const Review = z.object({
  id: Id,
  productId: Id,
  sprintId: Id,
  sprintName: z.string(),
  state: ReviewState,
  /** False once closed or past closesAt: answers are refused. */
  acceptingAnswers: z.boolean(),
  increments: z.array(Increment),
  closesAt: IsoDateTime.nullable(),
  openedAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
  version: z.number().int(),
  invited: z.number().int(),
  answered: z.number().int(),
});
export type Review = z.infer<typeof Review>;
export const ReviewList = z.object({ reviews: z.array(Review) });

export const InviteBody = z.object({
  userIds: z.array(Id).max(2000).optional(),
  segmentIds: z.array(Id).max(100).optional(),
  /** Default: the review's closesAt, else 14 days from now. */
  expiresAt: DateTimeInput.optional(),
});
export const Invitation = z.object({
  userId: Id,
  name: z.string(),
  url: z.string(),
  expiresAt: IsoDateTime,
});
export const Invitations = z.object({ invitations: z.array(Invitation) });

export const AnswerBody = z.object({
  mood: Mood,
  rating: z.number().int().min(1).max(5).nullable().optional(),
  comment: text({ max: 2000, multiline: true }).nullable().optional(),
});
export type AnswerBody = z.infer<typeof AnswerBody>;

export const Answer = z.object({
  itemId: Id,
  mood: Mood,
  rating: z.number().int().nullable(),
  comment: z.string().nullable(),
  /** How many times this answer was changed after the first save; it still counts once. */
  changes: z.number().int(),
  answeredAt: IsoDateTime,
});
export type Answer = z.infer<typeof Answer>;

/** What a respondent sees: only what the PO wrote for customers, and their own answers. */
export const FeedbackForm = z.object({
  reviewId: Id,
  firstName: z.string(),
  productName: z.string(),
  sprintName: z.string(),
  closesAt: IsoDateTime.nullable(),
  expiresAt: IsoDateTime.nullable(),
  increments: z.array(Increment.extend({ answer: Answer.nullable() })),
});
export type FeedbackForm = z.infer<typeof FeedbackForm>;

const Counts = {
  happy: z.number().int(),
  neutral: z.number().int(),
  sad: z.number().int(),
  ratingAvg: z.number().nullable(),
};
export const FeedbackComment = z.object({
  mood: Mood,
  rating: z.number().int().nullable(),
  comment: z.string(),
  segmentIds: z.array(Id),
  at: IsoDateTime,
});
export const SegmentResult = z.object({
  segmentId: Id,
  name: z.string(),
  ...Counts,
  responses: z.number().int(),
});
export const IncrementResult = z.object({
  itemId: Id,
  key: z.string(),
  title: z.string(),
  whatChanged: z.string(),
  ...Counts,
  responses: z.number().int(),
  bySegment: z.array(SegmentResult),
  comments: z.array(FeedbackComment),
});
export type IncrementResult = z.infer<typeof IncrementResult>;
export const ReviewResults = z.object({
  reviewId: Id,
  state: ReviewState,
  increments: z.array(IncrementResult),
  invited: z.number().int(),
  answered: z.number().int(),
});
export type ReviewResults = z.infer<typeof ReviewResults>;

/** The closing summary: increments with sad faces first (most sad first), then the rest. */
export const ReviewSummary = ReviewResults.extend({ closedAt: IsoDateTime.nullable() });
export type ReviewSummary = z.infer<typeof ReviewSummary>;

export const ItemFeedback = z.object({
  itemId: Id,
  reviews: z.array(
    z.object({
      reviewId: Id,
      sprintId: Id,
      sprintName: z.string(),
      state: ReviewState,
      openedAt: IsoDateTime,
      ...Counts,
      responses: z.number().int(),
      bySegment: z.array(SegmentResult),
      comments: z.array(FeedbackComment),
    }),
  ),
});
export type ItemFeedback = z.infer<typeof ItemFeedback>;

const Shares = {
  happyShare: z.number(),
  neutralShare: z.number(),
  sadShare: z.number(),
  ratingAvg: z.number().nullable(),
  responses: z.number().int(),
};
/** Per sprint (oldest first) and per segment: the share of each mood among the answers, 0..1. */
export const FeedbackTrend = z.object({
  segments: z.array(z.object({ segmentId: Id, name: z.string() })),
  sprints: z.array(
    z.object({
      sprintId: Id,
      sprintName: z.string(),
      reviewId: Id,
      openedAt: IsoDateTime,
      overall: z.object(Shares),
      bySegment: z.array(z.object({ segmentId: Id, name: z.string(), ...Shares })),
    }),
  ),
});
export type FeedbackTrend = z.infer<typeof FeedbackTrend>;
