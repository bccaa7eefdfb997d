import { describe, expect, it } from 'vitest';
import { BUDGET_WARN_SPENT, budgetReport, budgetWarning } from './budget.ts';

const segments = [
  { id: 'vip', name: 'VIP members', targetShare: 60 },
  { id: 'sec', name: 'Secretariat', targetShare: 40 },
];

describe('budgetReport', () => {
  const report = budgetReport({
    budget: { total: 100, unit: 'money', costPerSprint: 41 },
    segments,
    sprints: [
      {
        id: 's1',
        name: 'Sprint 1',
        endDate: '2026-01-14',
        completedPoints: 10,
        // value 20 → sec 20
        accepted: [{ itemId: 'a', costOfDelay: 20, segmentIds: ['sec'] }],
      },
      {
        id: 's2',
        name: 'Sprint 2',
        endDate: '2026-01-28',
        completedPoints: 8,
        // value 10 → vip 5, sec 5; 8 → unassigned
        accepted: [
          { itemId: 'b', costOfDelay: 10, segmentIds: ['vip', 'sec'] },
          { itemId: 'c', costOfDelay: 8, segmentIds: [] },
        ],
      },
    ],
    reviews: [{ itemId: 'b', happy: 1, neutral: 0, sad: 2, ratingSum: 7, ratings: 3 }],
  });

  it('burns the cost per sprint and splits the value like the points', () => {
    expect(report.burn.map((b) => b.cumulative)).toEqual([41, 82]);
    expect(report.spentShare).toBe(82);
    expect(report.value.total).toBe(38);
    const vip = report.value.bySegment.find((s) => s.segmentId === 'vip');
    expect(vip?.value).toBe(5);
    expect(vip?.share).toBe(13.2);
    expect(vip?.reviews).toEqual({ answers: 3, happy: 1, neutral: 0, sad: 2, meanRating: 2.3 });
    expect(report.value.bySegment.find((s) => s.segmentId === null)?.value).toBe(8);
    // Value to date: after sprint 1 all of it went to the Secretariat; after sprint 2, 5 of 38 to VIP.
    expect(report.burn[0]?.shareToDate.find((x) => x.segmentId === 'sec')?.share).toBe(100);
    expect(report.burn[1]?.shareToDate.find((x) => x.segmentId === 'vip')?.share).toBe(13.2);
  });

  it('warns in plain words about the segment furthest below target', () => {
    expect(report.warning).toBe(
      '82 % of the budget spent; 13 % of the delivered value went to VIP members (target 60 %)',
    );
  });

  it('spends completed points when the budget is in points without a cost per sprint', () => {
    const r = budgetReport({
      budget: { total: 36, unit: 'points', costPerSprint: null },
      segments,
      sprints: [{ id: 's', name: 'S', endDate: '2026-01-01', completedPoints: 9, accepted: [] }],
      reviews: [],
    });
    expect(r.spent).toBe(9);
    expect(r.spentShare).toBe(25);
    expect(r.warning).toBeNull();
  });
});

describe('budgetWarning', () => {
  it('stays quiet below the threshold or within tolerance', () => {
    expect(budgetWarning(BUDGET_WARN_SPENT - 1, [{ name: 'V', share: 0, target: 60 }])).toBeNull();
    expect(budgetWarning(90, [{ name: 'V', share: 55, target: 60 }])).toBeNull();
    expect(budgetWarning(90, [{ name: 'V', share: 21, target: 60 }])).toBe(
      '90 % of the budget spent; 21 % of the delivered value went to V (target 60 %)',
    );
  });
});

describe('budgetReport with the PO’s segment weights', () => {
  it('splits an accepted item’s value by its weights', () => {
    const r = budgetReport({
      budget: { total: 100, unit: 'points', costPerSprint: null },
      segments,
      reviews: [],
      sprints: [
        {
          id: 's1',
          name: 'Sprint 1',
          endDate: '2026-01-14',
          completedPoints: 5,
          accepted: [
            {
              itemId: 'b',
              costOfDelay: 10,
              segmentIds: ['vip', 'sec'],
              segmentWeights: { vip: 80, sec: 20 },
            },
          ],
        },
      ],
    });
    const v = (id: string) => r.value.bySegment.find((s) => s.segmentId === id);
    expect(v('vip')).toMatchObject({ value: 8, share: 80 });
    expect(v('sec')).toMatchObject({ value: 2, share: 20 });
  });
});
