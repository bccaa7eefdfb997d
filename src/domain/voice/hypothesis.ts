/**
 * Benefit hypotheses (seed 004): "we believe <belief> will result in <outcome>; we will know when
 * <signal>". The evidence — how the customers rated the item at reviews, and how many asked for it —
 * SUGGESTS a status; the Product Owner confirms it or overrides it with a reason. Pure.
 */

export const HYPOTHESIS_STATUSES = ['unvalidated', 'supported', 'contradicted'] as const;
export type HypothesisStatus = (typeof HYPOTHESIS_STATUSES)[number];

export interface Hypothesis {
  belief: string;
  outcome: string;
  signal: string;
}

/** Review answers for the item at one review (one sprint). */
export interface ReviewEvidence {
  kind: 'review';
  reviewId: string;
  sprintId: string;
  sprintName: string;
  happy: number;
  neutral: number;
  sad: number;
  /** Average of the 1–5 value ratings given, null when nobody rated. */
  ratingAvg: number | null;
  /** How many gave a rating (the average's weight). */
  ratings: number;
  responses: number;
}

/** The requests linked to the item and how many people asked (requesters + supporters). */
export interface RequestEvidence {
  kind: 'requests';
  requests: number;
  supporters: number;
}

export type Evidence = ReviewEvidence | RequestEvidence;

/**
 * The thresholds, in one place. With fewer than MIN_RESPONSES review answers nothing is suggested.
 * Then, in this order:
 * - contradicted when neutral + sad answers are at least CONTRADICTED_NOT_HAPPY_SHARE of them
 *   ("light but interesting" is not the benefit we believed in), or the value rating averages at
 *   most CONTRADICTED_RATING_AVG (over at least MIN_RATINGS ratings);
 * - supported when happy answers are at least SUPPORTED_HAPPY_SHARE of them (only
 *   SUPPORTED_HAPPY_SHARE_WITH_DEMAND when at least DEMAND_ASKERS people asked for it through
 *   requests) and the rating, if MIN_RATINGS were given, averages at least SUPPORTED_RATING_AVG;
 * - otherwise the evidence is mixed: unvalidated.
 */
export const HYPOTHESIS_THRESHOLDS = {
  MIN_RESPONSES: 5,
  MIN_RATINGS: 3,
  SUPPORTED_HAPPY_SHARE: 0.6,
  SUPPORTED_HAPPY_SHARE_WITH_DEMAND: 0.5,
  DEMAND_ASKERS: 10,
  SUPPORTED_RATING_AVG: 3.5,
  CONTRADICTED_NOT_HAPPY_SHARE: 0.6,
  CONTRADICTED_RATING_AVG: 2.5,
} as const;

export interface Suggestion {
  status: HypothesisStatus;
  /** Why, in words, with the numbers. */
  reason: string;
  totals: { happy: number; neutral: number; sad: number; responses: number; ratingAvg: number | null };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const EPS = 1e-9;

export function suggestHypothesisStatus(
  evidence: readonly Evidence[],
  t: typeof HYPOTHESIS_THRESHOLDS = HYPOTHESIS_THRESHOLDS,
): Suggestion {
  let happy = 0;
  let neutral = 0;
  let sad = 0;
  let ratingSum = 0;
  let ratings = 0;
  let askers = 0;
  for (const e of evidence) {
    if (e.kind === 'requests') {
      askers += e.requests + e.supporters;
      continue;
    }
    happy += e.happy;
    neutral += e.neutral;
    sad += e.sad;
    if (e.ratingAvg !== null && e.ratings > 0) {
      ratingSum += e.ratingAvg * e.ratings;
      ratings += e.ratings;
    }
  }
  const responses = happy + neutral + sad;
  const ratingAvg = ratings > 0 ? Math.round((ratingSum / ratings) * 100) / 100 : null;
  const totals = { happy, neutral, sad, responses, ratingAvg };
  if (responses < t.MIN_RESPONSES) {
    return {
      status: 'unvalidated',
      reason: `Not enough answers yet: ${responses} of the ${t.MIN_RESPONSES} needed.`,
      totals,
    };
  }
  const rated = ratings >= t.MIN_RATINGS ? ratingAvg : null;
  const happyShare = happy / responses;
  const notHappyShare = (neutral + sad) / responses;
  if (notHappyShare + EPS >= t.CONTRADICTED_NOT_HAPPY_SHARE) {
    return {
      status: 'contradicted',
      reason: `${pct(notHappyShare)} of ${responses} answers were neutral or sad (contradicted from ${pct(t.CONTRADICTED_NOT_HAPPY_SHARE)}).`,
      totals,
    };
  }
  if (rated !== null && rated <= t.CONTRADICTED_RATING_AVG + EPS) {
    return {
      status: 'contradicted',
      reason: `The value rating averages ${rated} (contradicted at ${t.CONTRADICTED_RATING_AVG} or less).`,
      totals,
    };
  }
  const demand = askers >= t.DEMAND_ASKERS;
  const needed = demand ? t.SUPPORTED_HAPPY_SHARE_WITH_DEMAND : t.SUPPORTED_HAPPY_SHARE;
  if (happyShare + EPS >= needed && (rated === null || rated + EPS >= t.SUPPORTED_RATING_AVG)) {
    return {
      status: 'supported',
      reason:
        `${pct(happyShare)} of ${responses} answers were happy (supported from ${pct(needed)}` +
        (demand ? `, as ${askers} people asked for it` : '') +
        ')' +
        (rated !== null ? ` and the value rating averages ${rated}.` : '.'),
      totals,
    };
  }
  return {
    status: 'unvalidated',
    reason:
      `Mixed: ${pct(happyShare)} happy of ${responses} answers (supported from ${pct(needed)})` +
      (rated !== null ? `, value rating ${rated} (supported from ${t.SUPPORTED_RATING_AVG}).` : '.'),
    totals,
  };
}
