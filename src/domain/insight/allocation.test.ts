import { describe, expect, it } from 'vitest';
import { type AllocItem, allocation, checkRanges, SEGMENT_TOLERANCE_POINTS } from './allocation.ts';

// Hand-built: two segments (VIP 70 %, Secretariat 30 %); debt range 15–20 %.
const segments = [
  { id: 'vip', name: 'VIP members', targetShare: 70 },
  { id: 'sec', name: 'Secretariat', targetShare: 30 },
];
const items: AllocItem[] = [
  { id: 'a', category: 'feature', segmentIds: ['sec'] },
  { id: 'b', category: 'feature', segmentIds: ['vip', 'sec'] },
  { id: 'c', category: 'debt', segmentIds: [] },
  { id: 'd', category: 'defect', segmentIds: ['vip'] },
];
const ranges = { debt: { min: 15, max: 20 } };

describe('allocation', () => {
  const result = allocation({
    items,
    segments,
    ranges,
    sprints: [
      {
        id: 's1',
        name: 'Sprint 1',
        // a 6 → sec 6; b 4 → vip 2, sec 2; c 2 → unassigned 2; total 12
        completed: [
          { itemId: 'a', points: 6 },
          { itemId: 'b', points: 4 },
          { itemId: 'c', points: 2 },
        ],
        planned: [
          { itemId: 'a', points: 6 },
          { itemId: 'b', points: 4 },
          { itemId: 'c', points: 2 },
          { itemId: 'd', points: 8 },
        ],
        justification: 'The meeting season needs the Secretariat tools first.',
      },
      {
        id: 's2',
        name: 'Sprint 2',
        completed: [{ itemId: 'd', points: 8 }],
        planned: [],
        justification: null,
      },
    ],
    backlog: [{ itemId: 'd', points: 3 }],
  });

  it('splits a multi-segment item evenly and shows the unassigned share', () => {
    const s1 = result.sprints[0];
    expect(s1?.points).toBe(12);
    const bySeg = Object.fromEntries(s1?.bySegment.map((s) => [s.segmentId ?? 'none', s]) ?? []);
    expect(bySeg.sec?.points).toBe(8);
    expect(bySeg.vip?.points).toBe(2);
    expect(bySeg.none?.points).toBe(2);
    expect(bySeg.sec?.share).toBe(66.7);
    expect(bySeg.vip?.share).toBe(16.7);
    expect(bySeg.none?.share).toBe(16.7);
    expect(bySeg.vip?.offTarget).toBe(true);
    expect(bySeg.sec?.offTarget).toBe(true);
    expect(bySeg.none?.offTarget).toBe(false);
    expect(bySeg.sec?.itemIds.sort()).toEqual(['a', 'b']);
    const sum = s1?.bySegment.reduce((t, s) => t + s.share, 0) ?? 0;
    expect(Math.abs(sum - 100)).toBeLessThanOrEqual(0.2);
    expect(s1?.justification).toMatch(/Secretariat/);
  });

  it('checks category ranges', () => {
    const debt = result.sprints[0]?.byCategory.find((c) => c.category === 'debt');
    expect(debt).toMatchObject({
      points: 2,
      share: 16.7,
      min: 15,
      max: 20,
      offTarget: false,
      itemIds: ['c'],
    });
    const feature = result.sprints[0]?.byCategory.find((c) => c.category === 'feature');
    expect(feature).toMatchObject({ points: 10, share: 83.3, min: null, offTarget: false });
    const debt2 = result.sprints[1]?.byCategory.find((c) => c.category === 'debt');
    expect(debt2).toMatchObject({ share: 0, offTarget: true });
  });

  it('sums the range and splits the planned work', () => {
    expect(result.overall.points).toBe(20);
    const vip = result.overall.bySegment.find((s) => s.segmentId === 'vip');
    expect(vip?.points).toBe(10);
    expect(vip?.share).toBe(50);
    expect(result.sprints[0]?.planned.points).toBe(20);
    expect(result.planned.bySegment.find((s) => s.segmentId === 'vip')?.share).toBe(100);
  });

  it('uses the named tolerance for segments', () => {
    const at = (share: number) =>
      allocation({
        items: [
          { id: 'x', category: 'feature', segmentIds: ['vip'] },
          { id: 'y', category: 'feature', segmentIds: ['sec'] },
        ],
        segments,
        ranges: {},
        sprints: [
          {
            id: 's',
            name: 'S',
            completed: [
              { itemId: 'x', points: share },
              { itemId: 'y', points: 100 - share },
            ],
            planned: [],
            justification: null,
          },
        ],
        backlog: [],
      }).sprints[0]?.bySegment.find((s) => s.segmentId === 'vip')?.offTarget;
    expect(at(70 - SEGMENT_TOLERANCE_POINTS)).toBe(false);
    expect(at(70 - SEGMENT_TOLERANCE_POINTS - 1)).toBe(true);
  });

  it('gives zero shares and no flags without work', () => {
    const r = allocation({ items, segments, ranges, sprints: [], backlog: [] });
    expect(r.overall.points).toBe(0);
    expect(r.overall.offTarget).toBe(false);
  });

  it('refuses ranges outside 0–100 or upside down', () => {
    expect(checkRanges({ debt: { min: 20, max: 15 }, defect: { min: 0, max: 101 } })).toEqual({
      'categories.debt': 'Needs 0 ≤ min ≤ max ≤ 100',
      'categories.defect': 'Needs 0 ≤ min ≤ max ≤ 100',
    });
    expect(checkRanges(ranges)).toEqual({});
  });
});
