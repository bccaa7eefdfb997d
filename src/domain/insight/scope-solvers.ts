/**
 * The solvers behind release scope (release-scope.ts): 0/1 knapsack by dynamic programming over
 * integer sizes, and precedence-constrained knapsack by branch and bound. Pure and index-based:
 * they know nothing of items, only sizes, values and (for branch and bound) dependency closures.
 */

/** Branch and bound gives up (and reports its gap) after this many nodes. */
export const BNB_NODE_LIMIT = 2_000_000;

/** Value per point; a zero-size item with value is densest of all. */
export const density = (x: { size: number; value: number }) =>
  x.size > 0 ? x.value / x.size : x.value > 0 ? Infinity : 0;

/**
 * 0/1 knapsack by dynamic programming over integer weights: `best[c]` is the most value within
 * capacity c (for every c up to `capacity`), `choose(c)` the indexes that reach it.
 */
export function knapsackTable(weights: readonly number[], values: readonly number[], capacity: number) {
  const n = weights.length;
  const cap = Math.max(0, Math.floor(capacity));
  const best = new Float64Array(cap + 1);
  const keep = new Uint8Array(n * (cap + 1));
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    const v = values[i]!;
    if (v <= 0 || w > cap) continue;
    const row = i * (cap + 1);
    for (let c = cap; c >= w; c--) {
      const cand = best[c - w]! + v;
      if (cand > best[c]! + 1e-12) {
        best[c] = cand;
        keep[row + c] = 1;
      }
    }
  }
  const choose = (at: number): number[] => {
    const chosen: number[] = [];
    let c = Math.max(0, Math.min(cap, Math.floor(at)));
    for (let i = n - 1; i >= 0; i--) {
      if (keep[i * (cap + 1) + c]) {
        chosen.push(i);
        c -= weights[i]!;
      }
    }
    return chosen.reverse();
  };
  return { best, choose };
}

/** 0/1 knapsack by dynamic programming over integer weights; returns the chosen indexes. */
export function knapsack(weights: readonly number[], values: readonly number[], capacity: number): number[] {
  return knapsackTable(weights, values, capacity).choose(capacity);
}

export interface BnbNode {
  size: number;
  value: number;
  /** Indexes (into the free list) of this item and every free item that transitively blocks it. */
  closure: number[];
  /** Indexes of free items that transitively depend on this one. */
  dependents: number[];
}

/**
 * Precedence-constrained knapsack by depth-first branch and bound: branch on the densest undecided
 * item (take it with its blockers / leave it and everything that needs it); bound by the
 * fractional relaxation of the undecided items (precedence dropped, so it never underestimates).
 */
export function branchAndBound(
  nodes: readonly BnbNode[],
  capacity: number,
  nodeLimit = BNB_NODE_LIMIT,
  /**
   * Items with no dependency at all, solved exactly for any room by `complete` (the DP table) and
   * counted in the bound by their own value per point.
   */
  independent: {
    items: ReadonlyArray<{ size: number; value: number }>;
    complete: (room: number) => number;
  } = {
    items: [],
    complete: () => 0,
  },
): { chosen: number[]; value: number; upperBound: number; optimal: boolean; room: number } {
  const n = nodes.length;
  const extra = [...independent.items].filter((x) => x.value > 0).sort((a, b) => density(b) - density(a));
  const order = [...nodes.keys()].sort((a, b) => density(nodes[b]!) - density(nodes[a]!));
  const state = new Int8Array(n); // 0 undecided, 1 in, -1 out
  let bestValue = 0;
  let bestSet: number[] = [];
  let bestRoom = capacity;
  let visited = 0;
  let aborted = false;
  let rootBound = Infinity;

  // The fractional relaxation: undecided linked items and the independent ones, densest first.
  const bound = (size: number, value: number) => {
    let room = capacity - size;
    let b = value;
    let i = 0;
    let j = 0;
    for (;;) {
      while (i < order.length && (state[order[i]!] !== 0 || nodes[order[i]!]!.value <= 0)) i++;
      const a = i < order.length ? nodes[order[i]!]! : null;
      const e = j < extra.length ? extra[j]! : null;
      const it = a && (!e || density(a) >= density(e)) ? a : e;
      if (!it) break;
      if (it === a) i++;
      else j++;
      if (it.size <= room) {
        room -= it.size;
        b += it.value;
      } else {
        if (it.size > 0) b += (it.value * room) / it.size;
        break;
      }
    }
    return b;
  };

  // A greedy start: densest first, each with its closure, while it fits.
  {
    let size = 0;
    let value = 0;
    for (const i of order) {
      if (state[i] !== 0) continue;
      const add = nodes[i]!.closure.filter((j) => state[j] === 0);
      const s = add.reduce((t, j) => t + nodes[j]!.size, 0);
      if (size + s <= capacity + 1e-9) {
        for (const j of add) state[j] = 1;
        size += s;
        value += add.reduce((t, j) => t + nodes[j]!.value, 0);
      }
    }
    bestValue = value + independent.complete(capacity - size);
    bestSet = [...state.keys()].filter((i) => state[i] === 1);
    bestRoom = capacity - size;
    state.fill(0);
  }

  const search = (size: number, value: number, depth: number): void => {
    if (aborted) return;
    if (++visited > nodeLimit) {
      aborted = true;
      return;
    }
    const total = value + independent.complete(capacity - size);
    if (total > bestValue + 1e-9) {
      bestValue = total;
      bestSet = [...state.keys()].filter((i) => state[i] === 1);
      bestRoom = capacity - size;
    }
    const b = bound(size, value);
    if (depth === 0) rootBound = b;
    if (b <= bestValue + 1e-9) return;
    const next = order.find((i) => state[i] === 0 && nodes[i]!.value > 0);
    if (next === undefined) return;
    // Take it with every undecided blocker (a blocker decided "out" makes the branch impossible).
    const closure = nodes[next]!.closure;
    if (closure.every((j) => state[j] !== -1)) {
      const add = closure.filter((j) => state[j] === 0);
      const s = add.reduce((t, j) => t + nodes[j]!.size, 0);
      if (size + s <= capacity + 1e-9) {
        for (const j of add) state[j] = 1;
        search(size + s, value + add.reduce((t, j) => t + nodes[j]!.value, 0), depth + 1);
        for (const j of add) state[j] = 0;
      }
    }
    // Leave it, and everything that needs it.
    const drop = [next, ...nodes[next]!.dependents].filter((j) => state[j] === 0);
    for (const j of drop) state[j] = -1;
    search(size, value, depth + 1);
    for (const j of drop) state[j] = 0;
  };
  search(0, 0, 0);
  const upperBound = aborted ? Math.max(bestValue, rootBound) : bestValue;
  return { chosen: bestSet, value: bestValue, upperBound, optimal: !aborted, room: bestRoom };
}
