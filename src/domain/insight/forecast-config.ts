/** The forecasts' numbers (issue 11), named once: percentiles, trials, windows, horizons. */
export const FORECAST = {
  percentiles: [50, 85, 95] as const,
  defaultTrials: 10_000,
  minTrials: 100,
  maxTrials: 100_000,
  /** The throughput window: the last 60 working days (about three months), clipped at the product's first work. */
  defaultWindowDays: 60,
  minWindowDays: 10,
  maxWindowDays: 260,
  /** Too little history: fewer working days than this, or fewer accepted items, gives a note and no number. */
  minHistoryDays: 10,
  minAcceptedItems: 3,
  /** An unsized item counts as 1 or 2 items, even odds: unsized work is often bigger than it looks. */
  unsizedExtraChance: 0.5,
  /** An open spike counts as itself plus 0, 1 or 2 follow-up items (even odds): what it finds is work. */
  spikeMaxFollowUps: 2,
  /** Trials not done within this many working days (about five years) count as "beyond". */
  horizonDays: 1300,
  /** The largest block of days a trial jumps at once, and the largest support a block table may have. */
  maxBlockDays: 256,
  maxBlockSupport: 8192,
  /** The histogram has at most this many bars; wider ranges are binned. */
  histogramBars: 40,
  /** Trials per back-test forecast (one per past sprint). */
  backtestTrials: 2000,
} as const;

export type Percentile = (typeof FORECAST.percentiles)[number];
