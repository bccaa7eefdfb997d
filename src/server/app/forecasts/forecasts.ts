import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import type {
  HowManyBody,
  HowManyForecast,
  ReleaseLine,
  WhenBody,
  WhenForecast,
} from '#contracts/forecasts.ts';
import { invalid } from '#domain/errors.ts';
import { backtest, backtestWhen } from '#domain/insight/forecast-backtest.ts';
import {
  type Acceptance,
  FORECAST,
  forecastHowMany,
  forecastWhen,
  nthWorkingDay,
  type RemainingWork,
  type ThroughputWindow,
  throughputWindow,
} from '#domain/insight/monte-carlo.ts';
import type { ForecastItemRecord } from './ports.ts';

/** The backlog's finished statuses: rows the backlog does not show as open. */
const FINISHED = new Set(['done', 'accepted', 'rejected']);

/** A seed when none is given: the day's number, so a page reloaded today shows the same answer. */
const defaultSeed = (today: string) => Number(today.replaceAll('-', '')) % 2_147_483_647;

/**
 * Forecasts on throughput (issue 11): reads the product's acceptances, open items and closed
 * sprints, and hands them to the pure Monte Carlo in domain/insight/monte-carlo.ts. Reads only.
 */
export function forecastUseCases(store: Store, now: () => Date) {
  const todayOf = () => now().toISOString().slice(0, 10);

  async function history(productId: string, today: string, windowDays: number) {
    const [rows, sprints, firstSprint] = await Promise.all([
      store.read.forecasts.acceptances(productId),
      store.read.forecasts.closedSprints(productId),
      store.read.forecasts.firstSprintStart(productId),
    ]);
    const acceptances: Acceptance[] = rows
      .filter((r) => r.on < today)
      .map((r) => ({ itemId: r.itemId, on: r.on }));
    const firstDay =
      [firstSprint, acceptances[0]?.on].filter((d): d is string => Boolean(d)).sort()[0] ?? null;
    const window = throughputWindow(acceptances, today, firstDay, windowDays);
    const byId = new Map(rows.map((r) => [r.itemId, r]));
    const evidence: WhenForecast['throughputWindow'] = {
      ...window,
      days: window.days.map((d) => ({
        date: d.date,
        items: d.items,
        accepted: d.itemIds.map((id) => ({
          itemId: id,
          key: byId.get(id)?.key ?? '',
          title: byId.get(id)?.title ?? '',
        })),
      })),
    };
    const past = sprints.filter((s) => s.endDate < today);
    return {
      window: window as ThroughputWindow,
      evidence,
      backtest: backtest(acceptances, past, firstDay, windowDays),
      /** Only "when" reads it: replaying every sprint twice costs the other forecasts for nothing. */
      backtestWhen: () => backtestWhen(acceptances, past, firstDay, today, windowDays),
    };
  }

  const workOf = (items: readonly ForecastItemRecord[]): RemainingWork => ({
    spikes: items.filter((i) => i.type === 'spike').length,
    unsized: items.filter((i) => i.type !== 'spike' && i.size === null).length,
    sized: items.filter((i) => i.type !== 'spike' && i.size !== null).length,
  });

  return {
    async when(ctx: ProductContext, body: WhenBody): Promise<WhenForecast> {
      const today = todayOf();
      if (body.itemIds && body.count !== undefined)
        throw invalid({ count: 'Give either items or a count, not both' });
      let items: ForecastItemRecord[] = [];
      const notes: string[] = [];
      if (body.itemIds) {
        const unique = [...new Set(body.itemIds)];
        const found = await store.read.forecasts.itemsByIds(ctx.productId, unique);
        const known = new Set(found.map((i) => i.id));
        const unknown = body.itemIds.flatMap((id, k) => (known.has(id) ? [] : [k]));
        if (unknown.length)
          throw invalid(
            Object.fromEntries(unknown.map((k) => [`itemIds.${k}`, 'No such item in this product'])),
          );
        items = found.filter((i) => i.status !== 'accepted');
        const finished = found.length - items.length;
        if (finished)
          notes.push(
            `${finished} of the chosen items ${finished === 1 ? 'is' : 'are'} already accepted and left out.`,
          );
      } else if (body.count === undefined) {
        items = await store.read.forecasts.openItems(ctx.productId);
      }
      const work: RemainingWork =
        body.count !== undefined ? { sized: body.count, unsized: 0, spikes: 0 } : workOf(items);
      if (body.count !== undefined)
        notes.push(
          'A count says nothing of sizes or spikes: the range assumes items like the ones the team finished.',
        );
      const h = await history(ctx.productId, today, body.windowDays ?? FORECAST.defaultWindowDays);
      const seed = body.seed ?? defaultSeed(today);
      const r = forecastWhen({
        window: h.window,
        today,
        trials: body.trials ?? FORECAST.defaultTrials,
        seed,
        work,
      });
      return {
        ...r,
        notes: [...r.notes, ...notes],
        remaining: {
          ...r.remaining,
          items: items.map((i) => ({ itemId: i.id, key: i.key, title: i.title, type: i.type, size: i.size })),
        },
        today,
        throughputWindow: h.evidence,
        backtest: h.backtest,
        backtestWhen: h.backtestWhen(),
      };
    },

    async howMany(ctx: ProductContext, body: HowManyBody): Promise<HowManyForecast> {
      const today = todayOf();
      if (body.date < today) throw invalid({ date: 'Must be today or later' });
      if (body.date > nthWorkingDay(today, FORECAST.horizonDays))
        throw invalid({ date: 'Must be within about five years' });
      const h = await history(ctx.productId, today, body.windowDays ?? FORECAST.defaultWindowDays);
      const seed = body.seed ?? defaultSeed(today);
      const r = forecastHowMany({
        window: h.window,
        today,
        trials: body.trials ?? FORECAST.defaultTrials,
        seed,
        date: body.date,
      });
      return { ...r, date: body.date, today, throughputWindow: h.evidence, backtest: h.backtest };
    },

    /** The backlog's line: how many open items (rank order) the next release's target date likely holds. */
    async releaseLine(ctx: ProductContext): Promise<ReleaseLine> {
      const today = todayOf();
      const release = await store.read.forecasts.nextRelease(ctx.productId, today);
      if (!release)
        return {
          release: null,
          count: null,
          afterItemId: null,
          summary: 'No upcoming release with a target date.',
          notes: [],
          backtest: null,
        };
      const h = await history(ctx.productId, today, FORECAST.defaultWindowDays);
      const r = forecastHowMany({
        window: h.window,
        today,
        trials: FORECAST.defaultTrials,
        seed: defaultSeed(today),
        date: release.targetDate,
      });
      const count = r.percentiles?.['85'] ?? null;
      const open = count ? await store.read.forecasts.openItems(ctx.productId) : [];
      // The line is drawn among the backlog's open rows; done items awaiting acceptance count first.
      const backlogOpen = open.filter((i) => !FINISHED.has(i.status));
      const awaiting = open.length - backlogOpen.length;
      const above = count ? backlogOpen.slice(0, Math.max(0, count - awaiting)) : [];
      const after = above.at(-1)?.id ?? null;
      const spikes = above.filter((i) => i.type === 'spike');
      const notes = [...r.notes];
      if (awaiting)
        notes.push(
          `${awaiting} finished item${awaiting === 1 ? ' awaits' : 's await'} acceptance: ${awaiting === 1 ? 'it counts' : 'they count'} first, so the line sits ${awaiting} row${awaiting === 1 ? '' : 's'} higher.`,
        );
      if (spikes.length)
        notes.push(
          `Above the line: ${spikes.map((s) => `${s.key} ${s.title}`).join(', ')}. What a spike finds is work: up to ${FORECAST.spikeMaxFollowUps} follow-up items each may push items below the line.`,
        );
      const summary =
        count === null
          ? (r.notes[0] ?? 'No forecast.')
          : `85 % likely done by ${release.targetDate} (${release.name}) above this line: at least ${count} item${count === 1 ? '' : 's'}.`;
      return { release, count, afterItemId: after, summary, notes, backtest: h.backtest };
    },
  };
}
