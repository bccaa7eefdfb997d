import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capacityUntil, chooseScope, type ScopeCandidate, valueCurve } from './release-scope.ts';

const c = (
  id: string,
  size: number | null,
  costOfDelay: number,
  extra: Partial<ScopeCandidate> = {},
): ScopeCandidate => ({
  id,
  key: id.toUpperCase(),
  title: id,
  size,
  costOfDelay,
  votes: 0,
  releaseCritical: false,
  blockedBy: [],
  ...extra,
});

describe('release scope', () => {
  it('solves a hand-checked knapsack exactly (capacity 10: b+c+d = 5+3+2 points, value 21)', () => {
    // a: 6 pts 14 · b: 5 pts 10 · c: 3 pts 6 · d: 2 pts 5. Greedy by density takes d, a (value 19, 8 pts);
    // the best is b, c, d (10 pts, value 21); a+c = 9 pts 20; a+d = 8 pts 19.
    const r = chooseScope([c('a', 6, 14), c('b', 5, 10), c('c', 3, 6), c('d', 2, 5)], 10, 'costOfDelay');
    expect(r.itemIds.sort()).toEqual(['b', 'c', 'd']);
    expect(r).toMatchObject({
      totalValue: 21,
      totalSize: 10,
      optimal: true,
      gap: 0,
      method: 'dp',
      feasible: true,
    });
  });

  it('handles half points by scaling', () => {
    const r = chooseScope([c('a', 0.5, 3), c('b', 1, 4), c('c', 1.5, 6)], 2, 'costOfDelay');
    expect(r.itemIds.sort()).toEqual(['a', 'c']);
    expect(r.totalValue).toBe(9);
  });

  it('always includes release-critical items, and reports an infeasible capacity clearly', () => {
    const cands = [c('a', 8, 1, { releaseCritical: true }), c('b', 3, 20), c('c', 3, 19)];
    const r = chooseScope(cands, 11, 'costOfDelay');
    expect(r.itemIds.sort()).toEqual(['a', 'b']);
    const bad = chooseScope(cands, 5, 'costOfDelay');
    expect(bad.feasible).toBe(false);
    expect(bad.itemIds).toEqual(['a']);
    expect(bad.notes.join(' ')).toMatch(/need 8 points, more than the capacity of 5/);
  });

  it('pulls in what blocks a chosen item, and the blockers of release-critical items', () => {
    // c (value 30) is blocked by b (value 0), which is blocked by a (value 0).
    const cands = [
      c('a', 2, 0),
      c('b', 2, 0, { blockedBy: ['a'] }),
      c('c', 3, 30, { blockedBy: ['b'] }),
      c('d', 5, 12),
    ];
    const r = chooseScope(cands, 7, 'costOfDelay');
    expect(r.method).toBe('branch-and-bound');
    expect(r.itemIds.sort()).toEqual(['a', 'b', 'c']);
    expect(r.optimal).toBe(true);
    expect(r.items.find((i) => i.itemId === 'b')!.reason).toBe('blocks C');
    const crit = chooseScope(
      [c('a', 2, 0), c('b', 3, 1, { releaseCritical: true, blockedBy: ['a'] })],
      10,
      'costOfDelay',
    );
    expect(crit.itemIds.sort()).toEqual(['a', 'b']);
    expect(crit.items.find((i) => i.itemId === 'a')!.reason).toBe('blocks release-critical B');
  });

  it('leaves unsized candidates (and what they block) out with a note', () => {
    const r = chooseScope(
      [c('a', null, 20), c('b', 1, 5, { blockedBy: ['a'] }), c('c', 1, 1)],
      10,
      'costOfDelay',
    );
    expect(r.itemIds).toEqual(['c']);
    expect(r.notes[0]).toMatch(/not estimated and left out: A\./);
    expect(r.items.find((i) => i.itemId === 'b')!.reason).toMatch(/blocked by A/);
  });

  it('values by votes or by the documented blend', () => {
    const cands = [c('a', 1, 10, { votes: 0 }), c('b', 1, 0, { votes: 9 }), c('c', 1, 5, { votes: 3 })];
    expect(chooseScope(cands, 1, 'votes').itemIds).toEqual(['b']);
    const blend = chooseScope(cands, 1, 'blend');
    // a: 50, b: 50, c: 25 + 16.67 = 41.67 → one of a/b.
    expect(blend.totalValue).toBe(50);
  });

  it('draws the value curve in value-per-point order and marks 80 % of the value', () => {
    const { curve, mark } = valueCurve([
      { id: 'a', key: 'A', size: 1, value: 50 },
      { id: 'b', key: 'B', size: 4, value: 30 },
      { id: 'c', key: 'C', size: 5, value: 20 },
    ]);
    expect(curve.map((p) => [p.size, p.value])).toEqual([
      [0, 0],
      [1, 50],
      [5, 80],
      [10, 100],
    ]);
    expect(mark).toEqual({ size: 5, value: 80, sizeShare: 0.5, valueShare: 0.8 });
  });

  it('reports a gap when the search is cut short', () => {
    const cands = Array.from({ length: 14 }, (_, i) =>
      c(`i${i}`, 2 + (i % 5), 3 + ((i * 7) % 11), { blockedBy: i > 0 && i % 3 === 0 ? [`i${i - 1}`] : [] }),
    );
    const r = chooseScope(cands, 20, 'costOfDelay', { nodeLimit: 3 });
    expect(r.optimal).toBe(false);
    expect(r.gap).toBeGreaterThanOrEqual(0);
    expect(r.upperBound).toBeGreaterThanOrEqual(r.totalValue);
  });

  it('matches brute force on small random sets, with and without dependencies', () => {
    const arb = fc
      .array(
        fc.record({
          size: fc.integer({ min: 0, max: 8 }),
          value: fc.integer({ min: 0, max: 20 }),
          critical: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
          blocker: fc.option(fc.nat(9), { nil: null }),
        }),
        { minLength: 1, maxLength: 9 },
      )
      .chain((rows) => fc.tuple(fc.constant(rows), fc.integer({ min: 0, max: 25 })));
    fc.assert(
      fc.property(arb, ([rows, capacity]) => {
        const cands = rows.map((r, i) =>
          c(`i${i}`, r.size, r.value, {
            releaseCritical: r.critical,
            // Only earlier items block later ones: no cycles.
            blockedBy: r.blocker !== null && r.blocker < i ? [`i${r.blocker}`] : [],
          }),
        );
        const got = chooseScope(cands, capacity, 'costOfDelay');
        // Brute force over every subset that holds the critical items and is closed under blockers.
        let best = -1;
        const n = cands.length;
        const crit = cands.map((x) => x.releaseCritical);
        for (let mask = 0; mask < 1 << n; mask++) {
          const inSet = (i: number) => (mask >> i) & 1;
          let ok = true;
          let size = 0;
          let value = 0;
          for (let i = 0; i < n; i++) {
            if (crit[i] && !inSet(i)) ok = false;
            if (!inSet(i)) continue;
            for (const b of cands[i]!.blockedBy) if (!inSet(Number(b.slice(1)))) ok = false;
            size += cands[i]!.size!;
            value += cands[i]!.costOfDelay;
          }
          if (ok && size <= capacity) best = Math.max(best, value);
        }
        if (best < 0) {
          expect(got.feasible).toBe(false);
          return;
        }
        expect(got.optimal).toBe(true);
        expect(got.totalValue).toBe(best);
        expect(got.totalSize).toBeLessThanOrEqual(capacity);
        const chosen = new Set(got.itemIds);
        for (const x of cands) {
          if (x.releaseCritical) expect(chosen.has(x.id)).toBe(true);
          if (chosen.has(x.id)) for (const b of x.blockedBy) expect(chosen.has(b)).toBe(true);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('derives the capacity from velocity × whole sprints until the target date, or says why not', () => {
    // 42 days to go, 14-day sprints → 3 sprints × 20 points.
    expect(capacityUntil(20, 14, '2026-12-01', '2027-01-12')).toMatchObject({ capacity: 60, sprints: 3 });
    expect(capacityUntil(20, 14, '2026-12-01', '2027-01-11').sprints).toBe(2);
    expect(capacityUntil(20, 14, '2026-12-01', null).note).toMatch(/no target date/);
    expect(capacityUntil(null, 14, '2026-12-01', '2027-01-12').note).toMatch(/Too little sprint history/);
  });
});
