import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DELIVERY_BACKOFF, retryDelayMs } from './backoff.ts';

describe('retryDelayMs', () => {
  it('draws under a cap that doubles per attempt', () => {
    expect(retryDelayMs(1, 0.5)).toBe(5_000);
    expect(retryDelayMs(2, 0.5)).toBe(10_000);
    expect(retryDelayMs(3, 0.5)).toBe(20_000);
    expect(retryDelayMs(1, 0)).toBe(0);
  });

  it('never exceeds the maximum, whatever the attempt and draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, r) => {
          const d = retryDelayMs(attempt, r);
          return d >= 0 && d < DELIVERY_BACKOFF.maxMs;
        },
      ),
    );
  });
});
