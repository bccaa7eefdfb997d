import { z } from 'zod';
import { Id, INT4_MAX } from './common.ts';

/** Monte Carlo forecasts on throughput (issue 11): bodies and answers of /forecasts/when and /how-many. */
const IsoDate = z.iso.date({ message: 'Use a date like 2025-03-03' });
/** A whole number in [min, max]; `unit` ends the range messages (" working days"). */
const wholeNumber = (min: number, max: number, opts: { whole?: string; unit?: string } = {}) => {
  const whole = opts.whole ?? 'Must be a whole number';
  const unit = opts.unit ?? '';
  return z
    .number({ message: whole })
    .int({ message: whole })
    .min(min, { message: min === 0 ? 'Must be 0 or more' : `Must be at least ${min}${unit}` })
    .max(max, { message: `Must be at most ${max}${unit}` });
};

/** What both questions may tune: the number of trials, the seed, the throughput window. */
const Tuning = {
  trials: wholeNumber(100, 100_000, { whole: 'Must be a whole number between 100 and 100000' }).optional(),
  seed: wholeNumber(0, INT4_MAX).optional(),
  windowDays: wholeNumber(10, 260, {
    whole: 'Must be a whole number of working days',
    unit: ' working days',
  }).optional(),
};

export const WhenBody = z.strictObject({
  itemIds: z.array(Id).min(1, { message: 'Pick at least one item' }).max(5000).optional(),
  count: wholeNumber(1, 100_000).optional(),
  ...Tuning,
});
export type WhenBody = z.infer<typeof WhenBody>;

export const HowManyBody = z.strictObject({
  date: IsoDate,
  ...Tuning,
});
export type HowManyBody = z.infer<typeof HowManyBody>;

export const ThroughputWindow = z.object({
  from: z.string(),
  to: z.string(),
  workingDays: z.number().int(),
  itemsAccepted: z.number().int(),
  perDay: z.number(),
  /** The evidence: each working day with the items accepted on it. */
  days: z.array(
    z.object({
      date: z.string(),
      items: z.number().int(),
      accepted: z.array(z.object({ itemId: z.string(), key: z.string(), title: z.string() })),
    }),
  ),
});

/**
 * A back-test: at each past sprint start, the 85 % forecast replayed and checked against what
 * happened. `sprint` is what the question adds to each sprint's row (its forecast and actual).
 */
const backtestOf = <S extends z.ZodRawShape>(sprint: S) =>
  z.object({
    percentile: z.literal(85),
    held: z.number().int(),
    total: z.number().int(),
    summary: z.string(),
    sprints: z.array(
      z.object({
        sprintId: z.string(),
        name: z.string(),
        startDate: z.string(),
        endDate: z.string(),
        ...sprint,
        held: z.boolean(),
      }),
    ),
  });

/** "How many": at each sprint start, the 85 % count of items against the count accepted. */
export const Backtest = backtestOf({ forecast: z.number().int(), actual: z.number().int() });

/** The same replay for "when": at each sprint start, the 85 % day for its committed items. */
export const WhenBacktest = backtestOf({
  items: z.number().int(),
  forecast: z.string().nullable(),
  actual: z.string().nullable(),
});

/** The 50/85/95 % answer, each of the same kind; null when there is too little history. */
const percentiles = <T extends z.ZodType>(each: T) =>
  z.object({ '50': each, '85': each, '95': each }).nullable();

const Common = {
  trials: z.number().int(),
  seed: z.number().int(),
  today: z.string(),
  throughputWindow: ThroughputWindow,
  notes: z.array(z.string()),
  backtest: Backtest,
};

export const WhenForecast = z.object({
  percentiles: percentiles(z.string().nullable()),
  histogram: z.array(
    z.object({ from: z.string(), to: z.string(), trials: z.number().int(), cumulative: z.number() }),
  ),
  remaining: z.object({
    total: z.number().int(),
    sized: z.number().int(),
    unsized: z.number().int(),
    spikes: z.number().int(),
    /** The open items forecast (empty when a count was given). */
    items: z.array(
      z.object({
        itemId: z.string(),
        key: z.string(),
        title: z.string(),
        type: z.string(),
        size: z.number().nullable(),
      }),
    ),
  }),
  beyondHorizon: z.number().int(),
  ...Common,
  /** The "when" replay, shown beside this forecast (`backtest` is the "how many" one). */
  backtestWhen: WhenBacktest,
});
export type WhenForecast = z.infer<typeof WhenForecast>;

export const HowManyForecast = z.object({
  percentiles: percentiles(z.number().int()),
  histogram: z.array(
    z.object({ from: z.number().int(), to: z.number().int(), trials: z.number().int(), atLeast: z.number() }),
  ),
  date: z.string(),
  workingDays: z.number().int(),
  ...Common,
});
export type HowManyForecast = z.infer<typeof HowManyForecast>;

/** The backlog's forecast line: how many open items (rank order) the next release's date likely holds. */
export const ReleaseLine = z.object({
  release: z.object({ id: z.string(), name: z.string(), targetDate: z.string() }).nullable(),
  /** 85 %: at least this many items by the target date; null without a release or enough history. */
  count: z.number().int().nullable(),
  /** The last open item (rank order) above the line; null when there is no line to draw. */
  afterItemId: z.string().nullable(),
  summary: z.string(),
  notes: z.array(z.string()),
  backtest: Backtest.nullable(),
});
export type ReleaseLine = z.infer<typeof ReleaseLine>;
