import { describe, expect, it } from 'vitest';
import { gapsOverlap, splitByGaps, splitByItems } from './move-batch.ts';

describe('moves written together', () => {
  it('defer a move that touches an item an earlier move of the batch touches', () => {
    const moves = [
      { itemId: 'a', anchorId: 'b' },
      { itemId: 'c', anchorId: 'a' }, // anchored on a moving item
      { itemId: 'b', anchorId: 'd' }, // moves the anchor of the first
      { itemId: 'e', anchorId: 'f' },
      { itemId: 'a', anchorId: 'g' }, // the same item again
    ];
    const { now, later } = splitByItems(moves);
    expect(now).toEqual([moves[0], moves[3]]);
    expect(later).toEqual([moves[1], moves[2], moves[4]]);
  });

  it('defer a move that touches an item of a batch still being written', () => {
    const moves = [
      { itemId: 'a', anchorId: 'b' },
      { itemId: 'c', anchorId: 'd' },
    ];
    expect(splitByItems(moves, new Set(['d']))).toEqual({ now: [moves[0]], later: [moves[1]] });
  });

  it('defer a move whose gap overlaps one of a batch still being written', () => {
    const moves = [
      { id: 1, gap: { lo: 'a1', hi: 'a2' } },
      { id: 2, gap: { lo: 'a3', hi: 'a4' } },
    ];
    const { now, later } = splitByGaps(moves, [{ lo: 'a3', hi: null }]);
    expect([now.map((m) => m.id), later.map((m) => m.id)]).toEqual([[1], [2]]);
  });

  it('treat gaps as open intervals with open ends', () => {
    expect(gapsOverlap({ lo: 'a0', hi: 'a2' }, { lo: 'a2', hi: 'a4' })).toBe(false);
    expect(gapsOverlap({ lo: 'a0', hi: 'a3' }, { lo: 'a2', hi: 'a4' })).toBe(true);
    expect(gapsOverlap({ lo: 'a0', hi: 'a2' }, { lo: 'a0', hi: 'a2' })).toBe(true);
    expect(gapsOverlap({ lo: null, hi: 'a1' }, { lo: 'a0', hi: null })).toBe(true);
    expect(gapsOverlap({ lo: null, hi: 'a1' }, { lo: 'a1', hi: null })).toBe(false);
    expect(gapsOverlap({ lo: 'a5', hi: null }, { lo: 'a1', hi: 'a3' })).toBe(false);
  });

  it('defer a move whose gap overlaps an earlier one (they could pick the same key)', () => {
    const moves = [
      { id: 1, gap: { lo: 'a1', hi: 'a2' } },
      { id: 2, gap: { lo: 'a1', hi: 'a2' } },
      { id: 3, gap: { lo: 'a2', hi: 'a3' } },
      { id: 4, gap: { lo: 'a0', hi: 'a5' } },
    ];
    const { now, later } = splitByGaps(moves);
    expect(now.map((m) => m.id)).toEqual([1, 3]);
    expect(later.map((m) => m.id)).toEqual([2, 4]);
  });
});
