import { type ReactNode, type RefObject, useLayoutEffect, useRef, useState } from 'react';

export interface Tip {
  x: number;
  y: number;
  content: ReactNode;
  /** Which band is under the pointer or focus: its highlight is drawn from this state, not CSS :hover. */
  id?: string | number;
}

/** Hover/focus tooltip state for the hand-rolled SVG charts; positions are in % of the chart box. */
export function useTip() {
  const [tip, setTip] = useState<Tip | null>(null);
  const node = tip ? (
    <div
      className="chart-tip"
      role="status"
      style={{
        left: `${tip.x}%`,
        top: `${tip.y}%`,
        transform: tip.x > 60 ? 'translate(-105%, -50%)' : 'translate(8px, -50%)',
      }}
    >
      {tip.content}
    </div>
  ) : null;
  return { show: setTip, hide: () => setTip(null), node, active: tip?.id };
}

/**
 * The pixel width of the chart's box, so the SVG is drawn at its real size: text stays 11px and
 * lines stay crisp whether the chart fills the page or half of it.
 */
export function useWidth<T extends HTMLElement>(fallback = 640): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // The content box (clientWidth less the padding), so the SVG never pokes out on the right.
    const measure = () => {
      const cs = getComputedStyle(el);
      const pad = Number.parseFloat(cs.paddingLeft) + Number.parseFloat(cs.paddingRight);
      setWidth(Math.max(160, Math.floor(el.clientWidth - (Number.isFinite(pad) ? pad : 24))));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** Round-number ticks from 0 to at least `max`. */
export function ticks(max: number, count = 4): number[] {
  if (max <= 0) return [0];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 0.001; v += step) out.push(Math.round(v * 100) / 100);
  if ((out.at(-1) ?? 0) < max) out.push(Math.round((out.at(-1)! + step) * 100) / 100);
  return out;
}
