import { describe, expect, it } from 'vitest';
import { keysBetween, longestIncreasing, needsRebalance, planReorder, tombstoneKey } from './ordering.ts';

const byteSorted = (a: string[]) => [...a].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

describe('planReorder', () => {
  const keys = keysBetween(null, null, 6);
  const current = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({ id, rank: keys[i]! }));

  it('moves only the items off the longest kept run, and the new keys give the target order', () => {
    const target = ['b', 'c', 'd', 'e', 'f', 'a'];
    const moves = planReorder(current, target);
    expect(moves.map((m) => m.id)).toEqual(['a']);
    expect(moves[0]!.afterId).toBe('f');
    const rank = new Map(current.map((c) => [c.id, c.rank]));
    for (const m of moves) rank.set(m.id, m.rank);
    const sorted = [...rank.entries()].sort((x, y) => (x[1] < y[1] ? -1 : 1)).map(([id]) => id);
    expect(sorted).toEqual(target);
  });

  it('plans nothing when the order is already the target', () => {
    expect(
      planReorder(
        current,
        current.map((c) => c.id),
      ),
    ).toEqual([]);
  });

  it('handles a full reversal', () => {
    const target = current.map((c) => c.id).reverse();
    const moves = planReorder(current, target);
    expect(moves).toHaveLength(5);
    const rank = new Map(current.map((c) => [c.id, c.rank]));
    for (const m of moves) rank.set(m.id, m.rank);
    expect(new Set(rank.values()).size).toBe(6);
    expect([...rank.entries()].sort((x, y) => (x[1] < y[1] ? -1 : 1)).map(([id]) => id)).toEqual(target);
  });

  it('rejects a target that is not a permutation', () => {
    expect(() => planReorder(current, ['a'])).toThrow();
  });
});

describe('keys', () => {
  it('sort in byte order the way they were generated, and tombstones sort after all', () => {
    const ks = keysBetween(null, null, 2000);
    expect(byteSorted(ks)).toEqual(ks);
    expect(tombstoneKey('x') > ks.at(-1)!).toBe(true);
  });

  it('grow when squeezed into one gap, and then ask for a rebalance', () => {
    let lo = 'a0';
    const hi = 'a1';
    let k = lo;
    for (let i = 0; i < 200 && !needsRebalance(k); i += 1) {
      k = keysBetween(lo, hi, 1)[0]!;
      lo = k;
    }
    expect(needsRebalance(k)).toBe(true);
  });

  it('finds a longest increasing subsequence', () => {
    expect(longestIncreasing([3, 0, 1, 2]).size).toBe(3);
    expect([...longestIncreasing([5, 1, 6, 2, 3])].sort()).toEqual([1, 3, 4]);
  });
});
