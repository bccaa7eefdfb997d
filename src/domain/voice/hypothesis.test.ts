import { describe, expect, it } from 'vitest';
import {
  type Evidence,
  type ReviewEvidence,
  suggestHypothesisStatus,
  HYPOTHESIS_THRESHOLDS as T,
} from './hypothesis.ts';

const review = (happy: number, neutral: number, sad: number, ratingAvg: number | null = null, ratings = 0) =>
  ({
    kind: 'review',
    reviewId: 'r1',
    sprintId: 's1',
    sprintName: 'Sprint 1',
    happy,
    neutral,
    sad,
    ratingAvg,
    ratings,
    responses: happy + neutral + sad,
  }) satisfies ReviewEvidence;
const asked = (requests: number, supporters: number): Evidence => ({
  kind: 'requests',
  requests,
  supporters,
});
const status = (...e: Evidence[]) => suggestHypothesisStatus(e).status;

describe('suggestHypothesisStatus', () => {
  it('suggests nothing below MIN_RESPONSES answers, even when all are happy', () => {
    expect(T.MIN_RESPONSES).toBe(5);
    expect(status(review(4, 0, 0))).toBe('unvalidated');
    expect(suggestHypothesisStatus([review(4, 0, 0)]).reason).toMatch(/4 of the 5/);
    expect(status(review(5, 0, 0))).toBe('supported');
    expect(status()).toBe('unvalidated');
    // Requests alone are demand, not an outcome.
    expect(status(asked(30, 200))).toBe('unvalidated');
  });

  it('supports from exactly SUPPORTED_HAPPY_SHARE happy answers, not one below', () => {
    expect(T.SUPPORTED_HAPPY_SHARE).toBe(0.6);
    expect(status(review(6, 4, 0))).toBe('supported'); // 60 %
    expect(status(review(59, 41, 0))).toBe('unvalidated'); // 59 %
  });

  it('contradicts from exactly CONTRADICTED_NOT_HAPPY_SHARE neutral or sad, not one below', () => {
    expect(T.CONTRADICTED_NOT_HAPPY_SHARE).toBe(0.6);
    expect(status(review(4, 5, 1))).toBe('contradicted'); // 60 % not happy
    expect(status(review(41, 59, 0))).toBe('unvalidated'); // 59 %
    expect(status(review(2, 2, 6))).toBe('contradicted');
  });

  it('needs SUPPORTED_RATING_AVG when at least MIN_RATINGS rated', () => {
    expect(status(review(8, 2, 0, 3.5, 3))).toBe('supported');
    expect(status(review(8, 2, 0, 3.49, 3))).toBe('unvalidated');
    // Two ratings are too few to count.
    expect(status(review(8, 2, 0, 1, 2))).toBe('supported');
  });

  it('contradicts at a rating average of CONTRADICTED_RATING_AVG or less', () => {
    expect(status(review(8, 2, 0, 2.5, 3))).toBe('contradicted');
    expect(status(review(8, 2, 0, 2.51, 3))).toBe('unvalidated');
  });

  it('adds up several reviews, weighting each rating average by its ratings', () => {
    const s = suggestHypothesisStatus([review(3, 0, 0, 5, 3), review(0, 1, 1, 1, 1)]);
    expect(s.totals).toEqual({ happy: 3, neutral: 1, sad: 1, responses: 5, ratingAvg: 4 });
    expect(s.status).toBe('supported');
  });

  it('asks for fewer happy answers when DEMAND_ASKERS people asked for it', () => {
    expect(T.DEMAND_ASKERS).toBe(10);
    expect(T.SUPPORTED_HAPPY_SHARE_WITH_DEMAND).toBe(0.5);
    expect(status(review(5, 5, 0), asked(2, 8))).toBe('supported');
    expect(status(review(5, 5, 0), asked(2, 7))).toBe('unvalidated');
    expect(status(review(49, 51, 0), asked(2, 8))).toBe('unvalidated');
  });

  it('explains the contradiction with its numbers (seed 004: light but interesting)', () => {
    const s = suggestHypothesisStatus([review(2, 15, 3)]);
    expect(s.status).toBe('contradicted');
    expect(s.reason).toBe('90% of 20 answers were neutral or sad (contradicted from 60%).');
  });
});
