import { Legend, YGrid } from '#web/components/chart-parts.tsx';
import { ticks, useTip, useWidth } from './chart-tip.tsx';
import { pct, pts } from './format.ts';
import type { SprintReportT } from './sprints-api.ts';

// Same height and bottom margin as the burn-up beside it, so the two boxes line up.
const H = 240;
const M = { l: 36, r: 12, t: 12, b: 28 };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Committed (outline) against completed (filled) points per closed sprint, with the median line. */
export function VelocityChart({
  history,
  currentId,
}: {
  history: SprintReportT['velocityHistory'];
  currentId: string;
}) {
  const tip = useTip();
  const [box, W] = useWidth<HTMLElement>();
  if (history.length === 0) return <p className="muted">No closed sprints yet.</p>;
  const max = Math.max(1, ...history.flatMap((h) => [h.committedPoints, h.completedPoints]));
  const yt = ticks(max);
  const top = yt.at(-1) ?? max;
  const band = (W - M.l - M.r) / history.length;
  const bw = Math.min(36, band * 0.6);
  const y = (v: number) => H - M.b - (v / top) * (H - M.t - M.b);
  const med = median(history.map((h) => h.completedPoints));
  return (
    <figure ref={box} className="card chart" style={{ margin: 0 }} aria-label="Velocity history">
      <Legend
        entries={[
          { label: 'Committed', swatchClass: 'swatch-bar bar-committed' },
          { label: 'Completed', swatchClass: 'swatch-bar', color: 'var(--accent)' },
          { label: `Median ${pts(med)}`, color: 'var(--success)' },
        ]}
      />
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Velocity of the last ${history.length} sprints; median ${pts(med)} points`}
        onMouseLeave={tip.hide}
      >
        <YGrid ticks={yt} y={y} left={M.l} right={W - M.r} format={pts} />
        {history.map((h, i) => {
          const cx = M.l + band * i + band / 2;
          const show = () =>
            tip.show({
              id: h.sprintId,
              x: (cx / W) * 100,
              y: (y(Math.max(h.committedPoints, h.completedPoints)) / H) * 100,
              content: (
                <>
                  <strong>{h.name}</strong>
                  <br />
                  Committed {pts(h.committedPoints)} · Completed {pts(h.completedPoints)}
                  <br />
                  Say/do {pct(h.committedPoints ? h.completedPoints / h.committedPoints : null)}
                </>
              ),
            });
          return (
            <g key={h.sprintId}>
              <rect
                className="bar-committed"
                x={cx - bw / 2}
                y={y(h.committedPoints)}
                width={bw}
                height={Math.max(0, H - M.b - y(h.committedPoints))}
                rx={2}
              />
              <rect
                className="bar-completed"
                x={cx - bw / 2 + 4}
                y={y(h.completedPoints)}
                width={Math.max(0, bw - 8)}
                height={Math.max(0, H - M.b - y(h.completedPoints))}
                rx={2}
              />
              <text
                className="tick"
                x={cx}
                y={H - 8}
                textAnchor="middle"
                style={h.sprintId === currentId ? { fontWeight: 700, fill: 'var(--text)' } : undefined}
              >
                {h.name.length > 12 ? `${h.name.slice(0, 11)}…` : h.name}
              </text>
              {/* biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG region named for screen readers; hover and focus show the sprint's numbers */}
              <rect
                className={tip.active === h.sprintId ? 'hit on' : 'hit'}
                role="img"
                x={cx - band / 2}
                y={M.t}
                width={band}
                height={H - M.t - M.b}
                tabIndex={0}
                aria-label={`${h.name}: committed ${pts(h.committedPoints)}, completed ${pts(h.completedPoints)}`}
                onMouseEnter={show}
                onFocus={show}
                onMouseLeave={tip.hide}
                onBlur={tip.hide}
              />
            </g>
          );
        })}
        <line className="median" x1={M.l} x2={W - M.r} y1={y(med)} y2={y(med)} strokeWidth={1.5} />
        <line className="axis" x1={M.l} x2={W - M.r} y1={H - M.b} y2={H - M.b} />
      </svg>
      {tip.node}
    </figure>
  );
}

/** Days from start to done per estimate size: a range bar from fastest to slowest, the dot the median. */
export function EstimateSpread({ rows }: { rows: SprintReportT['estimateVsActual'] }) {
  if (rows.length === 0) return <p className="muted">No completed items with a size yet.</p>;
  const max = Math.max(1, ...rows.map((r) => r.maxDays));
  const sx = (d: number) => 8 + (d / max) * 284;
  return (
    <div className="card" style={{ overflowX: 'auto' }}>
      <table className="list" aria-label="Estimate against actual days">
        <thead>
          <tr>
            <th scope="col">Size</th>
            <th scope="col">Items</th>
            <th scope="col">Days to done (min · median · max)</th>
            <th scope="col" className="hide-phone">
              <span className="sr-only">Spread</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.size}>
              <td>{pts(r.size)} pts</td>
              <td>{r.count}</td>
              <td style={{ whiteSpace: 'nowrap' }}>
                {pts(r.minDays)} · <strong>{pts(r.medianDays)}</strong> · {pts(r.maxDays)}
              </td>
              <td className="hide-phone" style={{ width: 320 }}>
                <svg viewBox="0 0 300 16" width="300" height="16" aria-hidden="true">
                  <line
                    x1={sx(r.minDays)}
                    x2={sx(r.maxDays)}
                    y1={8}
                    y2={8}
                    stroke="var(--border-strong)"
                    strokeWidth={6}
                    strokeLinecap="round"
                  />
                  <circle cx={sx(r.medianDays)} cy={8} r={5} fill="var(--accent)" />
                </svg>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
