import { z } from 'zod';
import { HYPOTHESIS_STATUSES } from '#domain/voice/hypothesis.ts';
import { Id, IsoDateTime, text } from './common.ts';

/** "We believe <belief> will result in <outcome>; we will know when <signal>" (seed 004). */
export const Hypothesis = z.object({
  belief: text({ min: 1, max: 500, multiline: true, trim: true, minMessage: 'Say what you believe' }),
  outcome: text({ min: 1, max: 500, multiline: true, trim: true, minMessage: 'Say what it will result in' }),
  signal: text({ min: 1, max: 500, multiline: true, trim: true, minMessage: 'Say how you will know' }),
});
export type Hypothesis = z.infer<typeof Hypothesis>;
export const HypothesisStatus = z.enum(HYPOTHESIS_STATUSES);
export type HypothesisStatus = z.infer<typeof HypothesisStatus>;

export const SetHypothesis = z.object({ hypothesis: Hypothesis.nullable() });
export const JudgeHypothesis = z.object({
  status: HypothesisStatus,
  reason: text({ max: 1000, multiline: true }).optional(),
});

export const HypothesisEvidence = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('review'),
    reviewId: Id,
    sprintId: Id,
    sprintName: z.string(),
    happy: z.number().int(),
    neutral: z.number().int(),
    sad: z.number().int(),
    ratingAvg: z.number().nullable(),
    ratings: z.number().int(),
    responses: z.number().int(),
  }),
  z.object({ kind: z.literal('requests'), requests: z.number().int(), supporters: z.number().int() }),
]);

export const HypothesisView = z.object({
  itemId: Id,
  hypothesis: Hypothesis.nullable(),
  /** The status as the PO judged it (unvalidated until judged). */
  status: HypothesisStatus,
  /** What the evidence suggests now, and why. */
  suggested: HypothesisStatus,
  suggestedReason: z.string(),
  evidence: z.array(HypothesisEvidence),
  judgedBy: z.object({ id: Id, name: z.string() }).nullable(),
  judgedAt: IsoDateTime.nullable(),
  /** The PO's reason (required when it differs from what the evidence suggested then). */
  reason: z.string().nullable(),
  /** What the evidence suggested when the PO judged. */
  suggestedAtJudgement: HypothesisStatus.nullable(),
  /** The item's version: send it as If-Match to change the hypothesis. */
  version: z.number().int(),
});
export type HypothesisView = z.infer<typeof HypothesisView>;
