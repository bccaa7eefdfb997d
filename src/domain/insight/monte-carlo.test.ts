import { describe, expect, it } from 'vitest';
import {
  type Acceptance,
  daysToFinish,
  forecastHowMany,
  forecastWhen,
  naiveDaysToFinish,
  nthWorkingDay,
  seededRng,
  type ThroughputWindow,
  throughputModel,
  throughputWindow,
  workingDaysBetween,
} from './monte-carlo.ts';

const MONDAY = '2026-11-30';

/** A window with these per-day counts (the dates do not matter to the simulation). */
const windowOf = (counts: number[]): ThroughputWindow => ({
  from: '2026-01-01',
  to: '2026-02-01',
  workingDays: counts.length,
  itemsAccepted: counts.reduce((s, c) => s + c, 0),
  perDay: counts.reduce((s, c) => s + c, 0) / counts.length,
  days: counts.map((items, i) => ({ date: `d${i}`, items, itemIds: [] })),
});
const repeat = (pattern: number[], times: number) => Array.from({ length: times }, () => pattern).flat();

describe('working days', () => {
  it('counts Monday to Friday only', () => {
    expect(workingDaysBetween('2026-11-27', '2026-12-01')).toEqual([
      '2026-11-27',
      '2026-11-30',
      '2026-12-01',
    ]);
    expect(nthWorkingDay(MONDAY, 1)).toBe(MONDAY);
    expect(nthWorkingDay(MONDAY, 6)).toBe('2026-12-07');
    expect(nthWorkingDay('2026-11-28', 1)).toBe(MONDAY);
  });

  it('builds the window from acceptances, clipped at the first day, weekends on the Friday', () => {
    const acc: Acceptance[] = [
      { itemId: 'a', on: '2026-11-23' },
      { itemId: 'b', on: '2026-11-23' },
      { itemId: 'c', on: '2026-11-28' }, // Saturday → Friday 27th
      { itemId: 'old', on: '2026-01-05' },
    ];
    const w = throughputWindow(acc, MONDAY, '2026-11-23', 60);
    expect(w.from).toBe('2026-11-23');
    expect(w.to).toBe('2026-11-27');
    expect(w.days.map((d) => d.items)).toEqual([2, 0, 0, 0, 1]);
    expect(w.itemsAccepted).toBe(3);
  });
});

describe('forecastWhen', () => {
  it('hand-computed fixture: 1 item, 3 days in 4 deliver one → P(done by day k) = 1 − ¼^k', () => {
    // P(≤1) = .75, P(≤2) = .9375, P(≤3) = .984: 50 % → day 1, 85 % → day 2, 95 % → day 3.
    const w = windowOf(repeat([0, 1, 1, 1], 5));
    const r = forecastWhen({
      window: w,
      today: MONDAY,
      trials: 20_000,
      seed: 7,
      work: { sized: 1, unsized: 0, spikes: 0 },
    });
    expect(r.percentiles).toEqual({ '50': MONDAY, '85': '2026-12-01', '95': '2026-12-02' });
    expect(r.notes).toEqual([]);
  });

  it('constant throughput of 2 a day: N items take exactly N/2 working days', () => {
    const w = windowOf(repeat([2], 20));
    for (const n of [2, 40, 1000]) {
      const r = forecastWhen({
        window: w,
        today: MONDAY,
        trials: 500,
        seed: 1,
        work: { sized: n, unsized: 0, spikes: 0 },
      });
      const expected = nthWorkingDay(MONDAY, n / 2);
      expect(r.percentiles).toEqual({ '50': expected, '85': expected, '95': expected });
    }
  });

  it('percentiles are monotone and the same seed gives the same answer', () => {
    const w = windowOf([0, 1, 3, 0, 2, 1, 0, 0, 4, 1, 2, 0]);
    const input = {
      window: w,
      today: MONDAY,
      trials: 5000,
      seed: 42,
      work: { sized: 30, unsized: 0, spikes: 0 },
    };
    const a = forecastWhen(input);
    const b = forecastWhen(input);
    expect(a).toEqual(b);
    const p = a.percentiles!;
    expect(p['50']! <= p['85']!).toBe(true);
    expect(p['85']! <= p['95']!).toBe(true);
    expect(a.histogram.reduce((s, x) => s + x.trials, 0)).toBeLessThanOrEqual(5000);
    const c = forecastWhen({ ...input, seed: 43 });
    expect(c.seed).toBe(43);
  });

  it('spikes and unsized items widen the range and say so', () => {
    const w = windowOf([0, 1, 3, 0, 2, 1, 0, 0, 4, 1, 2, 0]);
    const base = { window: w, today: MONDAY, trials: 5000, seed: 3 };
    const plain = forecastWhen({ ...base, work: { sized: 20, unsized: 0, spikes: 0 } });
    const wide = forecastWhen({ ...base, work: { sized: 14, unsized: 3, spikes: 3 } });
    expect(wide.remaining.total).toBe(20);
    expect(wide.percentiles!['95']! > plain.percentiles!['95']!).toBe(true);
    expect(wide.notes.join(' ')).toMatch(/3 items have no size/);
    expect(wide.notes.join(' ')).toMatch(/3 open spikes/);
  });

  it('too little history: a clear note, no number', () => {
    const r = forecastWhen({
      window: windowOf([1, 1, 1]),
      today: MONDAY,
      trials: 100,
      seed: 1,
      work: { sized: 5, unsized: 0, spikes: 0 },
    });
    expect(r.percentiles).toBeNull();
    expect(r.notes[0]).toMatch(/Too little history: 3 working days/);
    const none = forecastWhen({
      window: windowOf(repeat([0], 20)),
      today: MONDAY,
      trials: 100,
      seed: 1,
      work: { sized: 5, unsized: 0, spikes: 0 },
    });
    expect(none.percentiles).toBeNull();
    expect(none.notes[0]).toMatch(/0 items accepted/);
  });

  it('the block jumps give the same distribution as the day-by-day walk', () => {
    const counts = [0, 1, 3, 0, 2, 1, 0, 0, 4, 1, 2, 0];
    const model = throughputModel(counts);
    const fast = seededRng(9);
    const slow = seededRng(10);
    const n = 300;
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 4000; i++) {
      a.push(daysToFinish(model, n, fast));
      b.push(naiveDaysToFinish(counts, n, slow));
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    // Mean days = n / mean throughput (1.1667/day) ≈ 257; the two agree within a day.
    expect(Math.abs(mean(a) - mean(b))).toBeLessThan(1.5);
    expect(Math.abs(mean(a) - n / (14 / 12))).toBeLessThan(2);
  });
});

describe('forecastHowMany', () => {
  it('hand-computed fixture: 0, 1 or 2 a day over 2 days → P(≥2) = 6/9, P(≥1) = 8/9', () => {
    const w = windowOf(repeat([0, 1, 2], 5));
    const r = forecastHowMany({ window: w, today: MONDAY, trials: 20_000, seed: 5, date: '2026-12-01' });
    expect(r.workingDays).toBe(2);
    expect(r.percentiles).toEqual({ '50': 2, '85': 1, '95': 0 });
  });

  it('constant throughput: exactly 2 a working day, every percentile', () => {
    const r = forecastHowMany({
      window: windowOf(repeat([2], 20)),
      today: MONDAY,
      trials: 300,
      seed: 1,
      date: '2026-12-11',
    });
    expect(r.workingDays).toBe(10);
    expect(r.percentiles).toEqual({ '50': 20, '85': 20, '95': 20 });
  });

  it('upper tail is monotone: 50 % ≥ 85 % ≥ 95 %', () => {
    const w = windowOf([0, 1, 3, 0, 2, 1, 0, 0, 4, 1, 2, 0]);
    const r = forecastHowMany({ window: w, today: MONDAY, trials: 5000, seed: 11, date: '2027-02-26' });
    const p = r.percentiles!;
    expect(p['50']).toBeGreaterThanOrEqual(p['85']);
    expect(p['85']).toBeGreaterThanOrEqual(p['95']);
  });
});
