import type { ReactNode } from 'react';
import { downloadCsv } from './forecast-api.ts';
import { type Bar, ForecastHistogram, type Marker } from './forecast-histogram.tsx';

export const PCTS = ['50', '85', '95'] as const;
export type Pct = (typeof PCTS)[number];

/** One row of the result's table: a key and its three cells. */
export interface ResultRow {
  key: string | number;
  cells: readonly [ReactNode, ReactNode, ReactNode];
}

/**
 * The body of a forecast answer, shared by "when" and "how many": the 50/85/95 % figures, a line
 * of what it rests on (trials, seed), the notes, the histogram and its table with a CSV download.
 */
export function ForecastResult({
  testId,
  figure,
  facts,
  trials,
  seed,
  notes,
  bars,
  markers,
  chartTitle,
  csv,
  columns,
  rows,
  children,
}: {
  testId: string;
  /** Label and value of each percentile; null when there are no percentiles. */
  figure: ((pct: Pct) => { label: string; value: ReactNode }) | null;
  /** What the forecast covers, before " · N trials · seed S". */
  facts: ReactNode;
  trials: number;
  seed: number;
  notes: string[];
  bars: Bar[];
  markers: Marker[];
  chartTitle: string;
  csv: { file: string; rows: Array<Array<string | number>> };
  columns: readonly [string, string, string];
  rows: ResultRow[];
  children?: ReactNode;
}) {
  return (
    <div className="forecast-result">
      {figure ? (
        <div className="forecast-figures" data-testid={testId}>
          {PCTS.map((k) => {
            const f = figure(k);
            return (
              <div key={k} className={k === '85' ? 'figure figure-main' : 'figure'}>
                <span className="figure-label">{f.label}</span>
                <strong>{f.value}</strong>
              </div>
            );
          })}
        </div>
      ) : null}
      <p className="muted">
        {facts} · {trials.toLocaleString('en')} trials · seed {seed}
      </p>
      <Notes notes={notes} />
      {bars.length > 0 && (
        <>
          <ForecastHistogram bars={bars} markers={markers} trials={trials} title={chartTitle} />
          <details className="forecast-evidence">
            <summary>Table</summary>
            <button type="button" className="btn btn-sm" onClick={() => downloadCsv(csv.file, csv.rows)}>
              Download CSV
            </button>
            <table className="forecast-table">
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    {r.cells.map((c, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the three cells are fixed positions
                      <td key={i}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
      {children}
    </div>
  );
}

function Notes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="forecast-notes" aria-label="Notes">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}
