import { useState } from 'react';
import { Loading } from '#web/components/ui.tsx';
import { BurnUpChart, type BurnUpPoint } from './burn-up-chart.tsx';
import { pts } from './format.ts';

const OPEN_KEY = 'tandem.sprint.burnUpOpen';

const readOpen = (): boolean => {
  try {
    return window.localStorage.getItem(OPEN_KEY) === '1';
  } catch {
    return false;
  }
};

/**
 * The burn-up of a running sprint as one line of figures above the board, the chart folded away
 * until asked for (the choice is remembered): the board's columns are what the team opens the
 * page for, so they start on the first screen, on a laptop and on a phone.
 */
export function BurnUpSection({ points, endDate }: { points: BurnUpPoint[] | undefined; endDate: string }) {
  const [open, setOpen] = useState(readOpen);
  const last = points?.at(-1);
  const toggle = () => {
    const next = !open;
    setOpen(next);
    try {
      window.localStorage.setItem(OPEN_KEY, next ? '1' : '0');
    } catch {
      // Private windows may refuse storage; the fold still works for this visit.
    }
  };
  return (
    <section className="burnup-fold" aria-label="Burn-up" data-open={open || undefined}>
      <div className="burnup-line">
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          aria-expanded={open}
          aria-controls="burnup-chart"
          onClick={toggle}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> Burn-up
        </button>
        {last ? (
          <span data-testid="burnup-figures">
            <strong>{pts(last.done)}</strong> of {pts(last.scope)} pts done
            {last.scope > 0 && (
              <span className="muted"> · {Math.round((last.done / last.scope) * 100)}%</span>
            )}
          </span>
        ) : (
          <span className="muted">Counting…</span>
        )}
      </div>
      {open && (
        <div id="burnup-chart">
          {points ? <BurnUpChart points={points} endDate={endDate} /> : <Loading />}
        </div>
      )}
    </section>
  );
}
