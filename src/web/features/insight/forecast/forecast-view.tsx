import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { WhenBody } from '#contracts/forecasts.ts';
import { useProduct } from '#web/app/product-context.tsx';
import { day } from '#web/features/sprints/format.ts';
import { isApiError } from '#web/lib/api.ts';
import '#web/features/sprints/sprint-charts.css';
import { HowManyBacktest, range, WhenBacktest } from './backtest-badge.tsx';
import {
  downloadCsv,
  type HowManyT,
  useHowMany,
  useReleaseLine,
  useWhen,
  type WhenT,
} from './forecast-api.ts';
import { ForecastResult, PCTS } from './forecast-result.tsx';
import './forecast.css';

function addDays(iso: string, n: number) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Insight → Forecast: "when will these be done?" and "how many by this date?", with the back-test beside. */
export default function ForecastView() {
  const product = useProduct();
  const [mode, setMode] = useState<'backlog' | 'count'>('backlog');
  const [count, setCount] = useState('10');
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [seed, setSeed] = useState<number | undefined>(undefined);
  const all = useWhen(product.id, { seed });
  const openItems = all.data?.remaining.items ?? [];
  const body: WhenBody = useMemo(() => {
    if (mode === 'count') return { count: Math.max(1, Math.floor(Number(count) || 1)), seed };
    if (excluded.size === 0) return { seed };
    return { itemIds: openItems.filter((i) => !excluded.has(i.itemId)).map((i) => i.itemId), seed };
  }, [mode, count, excluded, openItems, seed]);
  const chosen = openItems.length - excluded.size;
  const picked = mode === 'backlog' ? chosen : null;
  const when = useWhen(product.id, picked === 0 ? { count: 1 } : body);
  const line = useReleaseLine(product.id);
  const [date, setDate] = useState<string | null>(null);
  const today = when.data?.today ?? all.data?.today;
  const target = date ?? line.data?.release?.targetDate ?? (today ? addDays(today, 28) : null);
  const howMany = useHowMany(product.id, target ? { date: target, seed } : null);

  return (
    <div className="forecast-view">
      <section className="forecast-section" aria-labelledby="fc-when">
        <div className="forecast-head">
          <h2 id="fc-when">When will it be done?</h2>
          {when.data && <WhenBacktest backtest={when.data.backtestWhen} />}
        </div>
        <fieldset className="forecast-pick">
          <legend className="sr-only">What to forecast</legend>
          <label>
            <input
              type="radio"
              name="fc-mode"
              checked={mode === 'backlog'}
              onChange={() => setMode('backlog')}
            />{' '}
            Items not yet accepted{openItems.length ? ` (${chosen} of ${openItems.length})` : ''}
          </label>
          <label>
            <input type="radio" name="fc-mode" checked={mode === 'count'} onChange={() => setMode('count')} />{' '}
            A number of items:{' '}
            <input
              type="number"
              min={1}
              max={100000}
              value={count}
              aria-label="Number of items"
              className="forecast-count"
              onFocus={() => setMode('count')}
              onChange={(e) => setCount(e.target.value)}
            />
          </label>
          <label className="forecast-seed">
            Seed{' '}
            <input
              type="number"
              min={0}
              value={seed ?? when.data?.seed ?? ''}
              aria-label="Seed"
              onChange={(e) =>
                setSeed(e.target.value === '' ? undefined : Math.max(0, Math.floor(Number(e.target.value))))
              }
            />
          </label>
        </fieldset>
        {mode === 'backlog' && openItems.length > 0 && (
          <details className="forecast-items">
            <summary>Choose items ({chosen} picked)</summary>
            <ul>
              {openItems.map((i) => (
                <li key={i.itemId}>
                  <label>
                    <input
                      type="checkbox"
                      checked={!excluded.has(i.itemId)}
                      onChange={(e) => {
                        const next = new Set(excluded);
                        if (e.target.checked) next.delete(i.itemId);
                        else next.add(i.itemId);
                        setExcluded(next);
                      }}
                    />{' '}
                    <span className="muted">{i.key}</span> {i.title}
                    {i.type === 'spike' && <span className="forecast-tag">spike</span>}
                    {i.size === null && i.type !== 'spike' && <span className="forecast-tag">unsized</span>}
                  </label>
                </li>
              ))}
            </ul>
          </details>
        )}
        {when.error && (
          <p className="field-error">
            {isApiError(when.error) ? when.error.message : 'The forecast failed.'}
          </p>
        )}
        {when.data && picked !== 0 && <WhenResult data={when.data} productKey={product.key} />}
        {picked === 0 && <p className="muted">Pick at least one item.</p>}
      </section>

      <section className="forecast-section" aria-labelledby="fc-howmany">
        <div className="forecast-head">
          <h2 id="fc-howmany">How many by a date?</h2>
          {howMany.data && <HowManyBacktest backtest={howMany.data.backtest} />}
        </div>
        <label className="forecast-date">
          By{' '}
          <input
            type="date"
            value={target ?? ''}
            min={today}
            aria-label="Date"
            onChange={(e) => setDate(e.target.value || null)}
          />
          {line.data?.release && target === line.data.release.targetDate && (
            <span className="muted"> target date of {line.data.release.name}</span>
          )}
        </label>
        {howMany.error && (
          <p className="field-error">
            {isApiError(howMany.error)
              ? (Object.values(howMany.error.fields)[0] ?? howMany.error.message)
              : 'The forecast failed.'}
          </p>
        )}
        {howMany.data && <HowManyResult data={howMany.data} />}
        {line.data?.count != null && (
          <p className="forecast-line-summary">
            On the backlog: {[line.data.summary, ...line.data.notes].join(' ')}{' '}
            <Link to={`/p/${product.key}/backlog?forecastLine=1`}>See the line on the backlog</Link>
          </p>
        )}
      </section>
    </div>
  );
}

function Window({ data, productKey }: { data: WhenT | HowManyT; productKey: string }) {
  const w = data.throughputWindow;
  return (
    <details className="forecast-evidence">
      <summary>
        Throughput: {w.itemsAccepted} items accepted in {w.workingDays} working days ({w.perDay.toFixed(2)} a
        day), {range(w.from, w.to)}
      </summary>
      <button
        type="button"
        className="btn btn-sm"
        onClick={() =>
          downloadCsv('throughput.csv', [
            ['date', 'items', 'keys'],
            ...w.days.map((d) => [d.date, d.items, d.accepted.map((a) => a.key).join(' ')]),
          ])
        }
      >
        Download CSV
      </button>
      <table className="forecast-table">
        <thead>
          <tr>
            <th>Day</th>
            <th>Accepted</th>
            <th>Items</th>
          </tr>
        </thead>
        <tbody>
          {w.days
            .filter((d) => d.items > 0)
            .map((d) => (
              <tr key={d.date}>
                <td>{day(d.date, true)}</td>
                <td>{d.items}</td>
                <td>
                  {d.accepted.map((a) => (
                    <Link
                      key={a.itemId}
                      to={`/p/${productKey}/backlog?item=${a.itemId}`}
                      title={a.title}
                      className="forecast-key"
                    >
                      {a.key}
                    </Link>
                  ))}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      <p className="muted">Days with nothing accepted count as zero; weekends are not working days.</p>
    </details>
  );
}

function WhenResult({ data, productKey }: { data: WhenT; productKey: string }) {
  const p = data.percentiles;
  const bars = data.histogram.map((b) => ({
    label: range(b.from, b.to),
    axis: day(b.from),
    trials: b.trials,
    detail: `${b.cumulative} % of trials done by ${day(b.to)}`,
  }));
  const markers = p
    ? PCTS.flatMap((k) => {
        const d = p[k];
        const at = d ? data.histogram.findIndex((b) => b.from <= d && d <= b.to) : -1;
        return at >= 0 ? [{ at, label: `${k} %: ${day(d!)}` }] : [];
      })
    : [];
  return (
    <ForecastResult
      testId="when-percentiles"
      figure={
        p && ((k) => ({ label: `${k} % likely done by`, value: p[k] ? day(p[k]!, true) : 'beyond 5 years' }))
      }
      facts={`${data.remaining.total} item${data.remaining.total === 1 ? '' : 's'}`}
      trials={data.trials}
      seed={data.seed}
      notes={data.notes}
      bars={bars}
      markers={markers}
      chartTitle="Finish dates over the trials"
      csv={{
        file: 'forecast-when.csv',
        rows: [
          ['from', 'to', 'trials', 'cumulative %'],
          ...data.histogram.map((b) => [b.from, b.to, b.trials, b.cumulative]),
        ],
      }}
      columns={['Finish', 'Trials', 'Done by then']}
      rows={data.histogram.map((b) => ({
        key: b.from,
        cells: [range(b.from, b.to), b.trials, `${b.cumulative} %`],
      }))}
    >
      <Window data={data} productKey={productKey} />
    </ForecastResult>
  );
}

function HowManyResult({ data }: { data: HowManyT }) {
  const p = data.percentiles;
  const bars = data.histogram.map((b) => ({
    label: b.from === b.to ? `${b.from} items` : `${b.from} – ${b.to} items`,
    axis: String(b.from),
    trials: b.trials,
    detail: `${b.atLeast} % of trials: at least ${b.from}`,
  }));
  const markers = p
    ? PCTS.flatMap((k) => {
        const at = data.histogram.findIndex((b) => b.from <= p[k] && p[k] <= b.to);
        return at >= 0 ? [{ at, label: `${k} %: ${p[k]}` }] : [];
      })
    : [];
  return (
    <ForecastResult
      testId="howmany-percentiles"
      figure={
        p && ((k) => ({ label: `${k} % likely: at least`, value: `${p[k]} item${p[k] === 1 ? '' : 's'}` }))
      }
      facts={`${data.workingDays} working day${data.workingDays === 1 ? '' : 's'} to ${day(data.date, true)}`}
      trials={data.trials}
      seed={data.seed}
      notes={data.notes}
      bars={bars}
      markers={markers}
      chartTitle="Items done over the trials"
      csv={{
        file: 'forecast-how-many.csv',
        rows: [
          ['from', 'to', 'trials', 'at least %'],
          ...data.histogram.map((b) => [b.from, b.to, b.trials, b.atLeast]),
        ],
      }}
      columns={['Items', 'Trials', 'At least this many']}
      rows={data.histogram.map((b) => ({
        key: b.from,
        cells: [b.from === b.to ? b.from : `${b.from} – ${b.to}`, b.trials, `${b.atLeast} %`],
      }))}
    />
  );
}
