/**
 * Moves that arrive together are written together: one statement, one commit, one wake-up for
 * every instance. That is only safe for moves that cannot disturb each other, so a batch takes
 * them in arrival order and defers to the next batch any move that
 * - touches an item an earlier move of the batch already touches (as the moved item or the
 *   anchor): "after X" must mean after X where X is once X's own move has landed;
 * - lands in a gap that overlaps an earlier move's gap: both would compute keys from the same
 *   neighbours, so they could pick the same key, or land in the wrong order.
 * Gaps are open intervals between fractional keys; null is the open end of the list.
 */
export interface BatchMove {
  itemId: string;
  anchorId: string;
}

export interface Gap {
  lo: string | null;
  hi: string | null;
}

/**
 * Splits moves (in arrival order) into the first that share no item with each other nor with
 * `busy` (items of moves still being written), and the rest.
 */
export function splitByItems<T extends BatchMove>(
  moves: readonly T[],
  busy: ReadonlySet<string> = new Set(),
): { now: T[]; later: T[] } {
  const touched = new Set<string>(busy);
  const now: T[] = [];
  const later: T[] = [];
  for (const m of moves) {
    if (touched.has(m.itemId) || touched.has(m.anchorId)) {
      later.push(m);
      continue;
    }
    touched.add(m.itemId);
    touched.add(m.anchorId);
    now.push(m);
  }
  return { now, later };
}

/** True when two open intervals of keys share any key. */
export function gapsOverlap(a: Gap, b: Gap): boolean {
  const aBelowB = a.hi !== null && b.lo !== null && a.hi <= b.lo;
  const bBelowA = b.hi !== null && a.lo !== null && b.hi <= a.lo;
  return !aBelowB && !bBelowA;
}

/**
 * Splits moves with known gaps (in arrival order) into those whose gaps are disjoint from each
 * other and from `busy` (gaps of moves still being written), and the rest.
 */
export function splitByGaps<T extends { gap: Gap }>(
  moves: readonly T[],
  busy: readonly Gap[] = [],
): { now: T[]; later: T[] } {
  const now: T[] = [];
  const later: T[] = [];
  for (const m of moves) {
    if (busy.some((b) => gapsOverlap(b, m.gap)) || now.some((n) => gapsOverlap(n.gap, m.gap))) later.push(m);
    else now.push(m);
  }
  return { now, later };
}
