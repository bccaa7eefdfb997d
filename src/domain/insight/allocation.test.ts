import { describe, expect, it } from 'vitest';
import {
  type AllocItem,
  allocation,
  checkRanges,
  normaliseWeights,
  SEGMENT_TOLERANCE_POINTS,
  segmentParts,
} from './allocation.ts';

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

describe('the PO’s segment weights (seed 004: evenly unless the PO gives weights)', () => {
  it('splits by the weights when they cover every segment, else evenly', () => {
    expect(segmentParts(['vip', 'sec'], null)).toEqual([
      { segmentId: 'vip', part: 0.5 },
      { segmentId: 'sec', part: 0.5 },
    ]);
    expect(segmentParts(['vip', 'sec'], { vip: 75, sec: 25 })).toEqual([
      { segmentId: 'vip', part: 0.75 },
      { segmentId: 'sec', part: 0.25 },
    ]);
    // A segment added since the weights were given brings the even split back.
    expect(segmentParts(['vip', 'sec', 'guests'], { vip: 75, sec: 25 }).map((p) => p.part)).toEqual([
      1 / 3,
      1 / 3,
      1 / 3,
    ]);
    expect(segmentParts([], { vip: 100 })).toEqual([]);
  });

  it('stores relative weights as percent summing to 100', () => {
    expect(normaliseWeights({ vip: 3, sec: 1 })).toEqual({ sec: 25, vip: 75 });
    expect(normaliseWeights({ a: 1, b: 1, c: 1 })).toEqual({ a: 33.33, b: 33.33, c: 33.33 });
    expect(normaliseWeights({ a: 1, b: 1_000_000 }).a).toBe(0.01);
  });

  it('moves the points of a weighted item in the allocation', () => {
    const weighted = items.map((i) => (i.id === 'b' ? { ...i, segmentWeights: { vip: 75, sec: 25 } } : i));
    const r = allocation({
      items: weighted,
      segments,
      ranges,
      backlog: [],
      sprints: [
        { id: 's', name: 'S', completed: [{ itemId: 'b', points: 4 }], planned: [], justification: null },
      ],
    });
    const seg = (id: string) => r.sprints[0]?.bySegment.find((s) => s.segmentId === id);
    expect(seg('vip')).toMatchObject({ points: 3, share: 75, itemCount: 1 });
    expect(seg('sec')).toMatchObject({ points: 1, share: 25, itemCount: 1 });
  });
});
