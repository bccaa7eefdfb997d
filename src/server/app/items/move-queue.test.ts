import { describe, expect, it } from 'vitest';
import type { Store } from '#app/store.ts';
import { keysBetween } from '#domain/backlog/ordering.ts';
import { MoveQueue } from './move-queue.ts';

/**
 * The queue's scheduling, against an in-memory order whose lookups answer at once (no I/O between
 * batches). The database path is covered by items-order.int.test.ts; this one would hang if parked
 * moves were released into a loop that never yields, and fails if a move is lost or misplaced.
 */
function memoryOrder(n: number) {
  const keys = keysBetween(null, null, n);
  const rank = new Map(keys.map((k, i) => [`i${i}`, k]));
  const sorted = () => [...rank].sort((a, b) => (a[1] < b[1] ? -1 : 1));
  let statements = 0;
  let looked = 0;
  // Each call yields to the event loop like a round trip would, so a scheduling loop shows up as
  // many lookups (asserted below) instead of hanging the test run.
  const roundTrip = () => new Promise((r) => setImmediate(r));
  // Writes take longer than lookups, as commits do: batches parked behind one have time to spin.
  const commit = () => new Promise((r) => setTimeout(r, 3));
  const items = {
    async gaps(_p: string, wanted: ReadonlyArray<{ anchorId: string; side: string; movingId: string }>) {
      await roundTrip();
      looked += wanted.length;
      return wanted.map((w) => {
        const anchor = rank.get(w.anchorId) ?? null;
        if (anchor === null) return { anchor, neighbour: null };
        const others = sorted().filter(([id]) => id !== w.movingId);
        const at = others.findIndex(([id]) => id === w.anchorId);
        const next = others[w.side === 'after' ? at + 1 : at - 1];
        return { anchor, neighbour: next ? next[1] : null };
      });
    },
    async moveMany(
      _p: string,
      moves: ReadonlyArray<{ id: string; rank: string }>,
      evs: ReadonlyArray<{ entityId: string; type: string }>,
    ) {
      await commit();
      statements += 1;
      const taken = new Set(rank.values());
      if (moves.some((m) => taken.has(m.rank))) return 'clash' as const;
      for (const m of moves) rank.set(m.id, m.rank);
      events += evs.filter((e) => e.type === 'item.moved' && moves.some((m) => m.id === e.entityId)).length;
      return moves.map((m) => ({ id: m.id, key: m.id, rank: m.rank, version: 1 }));
    },
  };
  let events = 0;
  const repos = {
    items,
    events: {
      async appendMany(e: unknown[]) {
        events += e.length;
      },
    },
  };
  const store = {
    read: repos,
    transaction: <T>(fn: (r: typeof repos) => Promise<T>) => fn(repos),
  } as unknown as Store;
  return {
    store,
    order: () => sorted().map(([id]) => id),
    statements: () => statements,
    lookups: () => looked,
    events: () => events,
  };
}

describe('move queue', () => {
  it('writes moves that arrive together in few statements, each where it was asked', async () => {
    const mem = memoryOrder(100);
    const queue = new MoveQueue(mem.store, async () => undefined);
    const pairs = Array.from({ length: 20 }, (_, k) => ({ item: `i${k}`, anchor: `i${99 - k}` }));
    await Promise.all(
      pairs.map((p) => queue.move('p', { itemId: p.item, anchorId: p.anchor, side: 'after', actorId: 'u' })),
    );
    const order = mem.order();
    for (const p of pairs) expect(order[order.indexOf(p.anchor) + 1]).toBe(p.item);
    expect(mem.statements()).toBeLessThanOrEqual(3);
    // One `item.moved` per move, appended in the batches' own statements.
    expect(mem.events()).toBe(20);
  });

  it('lands every move when many aim at the same gap or at moving items, without spinning', async () => {
    const mem = memoryOrder(50);
    const queue = new MoveQueue(mem.store, async () => undefined);
    const moves = Array.from({ length: 200 }, (_, k) => {
      const item = `i${(k * 7) % 50}`;
      const anchor = k % 3 === 0 ? 'i0' : `i${(k * 11 + 1) % 50}`;
      return anchor === item
        ? null
        : { itemId: item, anchorId: anchor, side: 'after' as const, actorId: 'u' };
    });
    // In waves, so new moves arrive while earlier batches are still being written.
    const sent: Array<Promise<unknown>> = [];
    for (const [k, m] of moves.entries()) {
      if (m) sent.push(queue.move('p', m));
      if (k % 10 === 9) await new Promise((r) => setTimeout(r, 1));
    }
    const results = await Promise.allSettled(sent);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    // A parked move is looked up again only after a batch wrote something it may have waited for.
    expect(mem.lookups()).toBeLessThan(sent.length * 2);
    expect([...mem.order()].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `i${i}`).sort());
  });
});
