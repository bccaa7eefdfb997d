import { describe, expect, it } from 'vitest';
import {
  type CandidateTally,
  checkAllocation,
  DISAGREEMENT_RULE,
  disagreements,
  ordinal,
  voteRanks,
  voteState,
} from './votes.ts';

const c = (
  n: number,
  points: number,
  backlogRank: number | null,
  bySegment: CandidateTally['bySegment'] = [],
  voters = points ? 1 : 0,
): CandidateTally => ({
  itemId: `i${n}`,
  key: `VIP-${n}`,
  position: n,
  points,
  voters,
  bySegment,
  backlogRank,
  wsjfRank: null,
});
const vip = (points: number, voters = 3) => [{ segmentId: 's1', name: 'VIP members', points, voters }];

describe('checkAllocation', () => {
  const candidates = new Set(['a', 'b']);
  it('sums an allocation within the budget', () => {
    expect(
      checkAllocation(
        [
          { itemId: 'a', points: 4 },
          { itemId: 'b', points: 6 },
        ],
        candidates,
        10,
      ),
    ).toBe(10);
    expect(checkAllocation([], candidates, 10)).toBe(0);
  });
  it('refuses a total over the budget naming both', () => {
    expect(() => checkAllocation([{ itemId: 'a', points: 11 }], candidates, 10)).toThrowError(
      expect.objectContaining({ code: 'vote_budget_exceeded', details: { budget: 10, total: 11 } }),
    );
  });
  it('refuses non-candidates and repeats naming the field', () => {
    expect(() =>
      checkAllocation(
        [
          { itemId: 'a', points: 1 },
          { itemId: 'x', points: 1 },
          { itemId: 'a', points: 1 },
        ],
        candidates,
        10,
      ),
    ).toThrowError(
      expect.objectContaining({
        code: 'validation_failed',
        fields: {
          'votes.1.itemId': 'Not a candidate of this vote',
          'votes.2.itemId': 'This item is already in your votes',
        },
      }),
    );
  });
});

describe('voteState', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('is none before opening, open until closesAt, closed after it or once shipped', () => {
    expect(voteState({ openedAt: null, closesAt: null, shippedAt: null }, now)).toBe('none');
    const openedAt = new Date('2026-11-30T00:00:00Z');
    expect(voteState({ openedAt, closesAt: new Date('2026-12-02T00:00:00Z'), shippedAt: null }, now)).toBe(
      'open',
    );
    expect(voteState({ openedAt, closesAt: now, shippedAt: null }, now)).toBe('closed');
    expect(voteState({ openedAt, closesAt: new Date('2026-12-02T00:00:00Z'), shippedAt: now }, now)).toBe(
      'closed',
    );
  });
});

describe('ordinal and ranks', () => {
  it('writes English ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '14th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
  });
  it('ranks by points, then voters, then the PO candidate order', () => {
    const ranks = voteRanks([c(1, 5, 1, [], 1), c(2, 5, 2, [], 3), c(3, 0, 3), c(4, 7, 4)]);
    expect([...ranks]).toEqual([
      ['i4', 1],
      ['i2', 2],
      ['i1', 3],
      ['i3', 4],
    ]);
  });
});

describe('disagreements', () => {
  it('says when a segment ranks first what the backlog puts far down', () => {
    // 20 candidates: the gap needed is max(2, ceil(0.2 × 20)) = 4.
    const list = Array.from({ length: 20 }, (_, i) => c(i + 1, 0, i + 1));
    list[13] = { ...c(14, 9, 14, vip(9)), key: 'VIP-37' };
    const out = disagreements(list);
    expect(out.map((d) => d.text)).toContain('VIP members rank VIP-37 first; it is 14th in the backlog.');
    // All voters say the same as the VIPs here: one line, the segment's, not both.
    expect(out.map((d) => d.text)).not.toContain('Voters rank VIP-37 first; it is 14th in the backlog.');
    expect(out.filter((d) => d.itemId === 'i14' && d.kind === 'voters_prefer')).toHaveLength(1);
  });

  it("reads in order: the voters' first choices by rank, then what the backlog puts first", () => {
    const list = Array.from({ length: 20 }, (_, i) => c(i + 1, 0, i + 1));
    list[17] = c(18, 5, 18);
    list[13] = c(14, 9, 14);
    const out = disagreements(list);
    const prefer = out.filter((d) => d.kind === 'voters_prefer');
    expect(prefer.map((d) => d.voteRank)).toEqual([...prefer.map((d) => d.voteRank)].sort((a, b) => a - b));
    const firstBacklog = out.findIndex((d) => d.kind === 'backlog_prefers');
    expect(firstBacklog === -1 || out.slice(firstBacklog).every((d) => d.kind === 'backlog_prefers')).toBe(
      true,
    );
  });

  it('stays quiet when the gap is below the threshold', () => {
    const list = Array.from({ length: 20 }, (_, i) => c(i + 1, 0, i + 1));
    // 4th in the backlog, voted first: a gap of 3, under the 4 that 20 candidates need.
    list[3] = c(4, 9, 4, vip(9));
    expect(disagreements(list).filter((d) => d.kind === 'voters_prefer')).toEqual([]);
    // 5th in the backlog, voted first: a gap of 4, said.
    list[3] = c(4, 0, 4);
    list[4] = c(5, 9, 5, vip(9));
    expect(disagreements(list).some((d) => d.kind === 'voters_prefer' && d.itemId === 'i5')).toBe(true);
  });

  it('lets a segment speak only with enough voters', () => {
    const few = vip(9, DISAGREEMENT_RULE.MIN_SEGMENT_VOTERS - 1);
    const list = [c(1, 1, 1), c(2, 0, 2), c(3, 0, 3), c(4, 9, 4, few)];
    const out = disagreements(list);
    expect(out.some((d) => d.segmentId === 's1')).toBe(false);
    expect(out.some((d) => d.segmentId === null && d.itemId === 'i4')).toBe(true);
  });

  it('says when the backlog top gets few votes, and quotes WSJF when known', () => {
    const list = [{ ...c(1, 1, 3), wsjfRank: 2 }, c(2, 5, 7), c(3, 4, 9), c(4, 3, 12)];
    const out = disagreements(list);
    expect(out.map((d) => d.text)).toContain(
      'VIP-1 is 3rd in the backlog, but voters rank it 4th of 4 candidates.',
    );
    const none = disagreements([c(1, 0, 3), c(2, 5, 7), c(3, 4, 9), c(4, 3, 12)]);
    expect(none.map((d) => d.text)).toContain('VIP-1 is 3rd in the backlog, but no voter gave it a point.');
    const top = disagreements([{ ...c(1, 0, 1) }, c(2, 0, 2), c(3, 0, 3), { ...c(4, 9, 8), wsjfRank: 2 }]);
    expect(top.map((d) => d.text)).toContain(
      'Voters rank VIP-4 first; it is 8th in the backlog and 2nd by WSJF.',
    );
  });

  it('ignores finished candidates and votes without points, and caps the list', () => {
    expect(disagreements([c(1, 9, null), c(2, 0, 1)])).toEqual([]);
    const many = Array.from({ length: 60 }, (_, i) =>
      c(i + 1, i >= 40 ? 100 - i : 0, i + 1, [
        { segmentId: `s${i % 5}`, name: `Segment ${i % 5}`, points: i >= 40 ? 100 - i : 0, voters: 5 },
      ]),
    );
    expect(disagreements(many).length).toBeLessThanOrEqual(DISAGREEMENT_RULE.MAX_DISAGREEMENTS);
  });
});
