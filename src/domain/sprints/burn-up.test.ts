import { describe, expect, it } from 'vitest';
import { burnUp } from './burn-up.ts';
import { estimateSpread } from './estimate-spread.ts';

describe('burn-up', () => {
  it('steps the scope line at each recorded change and stops at today', () => {
    const series = burnUp({
      startDate: '2024-03-04',
      endDate: '2024-03-08',
      committedPoints: 20,
      scopeSteps: [{ at: new Date('2024-03-06T10:00:00Z'), delta: 5 }],
      completions: [
        { at: new Date('2024-03-05T15:00:00Z'), points: 3 },
        { at: new Date('2024-03-07T09:00:00Z'), points: 5 },
      ],
      today: new Date('2024-03-07T12:00:00Z'),
    });
    expect(series).toEqual([
      { date: '2024-03-04', scope: 20, done: 0 },
      { date: '2024-03-05', scope: 20, done: 3 },
      { date: '2024-03-06', scope: 25, done: 3 },
      { date: '2024-03-07', scope: 25, done: 8 },
    ]);
  });
});

describe('estimate vs actual', () => {
  it('groups elapsed days by size with min, median and max', () => {
    expect(
      estimateSpread([
        { size: 3, actualDays: 2 },
        { size: 3, actualDays: 5 },
        { size: 3, actualDays: 3 },
        { size: 1, actualDays: 1 },
      ]),
    ).toEqual([
      { size: 1, count: 1, minDays: 1, medianDays: 1, maxDays: 1 },
      { size: 3, count: 3, minDays: 2, medianDays: 3, maxDays: 5 },
    ]);
  });
});
