import { describe, expect, it } from 'vitest';
import { costOfDelay, wsjf, wsjfOrder } from './wsjf.ts';

describe('WSJF', () => {
  it('is cost of delay (BV + TC + RR) divided by size', () => {
    expect(costOfDelay({ businessValue: 8, timeCriticality: 5, riskReduction: 3 })).toBe(16);
    expect(wsjf({ businessValue: 8, timeCriticality: 5, riskReduction: 3, size: 4 })).toBe(4);
  });
  it('needs an estimate when there is no size, and stays finite at size 0', () => {
    expect(wsjf({ businessValue: 8, timeCriticality: 5, riskReduction: 3, size: null })).toBeNull();
    expect(wsjf({ businessValue: 1, timeCriticality: null, riskReduction: null, size: 0 })).toBe(2);
  });
  it('orders highest first, unestimated last, ties in current order', () => {
    const items = [
      { id: 'a', wsjf: 1 },
      { id: 'b', wsjf: null },
      { id: 'c', wsjf: 3 },
      { id: 'd', wsjf: 1 },
      { id: 'e', wsjf: null },
    ];
    expect(wsjfOrder(items).map((i) => i.id)).toEqual(['c', 'a', 'd', 'b', 'e']);
  });
});
