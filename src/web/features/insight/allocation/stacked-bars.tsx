import { useTip, useWidth } from '#web/features/sprints/chart-tip.tsx';

export interface Band {
  key: string;
  label: string;
  colour: string;
}
export interface Column {
  id: string;
  label: string;
  /** Share (percent) per band key, and the points behind it. */
  values: Record<string, { share: number; points: number; target: string | null; offTarget: boolean }>;
  total: number;
  flagged: boolean;
  note?: string | null;
}

const H = 260;
const M = { l: 36, r: 12, t: 22, b: 34 };

/**
 * 100 % stacked bars, one per sprint, with dashed target lines where each band should end (the
 * cumulative targets). Hover or focus a band for its numbers; a click selects its items.
 */
export function StackedBars({
  title,
  bands,
  columns,
  targetLines,
  onSelect,
}: {
  title: string;
  bands: Band[];
  columns: Column[];
  /** Cumulative target shares (percent from the bottom), with what each marks. */
  targetLines: Array<{ at: number; label: string }>;
  onSelect: (columnId: string, bandKey: string) => void;
}) {
  const tip = useTip();
  const [box, W] = useWidth<HTMLElement>();
  const n = Math.max(1, columns.length);
  const slot = (W - M.l - M.r) / n;
  const bw = Math.min(56, slot * 0.62);
  const y = (v: number) => H - M.b - (v / 100) * (H - M.t - M.b);
  // On a phone the columns are narrow: "Sprint 5" → "S5", the flag is its mark alone.
  const narrow = slot < 72;
  const short = (s: string) =>
    !narrow
      ? s
      : s
          .replace(/^Sprint\s+/i, 'S')
          .replace(/^Overall$/, 'All')
          .replace(/^Backlog$/, 'Next')
          .slice(0, 6);
  return (
    <figure ref={box} className="card chart alloc-chart" style={{ margin: 0 }} aria-label={title}>
      <div className="legend" aria-hidden="true">
        {bands.map((b) => (
          <span key={b.key}>
            <i style={{ background: b.colour, height: 10 }} />
            {b.label}
          </span>
        ))}
        {targetLines.length > 0 && (
          <span>
            <i className="legend-dash" />
            Target
          </span>
        )}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG holding the bands' buttons; a fieldset cannot be one */}
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="group"
        aria-label={title}
        onMouseLeave={tip.hide}
      >
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line className="grid" x1={M.l} x2={W - M.r} y1={y(v)} y2={y(v)} />
            <text className="tick" x={M.l - 6} y={y(v) + 4} textAnchor="end">
              {v}%
            </text>
          </g>
        ))}
        {columns.map((c, i) => {
          const cx = M.l + slot * i + slot / 2;
          let acc = 0;
          return (
            <g key={c.id}>
              {bands.map((b) => {
                const v = c.values[b.key];
                if (!v || v.share <= 0) return null;
                const y0 = y(acc);
                acc += v.share;
                const y1 = y(Math.min(100, acc));
                const id = `${c.id}:${b.key}`;
                const show = () =>
                  tip.show({
                    id,
                    x: ((cx + bw / 2) / W) * 100,
                    y: ((y0 + y1) / 2 / H) * 100,
                    content: (
                      <>
                        <strong>
                          {c.label} · {b.label}
                        </strong>
                        <br />
                        {v.points} pts · {v.share} %{v.target ? ` (target ${v.target})` : ''}
                        {v.offTarget ? ' · off target' : ''}
                      </>
                    ),
                  });
                return (
                  // biome-ignore lint/a11y/useSemanticElements: an SVG band; a real button cannot sit in SVG
                  <rect
                    key={b.key}
                    className={tip.active === id ? 'alloc-band on' : 'alloc-band'}
                    role="button"
                    tabIndex={0}
                    aria-label={`${c.label}, ${b.label}: ${v.points} points, ${v.share} %${v.offTarget ? ', off target' : ''}`}
                    x={cx - bw / 2}
                    y={y1}
                    width={bw}
                    height={Math.max(0, y0 - y1)}
                    fill={b.colour}
                    stroke={v.offTarget ? 'var(--danger)' : 'var(--bg)'}
                    strokeWidth={v.offTarget ? 2 : 1}
                    onMouseEnter={show}
                    onFocus={show}
                    onBlur={tip.hide}
                    onClick={() => onSelect(c.id, b.key)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        onSelect(c.id, b.key);
                      }
                    }}
                  />
                );
              })}
              {c.total === 0 && (
                <text className="tick" x={cx} y={y(50)} textAnchor="middle">
                  {narrow ? '–' : 'no points'}
                </text>
              )}
              {c.flagged && (
                <text className="alloc-flag" x={cx} y={M.t - 8} textAnchor="middle">
                  {narrow ? '⚑' : c.note ? '⚑ explained' : '⚑ off target'}
                </text>
              )}
              <text className="tick" x={cx} y={H - M.b + 14} textAnchor="middle">
                {short(c.label)}
              </text>
              <text className="tick" x={cx} y={H - M.b + 27} textAnchor="middle">
                {narrow ? c.total : `${c.total} pts`}
              </text>
            </g>
          );
        })}
        {columns.length > 2 && (
          <line
            className="axis"
            x1={M.l + slot * (n - 2)}
            x2={M.l + slot * (n - 2)}
            y1={M.t}
            y2={H - M.b + 28}
          />
        )}
        {targetLines.map((t) => (
          <g key={t.label}>
            <line className="alloc-target" x1={M.l} x2={W - M.r} y1={y(t.at)} y2={y(t.at)} />
          </g>
        ))}
      </svg>
      {tip.node}
    </figure>
  );
}
