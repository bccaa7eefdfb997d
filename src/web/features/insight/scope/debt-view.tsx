import { Link } from 'react-router-dom';
import { useProduct } from '#web/app/product-context.tsx';
import { downloadCsv } from './csv.ts';
import { PaybackChart } from './payback-chart.tsx';
import { useDebtLedger } from './scope-api.ts';
import './scope.css';

const range = (r: { min: number; max: number } | null, unit: string) =>
  r === null ? '–' : r.min === r.max ? `${r.min} ${unit}` : `${r.min}–${r.max} ${unit}`;

/** Insight → Debt: the debt ledger, cheapest payback first. */
export default function DebtView() {
  const product = useProduct();
  const q = useDebtLedger(product.id);
  if (q.isPending) return <p className="muted">Loading the debt ledger…</p>;
  if (q.isError) return <p className="field-error">Could not load the debt ledger.</p>;
  const d = q.data;
  const lost = d.items.reduce((s, i) => s + (i.lostSoFarHours ?? 0), 0);
  const csv = () =>
    downloadCsv(`${product.key}-debt.csv`, [
      [
        'key',
        'title',
        'status',
        'fix hours min',
        'fix hours max',
        'hours per week',
        'break-even weeks min',
        'break-even weeks max',
        'age weeks',
        'lost so far hours',
      ],
      ...d.items.map((i) => [
        i.key,
        i.title,
        i.status,
        i.fixHours?.min ?? null,
        i.fixHours?.max ?? null,
        i.weeklyHours,
        i.breakEvenWeeks?.min ?? null,
        i.breakEvenWeeks?.max ?? null,
        i.ageWeeks,
        i.lostSoFarHours,
      ]),
    ]);
  return (
    <div className="sc-view">
      <div className="sc-summary" data-testid="debt-summary">
        <div className="sc-figure">
          <span className="sc-big">{d.weeklyDragHours} h</span>
          <span className="muted">lost every week to open debt</span>
        </div>
        <div className="sc-figure">
          <span className="sc-big">{Math.round(lost)} h</span>
          <span className="muted">lost so far</span>
        </div>
        <div className="sc-figure">
          <span className="sc-big">{d.items.length}</span>
          <span className="muted">
            open debt items{d.unstated ? `, ${d.unstated} without a cost yet` : ''}
          </span>
        </div>
      </div>
      <p className="muted">
        Break-even = hours to fix ÷ hours lost per week: after that many weeks the fix has paid for itself.
        Cheapest payback first. State the costs on each debt item in the backlog.
      </p>
      <PaybackChart ledger={d} />
      <div className="sc-head">
        <h2>Ledger</h2>
        <button type="button" className="btn btn-sm btn-ghost" onClick={csv} disabled={!d.items.length}>
          Export CSV
        </button>
      </div>
      {d.items.length === 0 ? (
        <p className="muted">No open debt items. Add one with the type “Debt” in the backlog.</p>
      ) : (
        <div className="sc-table-wrap">
          <table className="list sc-table" data-testid="debt-table">
            <thead>
              <tr>
                <th>Item</th>
                <th className="num">To fix</th>
                <th className="num">Lost / week</th>
                <th className="num">Break-even</th>
                <th className="num">Age</th>
                <th className="num">Lost so far</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((i) => (
                <tr key={i.itemId}>
                  <td>
                    <Link to={`/p/${product.key}/backlog?item=${i.itemId}`}>
                      <strong>{i.key}</strong> {i.title}
                    </Link>
                    {i.repays && (
                      <span className={i.repays.overdue ? 'badge badge-danger' : 'badge'}>
                        repays {i.repays.workaroundKey}
                        {i.repays.dueDate ? ` · due ${i.repays.dueDate}` : ''}
                        {i.repays.overdue ? ' · past due' : ''}
                      </span>
                    )}
                  </td>
                  <td className="num" data-label="To fix">
                    {range(i.fixHours, 'h')}
                  </td>
                  <td className="num" data-label="Lost / week">
                    {i.weeklyHours === null ? '–' : `${i.weeklyHours} h`}
                  </td>
                  <td className="num" data-label="Break-even">
                    <strong>{range(i.breakEvenWeeks, 'weeks')}</strong>
                  </td>
                  <td className="num" data-label="Age">
                    {i.ageWeeks} weeks
                  </td>
                  <td className="num" data-label="Lost so far">
                    {i.lostSoFarHours === null ? '–' : `${i.lostSoFarHours} h`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
