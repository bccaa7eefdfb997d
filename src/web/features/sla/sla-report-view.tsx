import { Link } from 'react-router-dom';
import type { SlaReport } from '#contracts/sla.ts';
import { SEVERITIES, SEVERITY_NAMES } from '#domain/sla/policy.ts';
import { useProduct } from '#web/app/product-context.tsx';
import { ErrorState, Loading } from '#web/components/ui.tsx';
import { useSlaReport } from './sla-api.ts';
import './sla.css';

type Row = SlaReport['rows'][number];
const pct = (r: Pick<Row, 'met' | 'missed'>) =>
  r.met + r.missed ? Math.round((r.met / (r.met + r.missed)) * 100) : null;

/** Attainment per severity and month as bars (resolution clocks), the share above each bar. */
function AttainmentChart({ rows }: { rows: Row[] }) {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const res = rows.filter((r) => r.clock === 'resolution');
  const barW = 22;
  const gap = 8;
  const group = SEVERITIES.length * (barW + gap) + 28;
  const left = 44;
  const W = left + months.length * group + 8;
  const H = 200;
  const top = 24;
  const base = H - 40;
  const y = (p: number) => base - ((base - top) * p) / 100;
  return (
    <figure className="card sla-chart" aria-label="Resolution SLA attainment per month and severity">
      <figcaption className="muted">Resolution clocks met, per severity and month</figcaption>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
        {[0, 50, 100].map((g) => (
          <g key={g}>
            <line x1={left - 4} x2={W - 8} y1={y(g)} y2={y(g)} className="sla-grid" />
            <text x={left - 8} y={y(g) + 4} textAnchor="end" className="sla-axis">
              {g} %
            </text>
          </g>
        ))}
        {months.map((m, mi) => (
          <g key={m} transform={`translate(${left + 8 + mi * group}, 0)`}>
            {SEVERITIES.map((s, si) => {
              const r = res.find((x) => x.month === m && x.severity === s);
              const p = r ? pct(r) : null;
              const x = si * (barW + gap);
              return (
                <g key={s}>
                  {p !== null && (
                    <>
                      <rect
                        x={x}
                        y={y(p)}
                        width={barW}
                        height={Math.max(2, base - y(p))}
                        className={`sla-bar sla-bar-${s}${p === 0 ? ' sla-bar-zero' : ''}`}
                      >
                        <title>{`${m} ${s}: ${p} % (${r?.met} met, ${r?.missed} missed)`}</title>
                      </rect>
                      <text x={x + barW / 2} y={y(p) - 4} textAnchor="middle" className="sla-axis">
                        {p}
                      </text>
                    </>
                  )}
                  <text x={x + barW / 2} y={base + 14} textAnchor="middle" className="sla-axis">
                    {s}
                  </text>
                </g>
              );
            })}
            <text
              x={(SEVERITIES.length * (barW + gap) - gap) / 2}
              y={base + 32}
              textAnchor="middle"
              className="sla-axis sla-month"
            >
              {m}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** Insight → SLA (issue 13): how often each severity's clocks were met, month by month. */
export default function SlaReportView() {
  const product = useProduct();
  const q = useSlaReport(product.id);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
  const report = q.data;
  if (!report.active)
    return (
      <p className="muted">
        No SLA policy yet. The Product Owner sets one in{' '}
        <Link to={`/p/${product.key}/settings`}>Settings</Link>.
      </p>
    );
  return (
    <div className="sla-report">
      <p className="muted">
        A clock counts in the month it ended (responded, resolved) or ran out. Met = within its target.
      </p>
      {report.rows.length ? (
        <AttainmentChart rows={report.rows} />
      ) : (
        <p className="muted">No clock has ended yet.</p>
      )}
      {report.rows.length > 0 && (
        <table className="list sla-table">
          <caption className="sr-only">SLA attainment per month, severity and clock</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Severity</th>
              <th scope="col">Clock</th>
              <th scope="col" className="num">
                Met
              </th>
              <th scope="col" className="num">
                Missed
              </th>
              <th scope="col" className="num">
                Attainment
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={`${r.month}-${r.severity}-${r.clock}`}>
                <td>{r.month}</td>
                <td>
                  {r.severity} {SEVERITY_NAMES[r.severity]}
                </td>
                <td>{r.clock === 'response' ? 'First response' : 'Resolution'}</td>
                <td className="num">{r.met}</td>
                <td className="num">{r.missed}</td>
                <td className="num">{pct(r)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Open defects</h3>
      {report.open.length === 0 ? (
        <p className="muted">No open defect has a clock running.</p>
      ) : (
        <ul className="sla-open">
          {report.open.map((o) => (
            <li key={o.itemId}>
              <Link to={`/p/${product.key}/backlog?item=${o.itemId}`}>
                <span className="mono">{o.key}</span> {o.title}
              </Link>{' '}
              <span className={`sla-badge ${o.breached ? 'sla-danger' : o.paused ? 'sla-paused' : 'sla-ok'}`}>
                <b>{o.severity}</b>
                {o.breached
                  ? 'breached'
                  : o.paused
                    ? 'paused'
                    : o.dueAt
                      ? `due ${new Date(o.dueAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`
                      : 'met'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
