import { Legend, YGrid } from '#web/components/chart-parts.tsx';
import { ticks, useTip, useWidth } from './chart-tip.tsx';
import { day, isoDay, pts, sprintDays } from './format.ts';

export interface BurnUpPoint {
  date: string;
  scope: number;
  done: number;
}

const H = 240;
const M = { l: 36, r: 12, t: 12, b: 28 };

/**
 * Burn-up: completed points climbing toward the scope line. Scope is drawn as steps, so every
 * change to a started sprint shows where it happened; hover or focus a day for its numbers.
 */
export function BurnUpChart({
  points,
  endDate,
  title = 'Burn-up',
}: {
  points: BurnUpPoint[];
  /** The sprint's last day: the axis runs to it, so a running sprint shows the days still ahead. */
  endDate?: string;
  title?: string;
}) {
  const tip = useTip();
  const [box, W] = useWidth<HTMLElement>();
  if (points.length === 0) return <p className="muted">No days to chart yet.</p>;
  const max = Math.max(1, ...points.map((p) => Math.max(p.scope, p.done)));
  const yt = ticks(max);
  const top = yt.at(-1) ?? max;
  const first = points[0]!.date;
  const n = Math.max(points.length, endDate ? sprintDays(first, endDate) : 0);
  const dateAt = (i: number) => isoDay(i, Date.parse(`${first}T00:00:00Z`));
  const x = (i: number) => M.l + (n === 1 ? 0 : (i / (n - 1)) * (W - M.l - M.r));
  const y = (v: number) => H - M.b - (v / top) * (H - M.t - M.b);
  const step = (key: 'scope' | 'done') =>
    points.map((p, i) => (i === 0 ? `M${x(0)},${y(p[key])}` : `H${x(i)}V${y(p[key])}`)).join('');
  const doneLine = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i)},${y(p.done)}`).join('');
  const last = points.at(-1)!;
  const colW = n === 1 ? W - M.l - M.r : (W - M.l - M.r) / (n - 1);
  const labelEvery = Math.ceil(n / 8);
  const showDay = (i: number) => {
    const p = points[i]!;
    const delta = i > 0 ? p.scope - points[i - 1]!.scope : 0;
    tip.show({
      id: i,
      x: (x(i) / W) * 100,
      y: (y(p.done) / H) * 100,
      content: (
        <>
          <strong>{day(p.date)}</strong>
          <br />
          Scope {pts(p.scope)}
          {delta !== 0 && ` (${delta > 0 ? '+' : ''}${pts(delta)})`} · Done {pts(p.done)}
        </>
      ),
    });
  };

  return (
    <figure ref={box} className="card chart" style={{ margin: 0 }} aria-label={title}>
      <Legend
        entries={[
          { label: 'Scope', color: 'var(--warning)' },
          { label: 'Done', color: 'var(--accent)' },
          { label: 'Even pace', color: 'var(--text-faint)' },
        ]}
      />
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${title}: scope ${pts(last.scope)} points, done ${pts(last.done)} on ${day(last.date)}`}
        onMouseLeave={tip.hide}
      >
        <YGrid ticks={yt} y={y} left={M.l} right={W - M.r} format={pts} />
        <line className="axis" x1={M.l} x2={W - M.r} y1={H - M.b} y2={H - M.b} />
        {Array.from({ length: n }, (_, i) => dateAt(i)).map((d, i) =>
          (i % labelEvery === 0 && n - 1 - i >= labelEvery) || i === n - 1 ? (
            <text
              key={d}
              className="tick"
              x={x(i)}
              y={H - 8}
              textAnchor={i === n - 1 ? 'end' : i === 0 ? 'start' : 'middle'}
            >
              {day(d)}
            </text>
          ) : null,
        )}
        <line className="ideal" x1={x(0)} y1={y(0)} x2={x(n - 1)} y2={y(last.scope)} strokeWidth={1.5} />
        <path className="scope" d={step('scope')} fill="none" strokeWidth={2.5} data-testid="scope-line" />
        <path className="done" d={doneLine} fill="none" strokeWidth={2.5} />
        {points.map((p, i) => (
          <circle key={p.date} cx={x(i)} cy={y(p.done)} r={2.5} fill="var(--accent)" />
        ))}
        {points.map((p, i) => (
          // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG region named for screen readers; hover and focus show the day's numbers
          <rect
            key={p.date}
            className={tip.active === i ? 'hit on' : 'hit'}
            role="img"
            x={Math.max(M.l, x(i) - colW / 2)}
            y={M.t}
            width={Math.min(W - M.r, x(i) + colW / 2) - Math.max(M.l, x(i) - colW / 2)}
            height={H - M.t - M.b}
            tabIndex={0}
            aria-label={`${day(p.date)}: scope ${pts(p.scope)}, done ${pts(p.done)}`}
            onMouseEnter={() => showDay(i)}
            onFocus={() => showDay(i)}
            onMouseLeave={tip.hide}
            onBlur={tip.hide}
          />
        ))}
      </svg>
      {tip.node}
    </figure>
  );
}
