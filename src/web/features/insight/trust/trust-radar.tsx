import type { TrustSignalView } from '#contracts/trust.ts';
import { useTip, useWidth } from '#web/features/sprints/chart-tip.tsx';
import { formatTrend, formatValue } from './trust-format.ts';

/** Greedy word wrap into lines of at most `max` characters (a longer word gets its own line). */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

const SIDE_LABEL = { po: 'PO → team', team: 'Team → PO' } as const;

/**
 * The radar: one spoke per signal, PO → team on the left half, team → PO on the right, each drawn
 * as its own shape (score 0 at the centre, 100 at the rim: further out is healthier). A signal
 * with nothing to measure shows a hollow marker on the rim's inner ring and says so on hover.
 */
export function TrustRadar({
  signals,
  selected,
  onSelect,
}: {
  signals: TrustSignalView[];
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const tip = useTip();
  const [box, width] = useWidth<HTMLElement>(520);
  const W = Math.min(width, 560);
  const short = W < 420;
  // Room for the spoke labels left and right (two lines of up to ~22 characters).
  const side = short ? 30 : 128;
  const cx = W / 2;
  const R = Math.max(50, Math.min(cx - side, 190));
  const H = 2 * R + (short ? 70 : 100);
  const cy = H / 2 + 6;
  // Team spokes clockwise from the top (right half), PO spokes counter-clockwise (left half).
  const po = signals.filter((s) => s.side === 'po');
  const team = signals.filter((s) => s.side === 'team');
  const angleOf = (side: 'po' | 'team', i: number, n: number) => {
    const step = Math.PI / (n + 1);
    const a = (i + 1) * step;
    return side === 'team' ? -Math.PI / 2 + a : -Math.PI / 2 - a;
  };
  const spokes = [
    ...team.map((s, i) => ({ s, a: angleOf('team', i, team.length) })),
    ...po.map((s, i) => ({ s, a: angleOf('po', i, po.length) })),
  ];
  const numberOf = (key: string) => signals.findIndex((x) => x.key === key) + 1;
  const at = (a: number, r: number) => [cx + Math.cos(a) * r, cy + Math.sin(a) * r] as const;
  const shape = (side: 'po' | 'team') => {
    const pts = spokes.filter((x) => x.s.side === side).map((x) => at(x.a, (R * (x.s.score ?? 0)) / 100));
    return `M${cx},${cy}${pts.map(([x, y]) => `L${x},${y}`).join('')}Z`;
  };
  const show = (s: TrustSignalView, a: number) => {
    const [x, y] = at(a, (R * (s.score ?? 0)) / 100);
    tip.show({
      id: s.key,
      x: (x / W) * 100,
      y: (y / H) * 100,
      content: (
        <>
          <strong>{s.label}</strong> <span className="muted">({SIDE_LABEL[s.side]})</span>
          <br />
          {s.score === null ? (
            'Nothing to measure in this window'
          ) : (
            <>
              Score {s.score} · {formatValue(s)} · {formatTrend(s.trend)}
            </>
          )}
          <br />
          <span className="muted">
            {s.evidenceTotal === 1 ? '1 piece' : `${s.evidenceTotal} pieces`} of evidence · click for details
          </span>
        </>
      ),
    });
  };
  return (
    <figure ref={box} className="card chart trust-radar" style={{ margin: 0 }} aria-label="Trust radar">
      <div className="legend" aria-hidden="true">
        <span>
          <i className="swatch-po" />
          PO → team
        </span>
        <span>
          <i className="swatch-team" />
          Team → PO
        </span>
        <span className="muted">Score 0 at the centre, 100 at the rim (further out is healthier)</span>
      </div>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} onMouseLeave={tip.hide}>
        <title>{`Trust radar: ${signals.map((s) => `${s.label} ${s.score ?? 'no data'}`).join(', ')}`}</title>
        {[25, 50, 75, 100].map((v) => (
          <circle key={v} className="grid" cx={cx} cy={cy} r={(R * v) / 100} fill="none" />
        ))}
        <line className="axis" x1={cx} x2={cx} y1={cy - R - 6} y2={cy + R + 6} strokeDasharray="3 3" />
        {[50, 100].map((v) => (
          <text key={v} className="tick" x={cx + 3} y={cy - (R * v) / 100 + 11}>
            {v}
          </text>
        ))}
        <text className="side-label" x={cx - 8} y={12} textAnchor="end">
          PO → team
        </text>
        <text className="side-label" x={cx + 8} y={12}>
          Team → PO
        </text>
        {spokes.map(({ s, a }) => {
          const [x, y] = at(a, R);
          return <line key={`sp-${s.key}`} className="grid" x1={cx} y1={cy} x2={x} y2={y} />;
        })}
        <path className="shape-po" d={shape('po')} />
        <path className="shape-team" d={shape('team')} />
        {spokes.map(({ s, a }) => {
          const [lx, ly] = at(a, R + 10);
          const anchor = Math.abs(Math.cos(a)) < 0.2 ? 'middle' : Math.cos(a) > 0 ? 'start' : 'end';
          // On a phone the spokes carry their number (the list beside names them), not their name.
          const lines = short ? [String(numberOf(s.key))] : wrap(s.label, 20);
          return (
            <text
              key={`l-${s.key}`}
              className={`spoke-label${selected === s.key ? ' on' : ''}${s.score === null ? ' none' : ''}`}
              x={lx}
              y={
                ly +
                (Math.sin(a) > 0.3
                  ? 8
                  : Math.sin(a) < -0.3
                    ? -4 - (lines.length - 1) * 12
                    : 4 - (lines.length - 1) * 6)
              }
              textAnchor={anchor}
            >
              {lines.map((l, i) => (
                <tspan key={l} x={lx} dy={i === 0 ? 0 : 12}>
                  {l}
                </tspan>
              ))}
            </text>
          );
        })}
        {spokes.map(({ s, a }) => {
          const [x, y] = at(a, (R * (s.score ?? 0)) / 100);
          const [nx, ny] = at(a, R * 0.08);
          return s.score === null ? (
            <circle key={`p-${s.key}`} className="dot-none" cx={nx} cy={ny} r={3} />
          ) : (
            <circle
              key={`p-${s.key}`}
              className={`dot-${s.side}`}
              cx={x}
              cy={y}
              r={selected === s.key ? 5.5 : 4}
            />
          );
        })}
        {spokes.map(({ s, a }) => {
          const [x, y] = at(a, (R * (s.score ?? 0)) / 100);
          const [ex, ey] = at(a, R);
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG spoke that opens the signal's evidence; hover and focus show its numbers
            <g
              key={`h-${s.key}`}
              role="button"
              tabIndex={0}
              data-signal={s.key}
              className={tip.active === s.key ? 'hit on' : 'hit'}
              aria-label={`${s.label}: ${s.score === null ? 'nothing to measure' : `score ${s.score}, ${formatValue(s)}`}`}
              onMouseEnter={() => show(s, a)}
              onFocus={() => show(s, a)}
              onMouseLeave={tip.hide}
              onBlur={tip.hide}
              onClick={() => onSelect(s.key)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onSelect(s.key);
                }
              }}
            >
              <line x1={cx} y1={cy} x2={ex} y2={ey} stroke="transparent" strokeWidth={18} />
              <circle cx={x} cy={y} r={12} fill="transparent" />
            </g>
          );
        })}
      </svg>
      {tip.node}
    </figure>
  );
}
