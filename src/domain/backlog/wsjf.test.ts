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

describe('WSJF order with finished work', () => {
  it('puts finished items below open ones, whatever their WSJF, keeping their order', () => {
    const items = [
      { id: 'done-high', wsjf: 20, status: 'done' },
      { id: 'open-low', wsjf: 1, status: 'ready' },
      { id: 'accepted', wsjf: 9, status: 'accepted' },
      { id: 'open-unsized', wsjf: null, status: 'new' },
      { id: 'open-high', wsjf: 5, status: 'in_progress' },
    ];
    expect(wsjfOrder(items).map((i) => i.id)).toEqual([
      'open-high',
      'open-low',
      'open-unsized',
      'done-high',
      'accepted',
    ]);
  });
});
