import type { DebtLedger } from '#contracts/insight-scope.ts';
import { ticks, useTip, useWidth } from '#web/features/sprints/chart-tip.tsx';
import '#web/features/sprints/sprint-charts.css';

const ROW = 28;
const M = { l: 92, r: 16, t: 8, b: 26 };

/** Break-even per debt item as a range bar (weeks), cheapest payback on top; hover for the numbers. */
export function PaybackChart({ ledger }: { ledger: DebtLedger }) {
  const tip = useTip();
  const [box, W] = useWidth<HTMLElement>();
  const rows = ledger.items.filter((i) => i.breakEvenWeeks !== null);
  if (!rows.length) return null;
  const xt = ticks(Math.max(1, ...rows.map((r) => r.breakEvenWeeks!.max)) * 1.15, 5);
  const top = xt.at(-1)!;
  const H = M.t + rows.length * ROW + M.b;
  const x = (v: number) => M.l + (v / top) * (W - M.l - M.r);
  return (
    <figure ref={box} className="card chart" style={{ margin: 0 }} aria-label="Break-even per debt item">
      <div className="legend" aria-hidden="true">
        <span>
          <i style={{ background: 'var(--accent)' }} />
          Weeks until the fix pays for itself (low–high estimate)
        </span>
      </div>
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label="Break-even weeks"
        onMouseLeave={tip.hide}
      >
        {xt.map((v) => (
          <g key={v}>
            <line className="grid" x1={x(v)} x2={x(v)} y1={M.t} y2={H - M.b} />
            <text className="tick" x={x(v)} y={H - 8} textAnchor="middle">
              {v}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const be = r.breakEvenWeeks!;
          const y = M.t + i * ROW;
          const show = () =>
            tip.show({
              id: i,
              x: (x(be.max) / W) * 100,
              y: ((y + ROW + 18) / H) * 100,
              content: (
                <>
                  <strong>{r.key}</strong> {r.title}
                  <br />
                  {r.fixHours!.min}–{r.fixHours!.max} h to fix ÷ {r.weeklyHours} h/week = {be.min}–{be.max}{' '}
                  weeks
                </>
              ),
            });
          return (
            <g key={r.itemId}>
              <text className="tick" x={M.l - 8} y={y + ROW / 2 + 4} textAnchor="end">
                {r.key}
              </text>
              <rect
                x={x(be.min)}
                y={y + 7}
                width={Math.max(3, x(be.max) - x(be.min))}
                height={ROW - 14}
                rx={3}
                fill="var(--accent)"
              />
              {/* biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG region named for screen readers; hover and focus show the numbers */}
              <rect
                className={tip.active === i ? 'hit on' : 'hit'}
                role="img"
                x={M.l}
                y={y}
                width={W - M.l - M.r}
                height={ROW}
                tabIndex={0}
                aria-label={`${r.key}: break-even in ${be.min} to ${be.max} weeks`}
                onMouseEnter={show}
                onFocus={show}
                onMouseLeave={tip.hide}
                onBlur={tip.hide}
              />
            </g>
          );
        })}
      </svg>
      {tip.node}
    </figure>
  );
}
