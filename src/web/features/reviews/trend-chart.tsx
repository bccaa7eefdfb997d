import { useState } from 'react';
import type { FeedbackTrend } from '#contracts/reviews.ts';
import { Legend, YGrid } from '#web/components/chart-parts.tsx';
import { useTip, useWidth } from '#web/features/sprints/chart-tip.tsx';
import '#web/features/sprints/sprint-charts.css';

const H = 220;
const M = { l: 36, r: 12, t: 12, b: 28 };
const MOODS = ['happy', 'neutral', 'sad'] as const;
const pc = (v: number) => `${Math.round(v * 100)}%`;

/**
 * Feedback per sprint: one 100% bar per review (happy / neutral / sad share), for all answers or
 * one segment; hover or focus a bar for its numbers.
 */
export function TrendChart({ trend }: { trend: FeedbackTrend }) {
  const tip = useTip();
  const [box, W] = useWidth<HTMLElement>();
  const [segment, setSegment] = useState<string>('');
  const rows = trend.sprints.map((s) => ({
    s,
    v: segment ? s.bySegment.find((b) => b.segmentId === segment) : s.overall,
  }));
  if (rows.length === 0) return <p className="muted">No reviews with customers yet.</p>;
  const segName = segment ? (trend.segments.find((x) => x.segmentId === segment)?.name ?? '') : 'All answers';
  const n = rows.length;
  const band = (W - M.l - M.r) / n;
  const bw = Math.min(56, band * 0.6);
  const y = (v: number) => H - M.b - v * (H - M.t - M.b);
  const show = (i: number) => {
    const { s, v } = rows[i]!;
    tip.show({
      id: i,
      x: ((M.l + band * (i + 0.5)) / W) * 100,
      y: 40,
      content: v ? (
        <>
          <strong>{s.sprintName}</strong> · {segName}
          <br />
          Happy {pc(v.happyShare)} · neutral {pc(v.neutralShare)} · sad {pc(v.sadShare)}
          <br />
          {v.responses} answers · value {v.ratingAvg === null ? '–' : v.ratingAvg.toFixed(1)} / 5
        </>
      ) : (
        <>
          <strong>{s.sprintName}</strong>: no answers from {segName}
        </>
      ),
    });
  };
  return (
    <figure ref={box} className="card chart" style={{ margin: 0 }} aria-label={`Feedback trend: ${segName}`}>
      <div className="form-row" style={{ justifyContent: 'space-between' }}>
        <Legend
          entries={[
            { label: 'Happy', color: 'var(--success)' },
            { label: 'Neutral', color: 'var(--text-faint)' },
            { label: 'Sad', color: 'var(--danger)' },
          ]}
        />
        <label className="muted">
          Segment{' '}
          <select className="select" value={segment} onChange={(e) => setSegment(e.target.value)}>
            <option value="">All answers</option>
            {trend.segments.map((s) => (
              <option key={s.segmentId} value={s.segmentId}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Mood shares per sprint, ${segName}`}
        onMouseLeave={tip.hide}
      >
        <YGrid ticks={[0, 0.5, 1]} y={y} left={M.l} right={W - M.r} format={pc} />
        {rows.map(({ s, v }, i) => {
          const cx = M.l + band * (i + 0.5);
          let acc = 0;
          return (
            <g key={s.reviewId}>
              {v &&
                v.responses > 0 &&
                MOODS.map((m) => {
                  const share = v[`${m}Share`];
                  const top = acc + share;
                  const rect = (
                    <rect
                      key={m}
                      className={`trend-${m}`}
                      x={cx - bw / 2}
                      width={bw}
                      y={y(top)}
                      height={Math.max(0, y(acc) - y(top))}
                    />
                  );
                  acc = top;
                  return rect;
                })}
              <text className="tick" x={cx} y={H - 8} textAnchor="middle">
                {s.sprintName}
              </text>
              {/* biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG region named for screen readers; hover and focus show the numbers */}
              <rect
                className={tip.active === i ? 'hit on' : 'hit'}
                role="img"
                tabIndex={0}
                x={cx - band / 2}
                width={band}
                y={M.t}
                height={H - M.t - M.b}
                aria-label={
                  v
                    ? `${s.sprintName}, ${segName}: ${pc(v.happyShare)} happy, ${pc(v.neutralShare)} neutral, ${pc(v.sadShare)} sad, ${v.responses} answers`
                    : `${s.sprintName}: no answers from ${segName}`
                }
                onMouseEnter={() => show(i)}
                onFocus={() => show(i)}
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
