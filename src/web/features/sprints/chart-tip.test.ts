import { describe, expect, it } from 'vitest';
import { ticks } from './chart-tip.tsx';

describe('chart ticks', () => {
  it('steps by round numbers up to at least the maximum', () => {
    expect(ticks(18)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(10)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(ticks(3)).toEqual([0, 1, 2, 3]);
  });

  it('never leaves the top value under the data', () => {
    for (const max of [1, 7, 13, 42, 99, 101, 640]) expect(ticks(max).at(-1)).toBeGreaterThanOrEqual(max);
  });

  it('has a single zero tick for an empty chart', () => {
    expect(ticks(0)).toEqual([0]);
  });
});
