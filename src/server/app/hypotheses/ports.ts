import type { Hypothesis, HypothesisStatus, ReviewEvidence } from '#domain/voice/hypothesis.ts';

export interface HypothesisRecord {
  itemId: string;
  productId: string;
  hypothesis: Hypothesis | null;
  status: HypothesisStatus;
  /** What the evidence suggested when the PO last judged it. */
  suggestedAtJudgement: HypothesisStatus | null;
  reason: string | null;
  judgedBy: { id: string; name: string } | null;
  judgedAt: Date | null;
  version: number;
}

/** Reads only: the hypothesis columns are written by the items repository (one writer per table). */
export interface HypothesesRepo {
  get(itemId: string): Promise<HypothesisRecord | null>;
  /** The item's answers per review it was an increment of, oldest review first. */
  reviewEvidence(itemId: string): Promise<ReviewEvidence[]>;
  /** Its linked requests (not declined) and their supporters. */
  requestEvidence(itemId: string): Promise<{ requests: number; supporters: number }>;
}
