import type { ScaleKind } from '#domain/poker/scales.ts';
import type { PokerResult, PokerStatus, PokerVote } from '#domain/poker/session.ts';

/** Planning poker storage: server/db/repositories/poker.repository.ts implements it. */
export interface PokerSessionRecord {
  id: string;
  productId: string;
  title: string;
  scale: ScaleKind;
  cards: string[];
  itemIds: string[];
  currentItemId: string | null;
  round: number;
  status: PokerStatus;
  createdAt: Date;
}

/** What the estimators read of an item: the problem, the acceptance criteria and the description. */
export interface PokerItemRecord {
  itemId: string;
  key: string;
  title: string;
  size: number | null;
  type: string;
  problem: string;
  description: string;
  acceptanceCriteria: Array<{ given: string; when: string; then: string }>;
}

export interface PokerRepo {
  productOf(sessionId: string): Promise<string | null>;
  /** `lock`: 'share' lets votes run side by side; 'update' makes reveal and agree wait for them. */
  get(sessionId: string, lock?: 'share' | 'update'): Promise<PokerSessionRecord | null>;
  list(productId: string, limit: number): Promise<PokerSessionRecord[]>;
  insert(
    s: Omit<PokerSessionRecord, 'id' | 'createdAt' | 'round' | 'status'> & { createdBy: string },
  ): Promise<PokerSessionRecord>;
  update(sessionId: string, s: Pick<PokerSessionRecord, 'status' | 'currentItemId' | 'round'>): Promise<void>;
  votes(sessionId: string, itemId: string, round: number): Promise<PokerVote[]>;
  /** The last round each item of the session was voted in (rounds count per item). */
  rounds(sessionId: string): Promise<Record<string, number>>;
  upsertVote(sessionId: string, itemId: string, round: number, userId: string, value: string): Promise<void>;
  results(sessionId: string): Promise<PokerResult[]>;
  insertResult(
    sessionId: string,
    r: PokerResult & { voters: Array<{ userId: string; name: string; value: string }>; actorId: string },
  ): Promise<void>;
  /** Items of the session from the backlog, in the session's order; deleted ones left out. */
  items(productId: string, itemIds: string[]): Promise<PokerItemRecord[]>;
}
