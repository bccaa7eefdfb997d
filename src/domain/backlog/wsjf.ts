export interface ValueInputs {
  /** Each on the 1, 2, 3, 5, 8, 13, 20 scale (VALUE_SCALE); null = not set. */
  businessValue: number | null;
  timeCriticality: number | null;
  riskReduction: number | null;
  /** Story points; null = not estimated. */
  size: number | null;
}

/** Cost of delay (SAFe WSJF): business value + time criticality + risk reduction, in relative points. */
export function costOfDelay(v: Omit<ValueInputs, 'size'>): number {
  return (v.businessValue ?? 0) + (v.timeCriticality ?? 0) + (v.riskReduction ?? 0);
}

/**
 * WSJF (SAFe) = cost of delay / job size (story points). Null means "needs estimate". A 0-point
 * item counts as 0.5 so the score stays finite; the database's generated column uses the same rule.
 */
export function wsjf(v: ValueInputs): number | null {
  if (v.size == null) return null;
  return costOfDelay(v) / Math.max(v.size, 0.5);
}

/** WSJF rounded for display and the API (two decimals). */
export function wsjfRounded(v: ValueInputs): number | null {
  if (v.size == null) return null;
  // Divide the scaled integer once, so halves round as the database's exact numeric does.
  return Math.round((costOfDelay(v) * 100) / Math.max(v.size, 0.5)) / 100;
}

export interface Ranked {
  id: string;
  wsjf: number | null;
  /** Finished work (done, accepted, rejected) needs no ordering: it goes below all open work. */
  status?: string;
}

const FINISHED = new Set(['done', 'accepted', 'rejected']);
/** 0 = open and estimated, 1 = open but needs an estimate, 2 = finished. */
const tier = (r: Ranked) => (r.status && FINISHED.has(r.status) ? 2 : r.wsjf == null ? 1 : 0);

/**
 * WSJF order: open items by highest WSJF first, then open items that need an estimate, then
 * finished work; ties keep their current order (input order), so applying the suggestion twice
 * changes nothing.
 */
export function wsjfOrder<T extends Ranked>(current: readonly T[]): T[] {
  return current
    .map((item, index) => ({ item, index, tier: tier(item) }))
    .sort((a, b) => {
      if (a.tier !== b.tier) return a.tier - b.tier;
      if (a.tier === 0) return b.item.wsjf! - a.item.wsjf! || a.index - b.index;
      return a.index - b.index;
    })
    .map((x) => x.item);
}
