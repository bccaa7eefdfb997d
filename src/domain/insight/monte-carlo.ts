import { FORECAST, type Percentile } from './forecast-config.ts';
import {
  type AliasTable,
  aliasTable,
  convolve,
  daysToFinish,
  itemsIn,
  sample,
  seededRng,
  throughputModel,
} from './throughput-sampling.ts';

/**
 * Monte Carlo forecasts on throughput (issue 11): "when will these N items be done?" and "how many
 * items by this date?", from the items the team got accepted per working day over a window.
 * PURE: today, the history and the seed are passed in.
 *
 * The PRNG is pure-rand's xoroshiro128+ (a small, well-known generator with a mutable `next()`:
 * no allocation per draw, and the same seed gives the same sequence on every platform).
 *
 * Speed: a trial does not walk day by day. The daily throughput's empirical distribution is
 * convolved with itself into the distribution of 2, 4, 8 … 256 days' throughput, each sampled in
 * O(1) through a Walker/Vose alias table (typed arrays). A trial jumps a block of days whenever the
 * block cannot finish the work even at its maximum, then descends to smaller blocks: exactly the
 * same distribution as the day-by-day walk (`naiveDaysToFinish`, kept for the bench and tests).
 */
export { FORECAST, type Percentile } from './forecast-config.ts';
export * from './throughput-sampling.ts';

// ── Working days (Mon–Fri), as day numbers since 1970-01-01 (a Thursday) ──

const DAY_MS = 86_400_000;
export const dayNumber = (iso: string): number =>
  Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
export const isoOfDay = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
export const isWorkingDay = (n: number): boolean => {
  const weekday = (((n + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday >= 1 && weekday <= 5;
};
/** The working days from `from` to `to`, both included. */
export function workingDaysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(from), end = dayNumber(to); d <= end; d++)
    if (isWorkingDay(d)) out.push(isoOfDay(d));
  return out;
}
/** The k-th working day counting `start` as day 1 when it is a working day. */
export function nthWorkingDay(start: string, k: number): string {
  let d = dayNumber(start) - 1;
  let seen = 0;
  while (seen < k) {
    d++;
    if (isWorkingDay(d)) seen++;
  }
  return isoOfDay(d);
}

// ── History ──

export interface Acceptance {
  itemId: string;
  /** The day it was first accepted (YYYY-MM-DD). */
  on: string;
}

export interface ThroughputWindow {
  from: string;
  to: string;
  workingDays: number;
  itemsAccepted: number;
  perDay: number;
  /** Items accepted per working day, oldest first: the evidence, one row per day. */
  days: Array<{ date: string; items: number; itemIds: string[] }>;
}

/**
 * The window of history before `today`: the last `windowDays` working days up to yesterday,
 * never before `firstDay` (the product's first sprint or acceptance: earlier days are not "zero").
 */
export function throughputWindow(
  acceptances: readonly Acceptance[],
  today: string,
  firstDay: string | null,
  windowDays: number = FORECAST.defaultWindowDays,
): ThroughputWindow {
  const to = dayNumber(today) - 1;
  let from = to + 1;
  let counted = 0;
  const floor = firstDay ? dayNumber(firstDay) : to + 1;
  while (counted < windowDays && from - 1 >= floor) {
    from--;
    if (isWorkingDay(from)) counted++;
  }
  const byDay = new Map<string, string[]>();
  for (const a of acceptances) {
    const list = byDay.get(a.on);
    if (list) list.push(a.itemId);
    else byDay.set(a.on, [a.itemId]);
  }
  const days: ThroughputWindow['days'] = [];
  for (let d = from; d <= to; d++) {
    if (!isWorkingDay(d)) continue;
    const date = isoOfDay(d);
    const itemIds = byDay.get(date) ?? [];
    days.push({ date, items: itemIds.length, itemIds });
  }
  // Acceptances on a weekend count on the Friday before: work done, just reviewed late.
  for (const a of acceptances) {
    const n = dayNumber(a.on);
    if (n < from || n > to || isWorkingDay(n)) continue;
    let f = n;
    while (!isWorkingDay(f)) f--;
    const row = days.find((x) => x.date === isoOfDay(f));
    if (row) {
      row.items++;
      row.itemIds.push(a.itemId);
    }
  }
  const itemsAccepted = days.reduce((s, x) => s + x.items, 0);
  return {
    from: days[0]?.date ?? today,
    to: days.at(-1)?.date ?? today,
    workingDays: days.length,
    itemsAccepted,
    perDay: days.length ? itemsAccepted / days.length : 0,
    days,
  };
}

/** Null when the window can forecast; else the note that says why not. */
export function historyProblem(w: ThroughputWindow): string | null {
  if (w.workingDays < FORECAST.minHistoryDays)
    return `Too little history: ${w.workingDays} working day${w.workingDays === 1 ? '' : 's'} of throughput, a forecast needs at least ${FORECAST.minHistoryDays}.`;
  if (w.itemsAccepted < FORECAST.minAcceptedItems)
    return `Too little history: ${w.itemsAccepted} item${w.itemsAccepted === 1 ? '' : 's'} accepted in the last ${w.workingDays} working days, a forecast needs at least ${FORECAST.minAcceptedItems}.`;
  return null;
}

// ── What is left to do ──

export interface RemainingWork {
  /** Items that count as exactly one. */
  sized: number;
  /** Items with no size yet: 1 or 2 each. */
  unsized: number;
  /** Open spikes: 1 plus 0..2 follow-ups each. */
  spikes: number;
}

/** The distribution of extra items the unsized items and spikes bring, as an alias table (one draw per trial). */
export function extraWork(work: RemainingWork): AliasTable {
  let pmf: Float64Array = new Float64Array([1]);
  const p = FORECAST.unsizedExtraChance;
  const coin = new Float64Array([1 - p, p]);
  const spike = new Float64Array(FORECAST.spikeMaxFollowUps + 1).fill(1 / (FORECAST.spikeMaxFollowUps + 1));
  // Repeated squaring would be faster; a thousand unsized items is a few hundred thousand operations.
  for (let i = 0; i < work.unsized; i++) pmf = convolve(pmf, coin);
  for (let i = 0; i < work.spikes; i++) pmf = convolve(pmf, spike);
  return aliasTable(pmf);
}

export function uncertaintyNotes(work: RemainingWork): string[] {
  const notes: string[] = [];
  if (work.unsized > 0)
    notes.push(
      `${work.unsized} item${work.unsized === 1 ? ' has' : 's have'} no size: each counts as 1 or 2 items (even odds), which widens the range.`,
    );
  if (work.spikes > 0)
    notes.push(
      `${work.spikes} open spike${work.spikes === 1 ? '' : 's'}: each may bring up to ${FORECAST.spikeMaxFollowUps} follow-up items (0, 1 or 2, even odds), which widens the range.`,
    );
  return notes;
}

// ── Forecasts ──

export interface HistogramBar {
  from: string;
  to: string;
  trials: number;
  /** Share of trials done by the bar's end, in percent. */
  cumulative: number;
}

export interface WhenResult {
  /** Null when there is too little history (see notes). */
  percentiles: Record<`${Percentile}`, string | null> | null;
  histogram: HistogramBar[];
  trials: number;
  seed: number;
  remaining: RemainingWork & { total: number };
  /** Trials that did not finish within the horizon. */
  beyondHorizon: number;
  notes: string[];
}

export interface ForecastInput {
  window: ThroughputWindow;
  today: string;
  trials: number;
  seed: number;
}

const pct = (p: number, trials: number) => Math.ceil((p / 100) * trials);

export function forecastWhen(input: ForecastInput & { work: RemainingWork }): WhenResult {
  const { window, today, trials, seed, work } = input;
  const total = work.sized + work.unsized + work.spikes;
  const notes = uncertaintyNotes(work);
  const base = { trials, seed, remaining: { ...work, total }, beyondHorizon: 0 };
  const problem = historyProblem(window);
  if (problem) return { ...base, percentiles: null, histogram: [], notes: [problem, ...notes] };
  if (total === 0)
    return {
      ...base,
      percentiles: null,
      histogram: [],
      notes: ['Nothing left to do: every chosen item is accepted.', ...notes],
    };
  const model = throughputModel(window.days.map((d) => d.items));
  const extra = extraWork(work);
  const rng = seededRng(seed);
  const horizon = FORECAST.horizonDays;
  const byDay = new Int32Array(horizon + 2);
  for (let t = 0; t < trials; t++) {
    const n = total + (extra.size > 1 ? sample(extra, rng) : 0);
    byDay[daysToFinish(model, n, rng, horizon)]!++;
  }
  const dayAt = (share: number) => {
    const need = pct(share, trials);
    let seen = 0;
    for (let d = 0; d < byDay.length; d++) {
      seen += byDay[d]!;
      if (seen >= need) return d;
    }
    return horizon + 1;
  };
  const dateOf = (d: number) => (d > horizon ? null : nthWorkingDay(today, Math.max(1, d)));
  const percentiles = Object.fromEntries(
    FORECAST.percentiles.map((p) => [String(p), dateOf(dayAt(p))]),
  ) as WhenResult['percentiles'];
  const beyondHorizon = byDay[horizon + 1]!;
  if (beyondHorizon > 0)
    notes.push(
      `${beyondHorizon} of ${trials} trials were not done within ${horizon} working days (about five years).`,
    );
  // Bars: from the 1st to the 99th percentile of finish days, binned to at most `histogramBars`.
  const lo = Math.max(1, dayAt(1));
  const hi = Math.min(horizon, Math.max(lo, dayAt(99)));
  const width = Math.max(1, Math.ceil((hi - lo + 1) / FORECAST.histogramBars));
  const histogram: HistogramBar[] = [];
  let seen = 0;
  for (let d = 0; d < lo; d++) seen += byDay[d]!;
  for (let start = lo; start <= hi; start += width) {
    let count = 0;
    for (let d = start; d < start + width && d <= horizon; d++) count += byDay[d]!;
    seen += count;
    histogram.push({
      from: nthWorkingDay(today, start),
      to: nthWorkingDay(today, Math.min(start + width - 1, horizon)),
      trials: count,
      cumulative: Math.round((seen / trials) * 1000) / 10,
    });
  }
  return { ...base, percentiles, histogram, beyondHorizon, notes };
}

export interface HowManyBar {
  from: number;
  to: number;
  trials: number;
  /** Share of trials with at least `from` items, in percent. */
  atLeast: number;
}

export interface HowManyResult {
  /** "85": at least this many items in 85 % of trials. Null with too little history. */
  percentiles: Record<`${Percentile}`, number> | null;
  histogram: HowManyBar[];
  trials: number;
  seed: number;
  /** Working days from today through the date. */
  workingDays: number;
  notes: string[];
}

/** How many items by `date` (included): the upper tail, "85 %: at least N". */
export function forecastHowMany(input: ForecastInput & { date: string }): HowManyResult {
  const { window, today, trials, seed, date } = input;
  const workingDays = dayNumber(date) < dayNumber(today) ? 0 : workingDaysBetween(today, date).length;
  const base = { trials, seed, workingDays };
  const problem = historyProblem(window);
  if (problem) return { ...base, percentiles: null, histogram: [], notes: [problem] };
  const model = throughputModel(window.days.map((d) => d.items));
  const rng = seededRng(seed);
  const results = new Int32Array(trials);
  for (let t = 0; t < trials; t++) results[t] = itemsIn(model, workingDays, rng);
  results.sort();
  // At least N in p % of trials: the value at the (100 − p)th percentile from the bottom.
  const atLeast = (p: number) => results[Math.max(0, trials - pct(p, trials))]!;
  const percentiles = Object.fromEntries(FORECAST.percentiles.map((p) => [String(p), atLeast(p)])) as Record<
    `${Percentile}`,
    number
  >;
  const lo = results[Math.floor(trials * 0.01)]!;
  const hi = results[Math.min(trials - 1, Math.floor(trials * 0.99))]!;
  const width = Math.max(1, Math.ceil((hi - lo + 1) / FORECAST.histogramBars));
  const histogram: HowManyBar[] = [];
  let i = 0;
  while (i < trials && results[i]! < lo) i++;
  for (let from = lo; from <= hi; from += width) {
    const atLeastShare = Math.round(((trials - i) / trials) * 1000) / 10;
    let count = 0;
    while (i < trials && results[i]! < from + width) {
      count++;
      i++;
    }
    histogram.push({ from, to: from + width - 1, trials: count, atLeast: atLeastShare });
  }
  const notes: string[] = [];
  if (workingDays === 0) notes.push('No working day left before that date.');
  return { ...base, percentiles, histogram, notes };
}
