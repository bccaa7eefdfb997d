import { describe, expect, it } from 'vitest';
import { backtest, backtestWhen } from './forecast-backtest.ts';
import { type Acceptance, FORECAST, workingDaysBetween } from './monte-carlo.ts';

// Two a day for 4 weeks, then one a day for two: the sprint after the slowdown misses.
const acc: Acceptance[] = [];
for (const d of workingDaysBetween('2026-09-07', '2026-10-02'))
  acc.push({ itemId: `${d}a`, on: d }, { itemId: `${d}b`, on: d });
for (const d of workingDaysBetween('2026-10-05', '2026-10-16')) acc.push({ itemId: d, on: d });
const sprints = [
  { sprintId: 's1', name: 'Sprint 1', startDate: '2026-09-07', endDate: '2026-09-18' },
  { sprintId: 's2', name: 'Sprint 2', startDate: '2026-09-21', endDate: '2026-10-02' },
  { sprintId: 's3', name: 'Sprint 3', startDate: '2026-10-05', endDate: '2026-10-16' },
];

describe('backtest (how many)', () => {
  it('replays each past sprint from the history before it', () => {
    const b = backtest(acc, sprints, '2026-09-07');
    expect(b.sprints.map((s) => [s.sprintId, s.forecast, s.actual, s.held])).toEqual([
      ['s2', 20, 20, true],
      ['s3', 20, 10, false],
    ]);
    expect(b.summary).toBe('85 % forecasts held 1 time in 2');
    expect(FORECAST.percentiles).toEqual([50, 85, 95]);
  });
});

describe('backtestWhen', () => {
  const committed = sprints.map((s) => ({ ...s, committedItems: 20 }));

  it('asks at each sprint start when its commitment would be done, and checks the day it was', () => {
    // s1 has no history before it; s2 at two a day: 20 items on the 10th working day, and so it
    // went; s3 forecast from two a day got one a day: 10 items by 16 Oct, the 20th never came.
    const b = backtestWhen(acc, committed, '2026-09-07', '2026-11-02');
    expect(b.sprints.map((s) => [s.sprintId, s.items, s.forecast, s.actual, s.held])).toEqual([
      ['s2', 20, '2026-10-02', '2026-10-02', true],
      ['s3', 20, '2026-10-16', null, false],
    ]);
    expect(b.summary).toBe('85 % forecasts held 1 time in 2');
  });

  it('does not judge a forecast whose day has not come, nor a sprint that committed nothing', () => {
    const b = backtestWhen(acc, committed, '2026-09-07', '2026-10-12');
    expect(b.sprints.map((s) => s.sprintId)).toEqual(['s2']);
    const none = backtestWhen(
      acc,
      committed.map((s) => ({ ...s, committedItems: 0 })),
      '2026-09-07',
      '2026-11-02',
    );
    expect(none).toMatchObject({
      total: 0,
      summary: 'No back-test yet: no past sprint had enough history before it.',
    });
  });

  it('misses when the items came after the forecast day', () => {
    // Five committed in s3: two a day said 7 Oct; at one a day the 5th came on 9 Oct.
    const b = backtestWhen(
      acc,
      committed.map((s) => ({ ...s, committedItems: s.sprintId === 's3' ? 5 : 20 })),
      '2026-09-07',
      '2026-11-02',
    );
    expect(b.sprints.find((s) => s.sprintId === 's3')).toMatchObject({
      items: 5,
      forecast: '2026-10-07',
      actual: '2026-10-09',
      held: false,
    });
  });
});
