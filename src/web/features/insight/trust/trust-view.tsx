import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { TrustSignalView, TrustSprintRowView, TrustView } from '#contracts/trust.ts';
import { useProduct } from '#web/app/product-context.tsx';
import { ErrorState, Loading } from '#web/components/ui.tsx';
import '#web/features/sprints/sprint-charts.css';
import { downloadCsv, useTrust } from './trust-api.ts';
import { formatTrend, formatValue, shiftDay, shortDay } from './trust-format.ts';
import { TrustRadar } from './trust-radar.tsx';
import './trust.css';

const SIDES = [
  {
    side: 'po',
    title: 'PO → team',
    blurb: 'How the way the backlog and sprints are steered supports the team.',
  },
  { side: 'team', title: 'Team → PO', blurb: 'How reliably the team’s “done” and forecasts hold.' },
] as const;
const PRESETS = [
  { label: '6 weeks', days: 42 },
  { label: '12 weeks', days: 84 },
  { label: '6 months', days: 182 },
];

const today = () => new Date().toISOString().slice(0, 10);

/** Where a piece of evidence lives in the app. */
function evidenceHref(key: string, e: TrustSignalView['evidence'][number]): string {
  if (e.kind === 'item') return `/p/${key}/backlog?item=${e.id}`;
  if (e.kind === 'sprint') return `/p/${key}/sprints/${e.id}`;
  if (e.itemId) return `/p/${key}/backlog?item=${e.itemId}`;
  if (e.sprintId) return `/p/${key}/sprints/${e.sprintId}`;
  return `/p/${key}/activity`;
}

function ScoreBar({ score }: { score: number | null }) {
  return (
    <span className="trust-bar" aria-hidden="true">
      <span
        style={{ width: `${score ?? 0}%` }}
        className={score === null ? '' : score < 50 ? 'low' : score < 80 ? 'mid' : 'ok'}
      />
    </span>
  );
}

function SignalList({
  data,
  selected,
  onSelect,
}: {
  data: TrustView;
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  return (
    <div className="trust-sides">
      {SIDES.map(({ side, title, blurb }) => (
        <section key={side} className="trust-side" aria-labelledby={`trust-${side}`}>
          <h3 id={`trust-${side}`}>{title}</h3>
          <p className="muted trust-blurb">{blurb}</p>
          <ul className="trust-signals">
            {data.signals
              .filter((s) => s.side === side)
              .map((s) => (
                <li key={s.key}>
                  <button
                    type="button"
                    className={`trust-signal${selected === s.key ? ' on' : ''}`}
                    aria-pressed={selected === s.key}
                    data-testid={`signal-${s.key}`}
                    onClick={() => onSelect(s.key)}
                  >
                    <span className="trust-signal-label">
                      <span className="trust-num">{data.signals.indexOf(s) + 1}</span> {s.label}
                    </span>
                    <span className="trust-signal-value">{formatValue(s)}</span>
                    <ScoreBar score={s.score} />
                    <span className="trust-signal-score">{s.score ?? '—'}</span>
                  </button>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function DrillDown({ signal, productKey }: { signal: TrustSignalView; productKey: string }) {
  const more = signal.evidenceTotal - signal.evidence.length;
  const ref = useRef<HTMLElement>(null);
  // Picking a signal brings its evidence into view (it sits below the radar).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again when another signal is picked
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [signal.key]);
  return (
    <section
      ref={ref}
      className="card trust-drill"
      aria-labelledby="trust-drill-title"
      data-testid="trust-drill"
    >
      <h3 id="trust-drill-title">
        {signal.label} <span className="badge">{signal.side === 'po' ? 'PO → team' : 'Team → PO'}</span>
      </h3>
      <p className="trust-figures">
        <strong>{formatValue(signal)}</strong> · score {signal.score ?? '—'} ·{' '}
        <span className="muted">{formatTrend(signal.trend)}</span>
      </p>
      <p>{signal.explanation}</p>
      {signal.evidence.length === 0 ? (
        <p className="muted">No evidence: nothing behind this signal in the window.</p>
      ) : (
        <>
          <h4>
            Evidence ({signal.evidenceTotal})
            {more > 0 && <span className="muted"> · loading the other {more}…</span>}
          </h4>
          <ul className="trust-evidence">
            {signal.evidence.map((e) => (
              <li key={`${e.kind}:${e.id}:${e.at}`}>
                <span className="badge">{e.kind === 'event' ? `event #${e.id}` : e.kind}</span>{' '}
                <Link to={evidenceHref(productKey, e)}>{e.summary}</Link>{' '}
                <span className="muted">{shortDay(e.at)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

const sprintCsv = (rows: TrustSprintRowView[]) =>
  rows.map((r) => ({
    sprint: r.name,
    state: r.state,
    started: r.startedAt?.slice(0, 10) ?? '',
    closed: r.closedAt?.slice(0, 10) ?? '',
    committed_points: r.committedPoints ?? '',
    forecast_points: r.forecastPoints ?? '',
    over_forecast: r.overForecast === null ? '' : r.overForecast ? 'yes' : 'no',
    scope_changes_after_start: r.scopeChanges,
    completed_points: r.completedPoints ?? '',
    say_do_percent: r.sayDo === null ? '' : Math.round(r.sayDo * 1000) / 10,
    carry_over_percent: r.carryOverPercent ?? '',
    reopened_or_rejected: r.reopenedOrRejected,
    without_problem_or_value: r.unstatedValue,
    accepted_without_feedback: r.acceptedWithoutFeedback,
  }));

function SprintTable({
  rows,
  productKey,
  file,
}: {
  rows: TrustSprintRowView[];
  productKey: string;
  file: string;
}) {
  return (
    <section className="stack" aria-labelledby="trust-sprints">
      <div className="trust-row-head">
        <h3 id="trust-sprints">Sprint by sprint</h3>
        <button
          type="button"
          className="btn btn-sm"
          disabled={rows.length === 0}
          onClick={() => downloadCsv(file, sprintCsv(rows))}
        >
          Download CSV
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="muted">No sprint started or closed in this window.</p>
      ) : (
        <div className="trust-scroll">
          <table className="list trust-table" data-testid="trust-sprint-table">
            <thead>
              <tr>
                <th>Sprint</th>
                <th className="num">Committed</th>
                <th className="num">Forecast</th>
                <th className="num">Changes after start</th>
                <th className="num">Completed</th>
                <th className="num">Say/do</th>
                <th className="num">Carry-over</th>
                <th className="num">Reopened / rejected</th>
                <th className="num">No problem / value</th>
                <th className="num">Accepted, no feedback</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.sprintId}>
                  <td>
                    <Link to={`/p/${productKey}/sprints/${r.sprintId}`}>{r.name}</Link>{' '}
                    {r.state !== 'closed' && <span className="badge">{r.state}</span>}
                  </td>
                  <td className={`num${r.overForecast ? ' warn' : ''}`}>
                    {r.committedPoints ?? '—'}
                    {r.overForecast ? ' ▲' : ''}
                  </td>
                  <td className="num">{r.forecastPoints ?? '—'}</td>
                  <td className={`num${r.scopeChanges ? ' warn' : ''}`}>{r.scopeChanges}</td>
                  <td className="num">{r.completedPoints ?? '—'}</td>
                  <td className="num">{r.sayDo === null ? '—' : `${Math.round(r.sayDo * 100)} %`}</td>
                  <td className={`num${r.carryOverPercent ? ' warn' : ''}`}>
                    {r.carryOverPercent === null ? '—' : `${r.carryOverPercent} %`}
                  </td>
                  <td className="num">{r.reopenedOrRejected}</td>
                  <td className="num">{r.unstatedValue}</td>
                  <td className="num">{r.acceptedWithoutFeedback}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SignalTable({ data, file }: { data: TrustView; file: string }) {
  const rows = data.signals.map((s) => ({
    side: s.side === 'po' ? 'PO → team' : 'Team → PO',
    signal: s.label,
    value: formatValue(s),
    score: s.score ?? '',
    trend: s.trend ?? '',
    evidence: s.evidence.length,
  }));
  return (
    <div className="stack">
      <div className="trust-row-head">
        <span className="muted">The radar’s numbers</span>
        <button type="button" className="btn btn-sm" onClick={() => downloadCsv(file, rows)}>
          Download CSV
        </button>
      </div>
      <div className="trust-scroll">
        <table className="list trust-table" data-testid="trust-signal-table">
          <thead>
            <tr>
              <th>Side</th>
              <th>Signal</th>
              <th className="num">Value</th>
              <th className="num">Score</th>
              <th className="num">Trend</th>
              <th className="num">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.signal}>
                <td>{r.side}</td>
                <td>{r.signal}</td>
                <td className="num">{r.value}</td>
                <td className="num">{r.score === '' ? '—' : r.score}</td>
                <td className="num">
                  {typeof r.trend === 'number' ? (r.trend > 0 ? `+${r.trend}` : r.trend) : '—'}
                </td>
                <td className="num">{r.evidence}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Insight → Trust: the radar, the drill-down per signal, and the sprint-by-sprint table. */
export default function TrustViewPage() {
  const product = useProduct();
  const [params, setParams] = useSearchParams();
  const through = params.get('through') ?? today();
  const from = params.get('from') ?? shiftDay(through, -83);
  const selected = params.get('signal');
  const [asTable, setAsTable] = useState(false);
  const q = useTrust(product.id, from, shiftDay(through, 1));
  // The drill-down asks for all of the selected signal's evidence (the overview lists the latest).
  const full = useTrust(product.id, from, shiftDay(through, 1), selected);
  const set = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    setParams(p, { replace: true });
  };
  const signal =
    (full.data?.from === q.data?.from ? full.data : q.data)?.signals.find((s) => s.key === selected) ?? null;
  const file = `${product.key}-trust-${from}-to-${through}`;

  return (
    <div className="stack trust-view">
      <form className="trust-window" aria-label="Window" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="trust-from">From</label>
          <input
            id="trust-from"
            type="date"
            className="input"
            value={from}
            max={through}
            onChange={(e) => e.target.value && set({ from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="trust-through">Through</label>
          <input
            id="trust-through"
            type="date"
            className="input"
            value={through}
            min={from}
            onChange={(e) => e.target.value && set({ through: e.target.value })}
          />
        </div>
        <div className="trust-presets">
          {PRESETS.map((p) => (
            <button
              key={p.days}
              type="button"
              className="btn btn-sm btn-ghost"
              onClick={() => set({ through: today(), from: shiftDay(today(), -(p.days - 1)) })}
            >
              Last {p.label}
            </button>
          ))}
        </div>
      </form>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} />
      ) : (
        <>
          <p className="muted trust-intro">
            Signals about the way of working between the Product Owner and the team, from what happened
            between {shortDay(q.data.from)} and {shortDay(new Date(Date.parse(q.data.to) - 1).toISOString())}.
            Trends compare with the{' '}
            {Math.round((Date.parse(q.data.to) - Date.parse(q.data.from)) / 86_400_000)} days before. Each
            score is 0–100 (100: nothing to talk about). Pick a signal to see what produced it.
          </p>
          <div className="trust-top">
            <div className="stack">
              <TrustRadar
                signals={q.data.signals}
                selected={selected}
                onSelect={(key) => set({ signal: key === selected ? null : key })}
              />
              <button type="button" className="btn btn-sm trust-toggle" onClick={() => setAsTable((v) => !v)}>
                {asTable ? 'Hide the numbers' : 'Show the numbers as a table'}
              </button>
              {asTable && <SignalTable data={q.data} file={`${file}-signals.csv`} />}
            </div>
            <SignalList data={q.data} selected={selected} onSelect={(key) => set({ signal: key })} />
          </div>
          {signal && <DrillDown signal={signal} productKey={product.key} />}
          <SprintTable rows={q.data.sprints} productKey={product.key} file={`${file}-sprints.csv`} />
        </>
      )}
    </div>
  );
}
