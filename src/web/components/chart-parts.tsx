import type { CSSProperties, ReactNode } from 'react';

/** One key of a chart legend: a swatch (a colour, or a class such as `swatch-bar`) and its words. */
export interface LegendEntry {
  label: ReactNode;
  color?: string;
  swatchClass?: string;
}

/** The legend above a hand-drawn SVG chart; hidden from screen readers (the SVG names its series). */
export function Legend({ entries }: { entries: LegendEntry[] }) {
  return (
    <div className="legend" aria-hidden="true">
      {entries.map((e, i) => {
        const style: CSSProperties | undefined = e.color ? { background: e.color } : undefined;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a legend's entries are fixed per chart
          <span key={i}>
            <i className={e.swatchClass} style={style} />
            {e.label}
          </span>
        );
      })}
    </div>
  );
}

/** Horizontal grid lines with their labels at the left edge, one per tick value. */
export function YGrid({
  ticks,
  y,
  left,
  right,
  format,
}: {
  ticks: readonly number[];
  /** Value → SVG y. */
  y: (v: number) => number;
  /** x of the plot's left edge (labels sit just left of it) and of its right edge. */
  left: number;
  right: number;
  format: (v: number) => string;
}) {
  return (
    <>
      {ticks.map((v) => (
        <g key={v}>
          <line className="grid" x1={left} x2={right} y1={y(v)} y2={y(v)} />
          <text className="tick" x={left - 6} y={y(v) + 4} textAnchor="end">
            {format(v)}
          </text>
        </g>
      ))}
    </>
  );
}
