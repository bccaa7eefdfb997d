import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { FORECAST } from './forecast-config.ts';

/**
 * Sampling the team's throughput fast (see monte-carlo.ts): the daily throughput's distribution
 * convolved into 2, 4 … 256-day blocks, each drawn in O(1) through a Walker/Vose alias table, and
 * the naive day-by-day walk it must equal (kept for the bench and the tests).
 */

/** A uniform float in [0, 1) from a 32-bit draw. */
export interface Rng {
  next(): number;
}
export const seededRng = (seed: number): Rng => xoroshiro128plus(seed | 0);
const unit = (rng: Rng) => (rng.next() >>> 0) / 4_294_967_296;

/** A Walker/Vose alias table over 0..pmf.length-1: one draw, one comparison. */
export interface AliasTable {
  size: number;
  max: number;
  prob: Float64Array;
  alias: Int32Array;
}

export function aliasTable(pmf: ArrayLike<number>): AliasTable {
  let n = pmf.length;
  while (n > 1 && pmf[n - 1]! <= 0) n--;
  let total = 0;
  for (let i = 0; i < n; i++) total += pmf[i]!;
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) scaled[i] = (pmf[i]! / total) * n;
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) (scaled[i]! < 1 ? small : large).push(i);
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    (scaled[l]! < 1 ? small : large).push(l);
  }
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1;
  return { size: n, max: n - 1, prob, alias };
}

export const sample = (t: AliasTable, rng: Rng): number => {
  const u = unit(rng) * t.size;
  const i = u | 0;
  return u - i < t.prob[i]! ? i : t.alias[i]!;
};

export function convolve(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!;
    if (ai < 1e-300) continue;
    for (let j = 0; j < b.length; j++) out[i + j]! += ai * b[j]!;
  }
  // Trim the negligible tail so the tables stay small.
  let n = out.length;
  while (n > 1 && out[n - 1]! < 1e-15) n--;
  return n === out.length ? out : out.slice(0, n);
}

/** The daily throughput's distribution and its 2^k-day blocks, ready to sample. */
export interface ThroughputModel {
  /** Block tables, smallest (1 day) first; blocks[k] covers 2^k days. */
  blocks: Array<{ days: number; table: AliasTable }>;
  daily: AliasTable;
  /** The observed days, for the naive walk. */
  counts: Int32Array;
}

export function throughputModel(counts: readonly number[]): ThroughputModel {
  const max = Math.max(0, ...counts);
  let pmf: Float64Array = new Float64Array(max + 1);
  for (const c of counts) pmf[c]! += 1 / counts.length;
  const blocks: ThroughputModel['blocks'] = [{ days: 1, table: aliasTable(pmf) }];
  for (let days = 2; days <= FORECAST.maxBlockDays && pmf.length * 2 <= FORECAST.maxBlockSupport; days *= 2) {
    pmf = convolve(pmf, pmf);
    blocks.push({ days, table: aliasTable(pmf) });
  }
  return { blocks, daily: blocks[0]!.table, counts: Int32Array.from(counts) };
}

/** Working days until `n` items are done (day 1 = the first day), or horizon + 1 when not within it. */
export function daysToFinish(
  model: ThroughputModel,
  n: number,
  rng: Rng,
  horizon: number = FORECAST.horizonDays,
): number {
  if (n <= 0) return 0;
  let done = 0;
  let days = 0;
  const { blocks } = model;
  // Jump whole blocks while even their maximum cannot finish: the finishing day is never inside one.
  for (let k = blocks.length - 1; k >= 1; k--) {
    const b = blocks[k]!;
    while (done + b.table.max < n && days + b.days <= horizon) {
      done += sample(b.table, rng);
      days += b.days;
    }
  }
  const daily = model.daily;
  while (done < n && days < horizon) {
    done += sample(daily, rng);
    days++;
  }
  return done >= n ? days : horizon + 1;
}

/** Items done in `days` working days: the days in binary blocks, each one draw. */
export function itemsIn(model: ThroughputModel, days: number, rng: Rng): number {
  let left = days;
  let done = 0;
  const { blocks } = model;
  for (let k = blocks.length - 1; k >= 0; k--) {
    const b = blocks[k]!;
    while (left >= b.days) {
      done += sample(b.table, rng);
      left -= b.days;
    }
  }
  return done;
}

/** The textbook walk, one draw per day from the observed days: the bench's comparison and the tests' reference. */
export function naiveDaysToFinish(
  counts: readonly number[],
  n: number,
  rng: Rng,
  horizon: number = FORECAST.horizonDays,
): number {
  let done = 0;
  let days = 0;
  while (done < n && days < horizon) {
    done += counts[Math.floor(unit(rng) * counts.length)]!;
    days++;
  }
  return done >= n ? days : horizon + 1;
}
