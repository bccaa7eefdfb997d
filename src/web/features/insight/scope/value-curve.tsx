import type { ScopeResult } from '#contracts/insight-scope.ts';
import { ticks, useTip, useWidth } from '#web/features/sprints/chart-tip.tsx';
import '#web/features/sprints/sprint-charts.css';

const H = 260;
const M = { l: 40, r: 14, t: 14, b: 30 };
const n1 = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/**
 * Cumulative value against cumulative size in value-per-point order (WSJF for cost of delay),
 * with the point where 80 % of the value is reached and the capacity line. Hover or focus a step
 * for its item and numbers.
 */
export function ValueCurve({ result, keyOf }: { result: ScopeResult; keyOf: (id: string) => string }) {
  const tip = useTip();
  const [box, W] = useWidth<HTMLElement>();
  const pts = result.curve;
  if (pts.length < 2) return <p className="muted">No sized candidates to draw.</p>;
  const last = pts.at(-1)!;
  const xMax = Math.max(1, last.size, result.capacity ?? 0);
  const xt = ticks(xMax, 5);
  const yt = ticks(Math.max(1, last.value));
  const xTop = xt.at(-1)!;
  const yTop = yt.at(-1)!;
  const x = (v: number) => M.l + (v / xTop) * (W - M.l - M.r);
  const y = (v: number) => H - M.b - (v / yTop) * (H - M.t - M.b);
  const line = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.size)},${y(p.value)}`).join('');
  const chosen = new Set(result.itemIds);
  const mark = result.mark;
  const show = (i: number) => {
    const p = pts[i]!;
    tip.show({
      id: i,
      x: (x(p.size) / W) * 100,
      y: (y(p.value) / H) * 100,
      content: (
        <>
          <strong>{p.key ? keyOf(p.itemId!) : 'Start'}</strong>
          {p.itemId && (chosen.has(p.itemId) ? ' · chosen' : ' · left out')}
          <br />
          {n1(p.size)} points → value {n1(p.value)}
          {last.value > 0 && ` (${Math.round((p.value / last.value) * 100)} %)`}
        </>
      ),
    });
  };
  return (
    <figure ref={box} className="card chart sc-curve" style={{ margin: 0 }} aria-label="Value against size">
      <div className="legend" aria-hidden="true">
        <span>
          <i style={{ background: 'var(--accent)' }} />
          Cumulative value (best value per point first)
        </span>
        {mark && (
          <span>
            <i style={{ background: 'var(--success)' }} />
            80 % of the value
          </span>
        )}
        {result.capacity !== null && (
          <span>
            <i style={{ background: 'var(--warning)' }} />
            Capacity
          </span>
        )}
      </div>
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={
          mark
            ? `80 % of the value (${n1(mark.value)}) in ${n1(mark.size)} of ${n1(last.size)} points`
            : 'Value against size'
        }
        onMouseLeave={tip.hide}
      >
        {yt.map((v) => (
          <g key={`y${v}`}>
            <line className="grid" x1={M.l} x2={W - M.r} y1={y(v)} y2={y(v)} />
            <text className="tick" x={M.l - 6} y={y(v) + 4} textAnchor="end">
              {n1(v)}
            </text>
          </g>
        ))}
        <line className="axis" x1={M.l} x2={W - M.r} y1={H - M.b} y2={H - M.b} />
        {xt.map((v) => (
          <text key={`x${v}`} className="tick" x={x(v)} y={H - 10} textAnchor="middle">
            {n1(v)}
          </text>
        ))}
        <text className="tick" x={W - M.r} y={H - M.b - 6} textAnchor="end">
          points
        </text>
        {result.capacity !== null && (
          <line
            className="scope"
            x1={x(result.capacity)}
            x2={x(result.capacity)}
            y1={M.t}
            y2={H - M.b}
            strokeWidth={2}
            strokeDasharray="5 4"
          />
        )}
        {mark && (
          <g data-testid="mark-80">
            <line className="median" x1={M.l} x2={x(mark.size)} y1={y(mark.value)} y2={y(mark.value)} />
            <line className="median" x1={x(mark.size)} x2={x(mark.size)} y1={y(mark.value)} y2={H - M.b} />
            <text className="tick" x={x(mark.size) + 6} y={y(mark.value) + 14}>
              80 % in {Math.round(mark.sizeShare * 100)} % of the points
            </text>
          </g>
        )}
        <path className="done" d={line} fill="none" strokeWidth={2.5} />
        {pts.map((p) =>
          p.itemId ? (
            <circle
              key={p.itemId}
              cx={x(p.size)}
              cy={y(p.value)}
              r={chosen.has(p.itemId) ? 4 : 3}
              fill={chosen.has(p.itemId) ? 'var(--accent)' : 'var(--bg)'}
              stroke="var(--accent)"
            />
          ) : null,
        )}
        {pts.map((p, i) => {
          if (!p.itemId) return null;
          const prev = pts[i - 1]!;
          const x0 = x(prev.size);
          const x1 = Math.max(x(p.size), x0 + 6);
          return (
            // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG region named for screen readers; hover and focus show the item's numbers
            <rect
              key={`h${p.itemId}`}
              className={tip.active === i ? 'hit on' : 'hit'}
              role="img"
              x={x0}
              y={M.t}
              width={x1 - x0}
              height={H - M.t - M.b}
              tabIndex={0}
              aria-label={`${p.key}: ${n1(p.size)} points, value ${n1(p.value)}`}
              onMouseEnter={() => show(i)}
              onFocus={() => show(i)}
              onMouseLeave={tip.hide}
              onBlur={tip.hide}
            />
          );
        })}
      </svg>
      {tip.node}
    </figure>
  );
}
