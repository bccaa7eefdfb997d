import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useProduct } from '#web/app/product-context.tsx';
import { day } from '#web/features/sprints/format.ts';
import type { BacktestT, WhenBacktestT } from './forecast-api.ts';

export const range = (from: string, to: string) =>
  from === to ? day(from, true) : `${day(from)} – ${day(to, true)}`;

interface Row {
  sprintId: string;
  name: string;
  startDate: string;
  endDate: string;
  held: boolean;
  cells: ReactNode[];
}

/** "85 % forecasts held 9 times in 11", opening onto the replay sprint by sprint. */
function Badge(props: {
  summary: string;
  held: number;
  total: number;
  about: string;
  head: string[];
  rows: Row[];
}) {
  const product = useProduct();
  return (
    <details className="forecast-backtest">
      <summary>
        <span className={props.total && props.held / props.total < 0.7 ? 'bt bt-low' : 'bt'}>
          {props.summary}
        </span>
      </summary>
      <p className="muted">{props.about}</p>
      {props.rows.length > 0 && (
        <table className="forecast-table">
          <thead>
            <tr>
              <th>Sprint</th>
              {props.head.map((h) => (
                <th key={h}>{h}</th>
              ))}
              <th>Held</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((s) => (
              <tr key={s.sprintId}>
                <td>
                  <Link to={`/p/${product.key}/sprints/${s.sprintId}`}>{s.name}</Link>
                  <span className="muted"> {range(s.startDate, s.endDate)}</span>
                </td>
                {s.cells.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed per table
                  <td key={i}>{c}</td>
                ))}
                <td>{s.held ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/** Beside "how many": would the 85 % "at least N by the sprint's end" have held? */
export function HowManyBacktest({ backtest }: { backtest: BacktestT }) {
  return (
    <Badge
      {...backtest}
      about={`At each past sprint's start: the 85 % "how many by its end" forecast from the history before it, against the items accepted in it.`}
      head={['85 %: at least', 'Accepted']}
      rows={backtest.sprints.map((s) => ({ ...s, cells: [s.forecast, s.actual] }))}
    />
  );
}

/** Beside "when": would the 85 % day for the sprint's commitment have held? */
export function WhenBacktest({ backtest }: { backtest: WhenBacktestT }) {
  return (
    <Badge
      {...backtest}
      about={`At each past sprint's start: the 85 % "when will this many items be done" forecast for what the sprint committed, from the history before it, against the day that many had been accepted.`}
      head={['Items', '85 %: done by', 'Done on']}
      rows={backtest.sprints.map((s) => ({
        ...s,
        cells: [
          s.items,
          s.forecast ? day(s.forecast, true) : 'beyond the horizon',
          s.actual ? day(s.actual, true) : 'not yet',
        ],
      }))}
    />
  );
}
