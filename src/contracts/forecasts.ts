import { z } from 'zod';
import { Id } from './common.ts';

/** Monte Carlo forecasts on throughput (issue 11): bodies and answers of /forecasts/when and /how-many. */
const IsoDate = z.iso.date({ message: 'Use a date like 2025-03-03' });
const Trials = z
  .number({ message: 'Must be a whole number between 100 and 100000' })
  .int({ message: 'Must be a whole number between 100 and 100000' })
  .min(100, { message: 'Must be at least 100' })
  .max(100_000, { message: 'Must be at most 100000' });
const Seed = z
  .number({ message: 'Must be a whole number' })
  .int({ message: 'Must be a whole number' })
  .min(0, { message: 'Must be 0 or more' })
  .max(2_147_483_647, { message: 'Must be at most 2147483647' });
const WindowDays = z
  .number({ message: 'Must be a whole number of working days' })
  .int({ message: 'Must be a whole number of working days' })
  .min(10, { message: 'Must be at least 10 working days' })
  .max(260, { message: 'Must be at most 260 working days' });

export const WhenBody = z.strictObject({
  itemIds: z.array(Id).min(1, { message: 'Pick at least one item' }).max(5000).optional(),
  count: z
    .number({ message: 'Must be a whole number' })
    .int({ message: 'Must be a whole number' })
    .min(1, { message: 'Must be at least 1' })
    .max(100_000, { message: 'Must be at most 100000' })
    .optional(),
  trials: Trials.optional(),
  seed: Seed.optional(),
  windowDays: WindowDays.optional(),
});
export type WhenBody = z.infer<typeof WhenBody>;

export const HowManyBody = z.strictObject({
  date: IsoDate,
  trials: Trials.optional(),
  seed: Seed.optional(),
  windowDays: WindowDays.optional(),
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

export const Backtest = z.object({
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
      forecast: z.number().int(),
      actual: z.number().int(),
      held: z.boolean(),
    }),
  ),
});

/** The same replay for "when": at each sprint start, the 85 % day for its committed items. */
export const WhenBacktest = z.object({
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
      items: z.number().int(),
      forecast: z.string().nullable(),
      actual: z.string().nullable(),
      held: z.boolean(),
    }),
  ),
});

const Common = {
  trials: z.number().int(),
  seed: z.number().int(),
  today: z.string(),
  throughputWindow: ThroughputWindow,
  notes: z.array(z.string()),
  backtest: Backtest,
};

export const WhenForecast = z.object({
  percentiles: z
    .object({ '50': z.string().nullable(), '85': z.string().nullable(), '95': z.string().nullable() })
    .nullable(),
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
  percentiles: z
    .object({ '50': z.number().int(), '85': z.number().int(), '95': z.number().int() })
    .nullable(),
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
