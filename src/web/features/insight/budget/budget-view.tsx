import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { BudgetReport } from '#contracts/insight-allocation.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { Form, SelectField, TextField } from '#web/components/form.tsx';
import {
  allocationKeys,
  BAND_COLOURS,
  downloadCsv,
  UNASSIGNED_COLOUR,
  useBudget,
} from '#web/features/insight/allocation/allocation-api.ts';
import { ticks, useTip, useWidth } from '#web/features/sprints/chart-tip.tsx';
import { api, apiPath } from '#web/lib/api.ts';
import '#web/features/sprints/sprint-charts.css';
import '#web/features/insight/allocation/allocation.css';

const H = 240;
const M = { l: 40, r: 12, t: 12, b: 28 };

/** Burn (percent of the budget spent) against value delivered (percent of the total so far). */
function BurnChart({ report }: { report: BudgetReport }) {
  const tip = useTip();
  const [box, W] = useWidth<HTMLElement>();
  const burn = report.burn;
  const total = report.budget?.total ?? 0;
  if (!burn.length) return <p className="muted">No sprint has started yet.</p>;
  const n = burn.length;
  const spentPct = burn.map((b) => (total ? (b.cumulative / total) * 100 : 0));
  const segs = report.value.bySegment.filter((s) => s.segmentId !== null || s.value > 0);
  // The same colours as the allocation chart; the budget line is the text colour.
  const colourOf = (i: number, id: string | null) =>
    id === null ? UNASSIGNED_COLOUR : (BAND_COLOURS[i % BAND_COLOURS.length] ?? 'var(--accent)');
  const shareLine = (id: string | null) =>
    burn.map((b) => b.shareToDate.find((x) => x.segmentId === id)?.share ?? 0);
  const top = Math.max(100, ...spentPct);
  const yt = ticks(top);
  const yMax = yt.at(-1) ?? top;
  const x = (i: number) => M.l + (n === 1 ? (W - M.l - M.r) / 2 : (i / (n - 1)) * (W - M.l - M.r));
  const y = (v: number) => H - M.b - (v / yMax) * (H - M.t - M.b);
  const line = (vals: number[]) => vals.map((v, i) => `${i ? 'L' : 'M'}${x(i)},${y(v)}`).join('');
  const colW = (W - M.l - M.r) / Math.max(1, n);
  const show = (i: number) => {
    const b = burn[i]!;
    tip.show({
      id: i,
      x: (x(i) / W) * 100,
      y: (y(spentPct[i] ?? 0) / H) * 100,
      content: (
        <>
          <strong>{b.name}</strong> (ends {b.endDate})
          <br />
          Spent {b.spent} · total {b.cumulative} of {total} ({Math.round(spentPct[i] ?? 0)} %)
          <br />
          Value delivered {b.value} · total {b.cumulativeValue}
          {segs.map((sg) => (
            <span key={sg.segmentId ?? 'none'}>
              <br />
              {sg.name}: {b.shareToDate.find((x) => x.segmentId === sg.segmentId)?.share ?? 0} % of value so
              far
            </span>
          ))}
        </>
      ),
    });
  };
  return (
    <figure ref={box} className="card chart" style={{ margin: 0 }} aria-label="Budget burn against value">
      <div className="legend" aria-hidden="true">
        <span>
          <i style={{ background: 'var(--text)' }} />
          Budget spent (% of {total.toLocaleString('en')}
          {report.budget?.unit === 'points' ? ' points' : ''})
        </span>
        {segs.map((sg, i) => (
          <span key={sg.segmentId ?? 'none'}>
            <i style={{ background: colourOf(i, sg.segmentId) }} />
            {sg.name}: share of value{sg.target !== null ? ` (target ${sg.target} %)` : ''}
          </span>
        ))}
      </div>
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Budget: ${report.spentShare} % spent over ${n} sprints`}
        onMouseLeave={tip.hide}
      >
        {yt.map((v) => (
          <g key={v}>
            <line className="grid" x1={M.l} x2={W - M.r} y1={y(v)} y2={y(v)} />
            <text className="tick" x={M.l - 6} y={y(v) + 4} textAnchor="end">
              {v}%
            </text>
          </g>
        ))}
        <line className="ideal" x1={M.l} x2={W - M.r} y1={y(100)} y2={y(100)} />
        <path className="spent" d={line(spentPct)} fill="none" strokeWidth={2.5} />
        {segs.map((sg, i) => (
          <g key={sg.segmentId ?? 'none'}>
            <path
              d={line(shareLine(sg.segmentId))}
              fill="none"
              stroke={colourOf(i, sg.segmentId)}
              strokeWidth={2.5}
            />
            {sg.target !== null && (
              <line
                x1={M.l}
                x2={W - M.r}
                y1={y(sg.target)}
                y2={y(sg.target)}
                stroke={colourOf(i, sg.segmentId)}
                strokeDasharray="3 5"
                strokeWidth={1}
              />
            )}
          </g>
        ))}
        {burn.map((b, i) => (
          <text
            key={b.sprintId}
            className="tick"
            x={x(i)}
            y={H - 8}
            textAnchor={i === 0 && n > 1 ? 'start' : i === n - 1 && n > 1 ? 'end' : 'middle'}
          >
            {n > 8 && i % 2 ? '' : W / n < 80 ? b.name.replace(/^Sprint\s+/i, 'S') : b.name}
          </text>
        ))}
        {burn.map((b, i) => (
          // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG region named for screen readers; hover and focus show the sprint's numbers
          <rect
            key={b.sprintId}
            className={tip.active === i ? 'hit on' : 'hit'}
            role="img"
            tabIndex={0}
            x={x(i) - colW / 2}
            y={M.t}
            width={colW}
            height={H - M.t - M.b}
            aria-label={`${b.name}: spent ${b.cumulative} of ${total}, value ${b.cumulativeValue}`}
            onMouseEnter={() => show(i)}
            onFocus={() => show(i)}
            onBlur={tip.hide}
          />
        ))}
      </svg>
      {tip.node}
    </figure>
  );
}

/** Insight › Budget: the burn against the value delivered per segment, with the plain warning. */
export default function BudgetView() {
  const product = useProduct();
  const isPo = useCan(ROLES.owner);
  const qc = useQueryClient();
  const q = useBudget(product.id);
  if (q.isPending) return <p className="muted">Adding up the budget…</p>;
  if (q.isError) return <div className="alert alert-error">{q.error.message}</div>;
  const r = q.data;
  const base = `/p/${product.key}/backlog`;
  const csv = () =>
    downloadCsv(`${product.key}-budget.csv`, [
      ['Sprint', 'End', 'Spent', 'Spent so far', 'Value', 'Value so far'],
      ...r.burn.map((b) => [b.name, b.endDate, b.spent, b.cumulative, b.value, b.cumulativeValue]),
      [],
      ['Segment', 'Value', 'Share %', 'Target %', 'Answers', 'Happy', 'Neutral', 'Sad', 'Mean rating'],
      ...r.value.bySegment.map((s) => [
        s.name,
        s.value,
        s.share,
        s.target,
        s.reviews.answers,
        s.reviews.happy,
        s.reviews.neutral,
        s.reviews.sad,
        s.reviews.meanRating,
      ]),
    ]);
  return (
    <section className="budget" aria-label="Budget">
      {r.budget ? (
        <>
          <p
            className={r.warning ? 'alert alert-warning budget-warning' : 'muted'}
            role={r.warning ? 'alert' : undefined}
          >
            {r.warning ??
              `${r.spentShare} % of the budget spent (${r.spent} of ${r.budget.total} ${r.budget.unit === 'points' ? 'points' : ''}).`}
          </p>
          <BurnChart report={r} />
          <div className="alloc-controls">
            <button type="button" className="btn" onClick={csv}>
              Export CSV
            </button>
          </div>
          <div className="alloc-table-wrap">
            <table className="alloc-table">
              <caption>
                Value delivered per segment: accepted items’ cost of delay (business value + time criticality
                + risk reduction), and what customers said in reviews
              </caption>
              <thead>
                <tr>
                  <th scope="col">Segment</th>
                  <th scope="col">Value</th>
                  <th scope="col">Share</th>
                  <th scope="col">Target</th>
                  <th scope="col">Reviews</th>
                  <th scope="col">Items</th>
                </tr>
              </thead>
              <tbody>
                {r.value.bySegment.map((s) => (
                  <tr key={s.segmentId ?? 'none'}>
                    <th scope="row">{s.name}</th>
                    <td>{s.value}</td>
                    <td className={s.target !== null && s.target - s.share > 10 ? 'off' : undefined}>
                      {s.share} %
                    </td>
                    <td>{s.target === null ? '—' : `${s.target} %`}</td>
                    <td>
                      {s.reviews.answers
                        ? `${s.reviews.happy} happy · ${s.reviews.neutral} neutral · ${s.reviews.sad} sad${
                            s.reviews.meanRating !== null ? ` · ${s.reviews.meanRating}/5` : ''
                          }`
                        : '—'}
                    </td>
                    <td>
                      {s.segmentId ? (
                        <Link to={`${base}?segment=${s.segmentId}`}>{s.itemIds.length} items</Link>
                      ) : (
                        `${s.itemIds.length} items`
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="muted">No budget yet. {isPo ? 'Set one below.' : 'The Product Owner can set one.'}</p>
      )}
      {isPo && (
        <details className="card alloc-targets" open={!r.budget}>
          <summary>Budget settings</summary>
          <Form
            aria-label="Budget settings"
            submitLabel="Save budget"
            onSubmit={(v) =>
              api.put(
                apiPath('products', product.id, 'budget'),
                {
                  total: Number(v.total),
                  unit: v.unit,
                  costPerSprint: v.costPerSprint?.trim() ? Number(v.costPerSprint) : null,
                },
                BudgetReport,
                { ifMatch: r.version },
              )
            }
            onSuccess={() => qc.invalidateQueries({ queryKey: allocationKeys.budget(product.id) })}
          >
            <div className="alloc-range-grid">
              <TextField
                name="total"
                label="Total"
                inputMode="decimal"
                defaultValue={r.budget?.total.toString() ?? ''}
                required
              />
              <SelectField
                name="unit"
                label="Unit"
                defaultValue={r.budget?.unit ?? 'points'}
                options={[
                  { value: 'points', label: 'Points' },
                  { value: 'money', label: 'Money' },
                ]}
              />
              <TextField
                name="costPerSprint"
                label="Cost per sprint"
                hint="Empty with points: a sprint spends the points it completed"
                inputMode="decimal"
                defaultValue={r.budget?.costPerSprint?.toString() ?? ''}
              />
            </div>
          </Form>
        </details>
      )}
    </section>
  );
}
