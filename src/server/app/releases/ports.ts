import type { Allocation, CandidateTally } from '#domain/voice/votes.ts';

/** Releases and their votes: server/db/repositories/releases.repository.ts implements it. */
export interface ReleaseRecord {
  id: string;
  productId: string;
  name: string;
  /** YYYY-MM-DD */
  targetDate: string | null;
  shippedAt: Date | null;
  voteBudget: number | null;
  voteOpenedAt: Date | null;
  voteClosesAt: Date | null;
  candidates: number;
  version: number;
  createdAt: Date;
}

export interface CandidateRecord {
  itemId: string;
  key: string;
  title: string;
  problem: string;
}

export interface ReleasesRepo {
  productOf(releaseId: string): Promise<string | null>;
  /** `lock`: 'update' for edits of the release (they wait for the ballots being cast). */
  get(releaseId: string, lock?: 'update'): Promise<ReleaseRecord | null>;
  /** The release with its live candidates, locked so that edits wait for the ballot. */
  forBallot(releaseId: string): Promise<(ReleaseRecord & { candidateIds: string[] }) | null>;
  list(productId: string): Promise<ReleaseRecord[]>;
  /** Null when the name is taken in the product. */
  insert(r: { productId: string; name: string; targetDate: string | null }): Promise<ReleaseRecord | null>;
  /** Null when the name is taken in the product. */
  update(
    releaseId: string,
    patch: { name?: string; targetDate?: string | null },
  ): Promise<ReleaseRecord | null>;
  ship(releaseId: string): Promise<ReleaseRecord>;
  items(releaseId: string): Promise<Array<{ id: string; key: string; title: string; status: string }>>;
  candidateIds(releaseId: string): Promise<string[]>;
  candidates(releaseId: string): Promise<CandidateRecord[]>;
  /** Which of `itemIds` are live items of the product. */
  liveItems(productId: string, itemIds: string[]): Promise<Set<string>>;
  openVote(
    releaseId: string,
    v: { budget: number; closesAt: Date; itemIds: string[] },
  ): Promise<ReleaseRecord>;
  /** The highest total any voter has spent on the release (0 without votes). */
  maxSpent(releaseId: string): Promise<number>;
  /**
   * Takes the voters' row locks (creating the rows), in the order given, and sets their totals:
   * parallel allocations of one person wait here, so each replaces the whole of the one before.
   */
  lockVoters(releaseId: string, voters: Array<{ userId: string; total: number }>): Promise<void>;
  /** Replaces these voters' points (after lockVoters, so it sees what committed before). */
  replaceVotes(
    releaseId: string,
    userIds: string[],
    votes: Array<Allocation & { userId: string }>,
  ): Promise<void>;
  myVotes(releaseId: string, userId: string): Promise<Allocation[]>;
  /** Per candidate: points, voters, per segment and the two backlog ranks, in one query. */
  tallies(
    releaseId: string,
    productId: string,
  ): Promise<{ voters: number; candidates: Array<CandidateTally & { title: string }> }>;
  segments(productId: string): Promise<Array<{ segmentId: string; name: string }>>;
}
