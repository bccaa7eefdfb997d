import type { Mood } from '#contracts/reviews.ts';

/** Reviews with customers: server/db/repositories/reviews.repository.ts implements it. */
export interface IncrementRecord {
  itemId: string;
  key: string;
  title: string;
  whatChanged: string;
}

export interface ReviewRecord {
  id: string;
  productId: string;
  sprintId: string;
  sprintName: string;
  state: 'open' | 'closed';
  closesAt: Date | null;
  openedAt: Date;
  closedAt: Date | null;
  version: number;
  invited: number;
  answered: number;
  increments: IncrementRecord[];
}

export interface AnswerRecord {
  itemId: string;
  mood: Mood;
  rating: number | null;
  comment: string | null;
  changes: number;
  answeredAt: Date;
}

/** A personal link found by its hash, with what the respondent's page shows. */
export interface InvitationRecord {
  reviewId: string;
  userId: string;
  expiresAt: Date;
  productId: string;
  productName: string;
  sprintName: string;
  userName: string;
  state: 'open' | 'closed';
  closesAt: Date | null;
  /** The person is still a stakeholder member of the product. */
  stakeholder: boolean;
}

export interface CountsRow {
  happy: number;
  neutral: number;
  sad: number;
  ratingAvg: number | null;
  responses: number;
}
export interface SegmentCountsRow extends CountsRow {
  itemId: string;
  segmentId: string;
  name: string;
}
export interface CommentRow {
  itemId: string;
  mood: Mood;
  rating: number | null;
  comment: string;
  segmentIds: string[];
  at: string;
}
export interface ResultsRows {
  invited: number;
  answered: number;
  increments: Array<IncrementRecord & CountsRow>;
  segments: SegmentCountsRow[];
  comments: CommentRow[];
}

export interface ItemFeedbackRow extends CountsRow {
  reviewId: string;
  sprintId: string;
  sprintName: string;
  state: 'open' | 'closed';
  openedAt: Date;
}

export interface TrendRow extends CountsRow {
  reviewId: string;
  sprintId: string;
  sprintName: string;
  openedAt: Date;
  /** null: every answer of the review. */
  segmentId: string | null;
  segmentName: string | null;
}

export interface ReviewsRepo {
  productOf(reviewId: string): Promise<string | null>;
  get(reviewId: string, lock?: boolean): Promise<ReviewRecord | null>;
  /** Just what results need to know of the review (no counts, no increments). */
  head(
    reviewId: string,
  ): Promise<Pick<ReviewRecord, 'id' | 'productId' | 'state' | 'closesAt' | 'closedAt'> | null>;
  list(productId: string): Promise<ReviewRecord[]>;
  sprint(
    sprintId: string,
  ): Promise<{ productId: string; name: string; state: string; reviewId: string | null } | null>;
  /** The sprint's accepted items in backlog order; `only` keeps those ids. */
  acceptedItems(sprintId: string, only?: string[]): Promise<string[]>;
  insert(
    r: { productId: string; sprintId: string; closesAt: Date | null; openedBy: string },
    increments: Array<{ itemId: string; whatChanged: string }>,
  ): Promise<string>;
  setWhatChanged(reviewId: string, itemId: string, whatChanged: string): Promise<boolean>;
  close(reviewId: string): Promise<void>;
  /** Stakeholder members of the product, among `userIds` or in `segmentIds` (all when neither). */
  stakeholders(
    productId: string,
    filter: { userIds?: string[] | undefined; segmentIds?: string[] | undefined },
  ): Promise<Array<{ userId: string; name: string }>>;
  /** Makes or replaces each person's link: the old hash is gone, so the old link is dead. */
  upsertInvitations(
    reviewId: string,
    rows: Array<{ userId: string; tokenHash: string; expiresAt: Date }>,
  ): Promise<void>;
  /**
   * The links with these hashes, in the input's order (null: no such link); `hasItem`: whether
   * the lookup's `itemId` is one of that review's increments. Many in one query.
   */
  invitationsByHash(
    lookups: ReadonlyArray<{ tokenHash: string; itemId?: string | undefined }>,
  ): Promise<Array<(InvitationRecord & { hasItem: boolean }) | null>>;
  userName(userId: string): Promise<string>;
  answersOf(reviewId: string, userId: string): Promise<AnswerRecord[]>;
  hasIncrement(reviewId: string, itemId: string): Promise<boolean>;
  /**
   * One row per (review, item, person): a changed answer replaces the old one and counts once.
   * Many answers in one statement (no two for the same row); results in the input's order.
   */
  upsertAnswers(
    answers: ReadonlyArray<{
      reviewId: string;
      itemId: string;
      userId: string;
      mood: Mood;
      rating: number | null;
      comment: string | null;
    }>,
  ): Promise<Array<{ answer: AnswerRecord; inserted: boolean; changed: boolean }>>;
  /** Everything the live results need, in one query; segments read from member_segments now. */
  results(reviewId: string, productId: string): Promise<ResultsRows>;
  /** Closing figures: how many answered and how many sad faces. */
  totals(reviewId: string): Promise<{ responses: number; sad: number }>;
  itemFeedback(
    itemId: string,
    productId: string,
  ): Promise<{
    reviews: ItemFeedbackRow[];
    segments: Array<SegmentCountsRow & { reviewId: string }>;
    comments: Array<CommentRow & { reviewId: string }>;
  }>;
  trend(productId: string): Promise<TrendRow[]>;
}
