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
}

/**
 * WSJF order: highest WSJF first; items that need an estimate go last; ties keep their current
 * order (input order), so applying the suggestion twice changes nothing.
 */
export function wsjfOrder<T extends Ranked>(current: readonly T[]): T[] {
  return current
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const wa = a.item.wsjf;
      const wb = b.item.wsjf;
      if (wa == null || wb == null) {
        if (wa == null && wb == null) return a.index - b.index;
        return wa == null ? 1 : -1;
      }
      return wb - wa || a.index - b.index;
    })
    .map((x) => x.item);
}
