import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * Manual backlog order as fractional-index keys (fractional-indexing: base-62, byte-ordered).
 * A move gives one item a key between its new neighbours, so it writes exactly one row.
 */

/** Keys longer than this trigger a rebalance of the product's keys (repeated moves into one gap). */
export const REBALANCE_KEY_LENGTH = 24;

/** Soft-deleted items get a key above every live key ('~' sorts after base-62 in byte order). */
export const TOMBSTONE_PREFIX = '~';
export const tombstoneKey = (id: string): string => `${TOMBSTONE_PREFIX}${id}`;

export function keyBetween(before: string | null, after: string | null): string {
  return generateKeyBetween(before, after);
}

export function keysBetween(before: string | null, after: string | null, n: number): string[] {
  return generateNKeysBetween(before, after, n);
}

export const needsRebalance = (key: string): boolean => key.length > REBALANCE_KEY_LENGTH;

/** Fresh, evenly spread keys for `n` items in their current order. */
export const rebalancedKeys = (n: number): string[] => generateNKeysBetween(null, null, n);

export interface PlacedItem {
  id: string;
  rank: string;
}
export interface PlannedMove {
  id: string;
  /** The item it now follows in the new order; null when it goes first. */
  afterId: string | null;
  rank: string;
}

/**
 * The fewest single-item moves that turn `current` (in rank order) into `target` (the same ids in
 * the wanted order): items on a longest increasing subsequence of current positions stay, the
 * others get new keys between their new neighbours. Returns the moves in target order.
 */
export function planReorder(current: readonly PlacedItem[], target: readonly string[]): PlannedMove[] {
  const pos = new Map(current.map((c, i) => [c.id, i]));
  const rankOf = new Map(current.map((c) => [c.id, c.rank]));
  if (target.length !== current.length || target.some((id) => !pos.has(id)))
    throw new Error('planReorder: target must be a permutation of current');
  const stay = longestIncreasing(target.map((id) => pos.get(id)!));
  const moves: PlannedMove[] = [];
  let i = 0;
  while (i < target.length) {
    if (stay.has(i)) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < target.length && !stay.has(j)) j += 1;
    // Runs are maximal, so both neighbours (when present) stay and keep their keys.
    const lo = i > 0 ? rankOf.get(target[i - 1]!)! : null;
    const hi = j < target.length ? rankOf.get(target[j]!)! : null;
    const keys = keysBetween(lo, hi, j - i);
    for (let k = i; k < j; k += 1)
      moves.push({ id: target[k]!, afterId: k > 0 ? target[k - 1]! : null, rank: keys[k - i]! });
    i = j;
  }
  return moves;
}

/** Indexes (into `seq`) of one longest strictly increasing subsequence; O(n log n). */
export function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i += 1) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out = new Set<number>();
  let k = tails.length ? tails[tails.length - 1]! : -1;
  while (k >= 0) {
    out.add(k);
    k = prev[k]!;
  }
  return out;
}
