import { ticks, useTip, useWidth } from '#web/features/sprints/chart-tip.tsx';

export interface Bar {
  /** What the bar covers, as shown on the axis and in the tip. */
  label: string;
  /** The short axis label. */
  axis: string;
  trials: number;
  /** The tip's second line (cumulative share, "at least" share). */
  detail: string;
}

export interface Marker {
  /** Index of the bar the marker sits on. */
  at: number;
  label: string;
}

const H = 220;
const M = { l: 40, r: 12, t: 46, b: 28 };

/**
 * The trials' outcomes as bars, with the 50/85/95 % marks drawn on the bars they fall in; hover
 * or focus a bar for its numbers. Used for both "when" (bars are dates) and "how many" (counts).
 */
export function ForecastHistogram({
  bars,
  markers,
  trials,
  title,
}: {
  bars: Bar[];
  markers: Marker[];
  trials: number;
  title: string;
}) {
  const tip = useTip();
  const [box, W] = useWidth<HTMLElement>();
  if (bars.length === 0) return null;
  const max = Math.max(1, ...bars.map((b) => b.trials));
  const yt = ticks(max, 3);
  const top = yt.at(-1) ?? max;
  const slot = (W - M.l - M.r) / bars.length;
  const x = (i: number) => M.l + i * slot;
  const y = (v: number) => H - M.b - (v / top) * (H - M.t - M.b);
  const labelEvery = Math.ceil(bars.length / Math.max(2, Math.floor((W - M.l) / 70)));
  const show = (i: number) => {
    const b = bars[i]!;
    tip.show({
      id: i,
      x: ((x(i) + slot / 2) / W) * 100,
      y: (y(b.trials) / H) * 100,
      content: (
        <>
          <strong>{b.label}</strong>
          <br />
          {b.trials.toLocaleString('en')} of {trials.toLocaleString('en')} trials (
          {((b.trials / trials) * 100).toFixed(1)} %)
          <br />
          {b.detail}
        </>
      ),
    });
  };
  return (
    <figure ref={box} className="card chart forecast-chart" style={{ margin: 0 }} aria-label={title}>
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={title}
        onMouseLeave={tip.hide}
      >
        {yt.map((v) => (
          <g key={v}>
            <line className="grid" x1={M.l} x2={W - M.r} y1={y(v)} y2={y(v)} />
            <text className="tick" x={M.l - 6} y={y(v) + 4} textAnchor="end">
              {v.toLocaleString('en')}
            </text>
          </g>
        ))}
        <line className="axis" x1={M.l} x2={W - M.r} y1={H - M.b} y2={H - M.b} />
        {bars.map((b, i) => (
          <rect
            key={b.label}
            className="bar-completed"
            x={x(i) + Math.min(2, slot * 0.15)}
            width={Math.max(1, slot - Math.min(4, slot * 0.3))}
            y={y(b.trials)}
            height={H - M.b - y(b.trials)}
          />
        ))}
        {bars.map((b, i) =>
          i % labelEvery === 0 ? (
            <text
              key={b.label}
              className="tick"
              x={x(i) + slot / 2}
              y={H - 8}
              textAnchor={i === 0 ? 'start' : 'middle'}
            >
              {b.axis}
            </text>
          ) : null,
        )}
        {markers.map((m, k) => {
          const cx = x(m.at) + slot / 2;
          return (
            <g key={m.label} className="forecast-mark">
              <line x1={cx} x2={cx} y1={16 + k * 13} y2={H - M.b} strokeWidth={1.5} />
              <text
                x={cx}
                y={12 + k * 13}
                textAnchor={cx > W - 60 ? 'end' : cx < M.l + 30 ? 'start' : 'middle'}
                className="forecast-mark-label"
              >
                {m.label}
              </text>
            </g>
          );
        })}
        {bars.map((b, i) => (
          // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG region named for screen readers; hover and focus show the bar's numbers
          <rect
            key={b.label}
            className={tip.active === i ? 'hit on' : 'hit'}
            role="img"
            x={x(i)}
            y={M.t}
            width={slot}
            height={H - M.t - M.b}
            tabIndex={0}
            aria-label={`${b.label}: ${b.trials} trials. ${b.detail}`}
            onMouseEnter={() => show(i)}
            onFocus={() => show(i)}
            onMouseLeave={tip.hide}
            onBlur={tip.hide}
          />
        ))}
      </svg>
      {tip.node}
    </figure>
  );
}
