import { median, round } from './stats.ts';

export interface FinishedItem {
  /** Estimated story points. */
  size: number;
  /** Calendar days from entering the sprint (or its start) to done. */
  actualDays: number;
}

export interface SizeSpread {
  size: number;
  count: number;
  minDays: number;
  medianDays: number;
  maxDays: number;
}

/**
 * Estimate vs actual: for each estimated size, the spread of elapsed days it took (min / median /
 * max, in days). A wide spread at one size means the team's estimates of that size are not
 * comparable.
 */
export function estimateSpread(items: readonly FinishedItem[]): SizeSpread[] {
  const bySize = new Map<number, number[]>();
  for (const it of items) {
    const list = bySize.get(it.size) ?? [];
    list.push(it.actualDays);
    bySize.set(it.size, list);
  }
  return [...bySize.entries()]
    .sort(([a], [b]) => a - b)
    .map(([size, days]) => ({
      size,
      count: days.length,
      minDays: round(Math.min(...days), 1),
      medianDays: round(median(days)!, 1),
      maxDays: round(Math.max(...days), 1),
    }));
}
