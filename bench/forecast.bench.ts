import { performance } from 'node:perf_hooks';
import {
  daysToFinish,
  FORECAST,
  forecastWhen,
  naiveDaysToFinish,
  seededRng,
  throughputModel,
} from '#domain/insight/monte-carlo.ts';
import { report } from './bench-kit.ts';

/**
 * The Monte Carlo "when" forecast: 10,000 trials for 1,000 remaining items on one core, median of
 * several runs ≤ 25 ms (the whole forecastWhen: tables, trials, percentiles, histogram), printed
 * beside the textbook day-by-day walk measured in the same run on the same history.
 */
const TRIALS = 10_000;
const ITEMS = 1_000;
const RUNS = 9;
// Sixty working days of a team that gets about 1.2 items accepted a day, bursty around reviews.
const counts = Array.from({ length: 60 }, (_, i) => [0, 1, 0, 2, 1, 0, 3, 1, 0, 4][i % 10]!);
const window = {
  from: '2026-09-07',
  to: '2026-11-27',
  workingDays: counts.length,
  itemsAccepted: counts.reduce((s, c) => s + c, 0),
  perDay: counts.reduce((s, c) => s + c, 0) / counts.length,
  days: counts.map((items, i) => ({ date: String(i), items, itemIds: [] })),
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const fast = (seed: number, unsized = 0, spikes = 0) =>
  forecastWhen({
    window,
    today: '2026-11-30',
    trials: TRIALS,
    seed,
    work: { sized: ITEMS - unsized - spikes, unsized, spikes },
  });
const naive = (seed: number) => {
  const rng = seededRng(seed);
  const byDay = new Int32Array(FORECAST.horizonDays + 2);
  for (let t = 0; t < TRIALS; t++) byDay[naiveDaysToFinish(counts, ITEMS, rng)]!++;
  return byDay;
};

// Warm up the JIT on both paths.
for (let i = 0; i < 3; i++) {
  fast(100 + i);
  naive(100 + i);
}
const fastMs: number[] = [];
const wideMs: number[] = [];
const naiveMs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  fastMs.push(time(() => fast(i + 1)));
  wideMs.push(time(() => fast(i + 1, 200, 10)));
  naiveMs.push(time(() => naive(i + 1)));
}
// The two agree: the median finishing day of each.
const model = throughputModel(counts);
const a: number[] = [];
const b: number[] = [];
const ra = seededRng(1);
const rb = seededRng(2);
for (let t = 0; t < 2000; t++) {
  a.push(daysToFinish(model, ITEMS, ra));
  b.push(naiveDaysToFinish(counts, ITEMS, rb));
}
const f = fast(1);
const speedup = median(naiveMs) / median(fastMs);
report(
  `Forecast "when": ${TRIALS.toLocaleString('en')} trials × ${ITEMS.toLocaleString('en')} items (median of ${RUNS} runs)`,
  [
    [
      'forecastWhen (block jumps, alias tables)',
      `${median(fastMs).toFixed(1)} ms`,
      '≤ 25 ms',
      median(fastMs) <= 25,
    ],
    [
      '  with 200 unsized items and 10 spikes',
      `${median(wideMs).toFixed(1)} ms`,
      '≤ 25 ms',
      median(wideMs) <= 25,
    ],
    [
      'naive day-by-day walk (same run, for comparison)',
      `${median(naiveMs).toFixed(1)} ms (${speedup.toFixed(0)}× slower)`,
      'none (reference)',
      true,
    ],
    [
      'median finishing day, fast vs naive (2,000 trials)',
      `${median(a)} vs ${median(b)} working days`,
      'within 2 %',
      Math.abs(median(a) - median(b)) <= 0.02 * median(b),
    ],
    ['85 % date', `${f.percentiles?.['85']}`, 'a date', Boolean(f.percentiles?.['85'])],
  ],
  [52, 40],
);
