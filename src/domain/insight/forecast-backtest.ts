import {
  type Acceptance,
  FORECAST,
  forecastHowMany,
  forecastWhen,
  historyProblem,
  throughputWindow,
} from './monte-carlo.ts';

/**
 * Honest about its own accuracy (issue 11): the product's history replayed. At each past sprint's
 * start, what would the 85 % forecast have said from the history before it (same window rule,
 * fixed seed, FORECAST.backtestTrials), and did it hold? One replay for "how many by this date",
 * one for "when will these be done". PURE: the history and today are passed in.
 */

export interface PastSprint {
  sprintId: string;
  name: string;
  startDate: string;
  endDate: string;
}

export interface BacktestRow {
  sprintId: string;
  name: string;
  startDate: string;
  endDate: string;
  /** 85 %: at least this many items by the sprint's end, from the history before its start. */
  forecast: number;
  actual: number;
  held: boolean;
}

export interface Backtest {
  percentile: 85;
  held: number;
  total: number;
  /** "85 % forecasts held 9 times in 11" (or why there is no back-test yet). */
  summary: string;
  sprints: BacktestRow[];
}

/**
 * Replays the product's history: at each past sprint's start, the 85 % "how many by its end"
 * forecast from the history before it (same window rule, fixed seed), against what was accepted.
 */
/** "How many": 85 % at least N items by the sprint's end; held when at least N were accepted by then. */
export function backtest(
  acceptances: readonly Acceptance[],
  sprints: readonly PastSprint[],
  firstDay: string | null,
  windowDays: number = FORECAST.defaultWindowDays,
  seed = 1,
): Backtest {
  const rows: BacktestRow[] = [];
  const sorted = [...sprints].sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
  for (const s of sorted) {
    const before = acceptances.filter((a) => a.on < s.startDate);
    const window = throughputWindow(before, s.startDate, firstDay, windowDays);
    if (historyProblem(window)) continue;
    const f = forecastHowMany({
      window,
      today: s.startDate,
      trials: FORECAST.backtestTrials,
      seed,
      date: s.endDate,
    });
    const forecast = f.percentiles?.['85'] ?? 0;
    const actual = acceptances.filter((a) => a.on >= s.startDate && a.on <= s.endDate).length;
    rows.push({
      sprintId: s.sprintId,
      name: s.name,
      startDate: s.startDate,
      endDate: s.endDate,
      forecast,
      actual,
      held: actual >= forecast,
    });
  }
  const held = rows.filter((r) => r.held).length;
  const summary = rows.length
    ? `85 % forecasts held ${held} time${held === 1 ? '' : 's'} in ${rows.length}`
    : 'No back-test yet: no past sprint had enough history before it.';
  return { percentile: 85, held, total: rows.length, summary, sprints: rows };
}

export interface WhenBacktestRow {
  sprintId: string;
  name: string;
  startDate: string;
  endDate: string;
  /** The question asked at the sprint's start: when will this many items (its commitment) be done? */
  items: number;
  /** 85 %: done on or before this day. Null: beyond the horizon. */
  forecast: string | null;
  /** The day the `items`-th item after the start was accepted; null: not yet. */
  actual: string | null;
  held: boolean;
}

export interface WhenBacktest {
  percentile: 85;
  held: number;
  total: number;
  summary: string;
  sprints: WhenBacktestRow[];
}

/**
 * "When": at each past sprint's start, the 85 % date for as many items as the sprint committed
 * (the forecast counts items, not which ones), against the day that many had been accepted since.
 * A forecast whose date is still ahead and not yet reached is not judged; one whose date passed
 * without the items done did not hold.
 */
export function backtestWhen(
  acceptances: readonly Acceptance[],
  sprints: ReadonlyArray<PastSprint & { committedItems: number }>,
  firstDay: string | null,
  today: string,
  windowDays: number = FORECAST.defaultWindowDays,
  seed = 1,
): WhenBacktest {
  const rows: WhenBacktestRow[] = [];
  const days = acceptances.map((a) => a.on).sort();
  const sorted = [...sprints].sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
  for (const s of sorted) {
    if (s.committedItems <= 0) continue;
    const window = throughputWindow(
      acceptances.filter((a) => a.on < s.startDate),
      s.startDate,
      firstDay,
      windowDays,
    );
    if (historyProblem(window)) continue;
    const f = forecastWhen({
      window,
      today: s.startDate,
      trials: FORECAST.backtestTrials,
      seed,
      work: { sized: s.committedItems, unsized: 0, spikes: 0 },
    });
    const forecast = f.percentiles?.['85'] ?? null;
    const after = days.filter((d) => d >= s.startDate && d < today);
    const actual = after[s.committedItems - 1] ?? null;
    // Not judged yet: not done, and the forecast day has not passed.
    if (actual === null && (forecast === null || forecast >= today)) continue;
    rows.push({
      sprintId: s.sprintId,
      name: s.name,
      startDate: s.startDate,
      endDate: s.endDate,
      items: s.committedItems,
      forecast,
      actual,
      held: actual !== null && (forecast === null || actual <= forecast),
    });
  }
  const held = rows.filter((r) => r.held).length;
  const summary = rows.length
    ? `85 % forecasts held ${held} time${held === 1 ? '' : 's'} in ${rows.length}`
    : 'No back-test yet: no past sprint had enough history before it.';
  return { percentile: 85, held, total: rows.length, summary, sprints: rows };
}
