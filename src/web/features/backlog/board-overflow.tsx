import { type RefObject, useCallback, useLayoutEffect, useState } from 'react';

/** The status columns lying (mostly) beyond each side of the board's visible area. */
export interface BoardOverflow {
  left: string[];
  right: string[];
}

const same = (a: BoardOverflow, b: BoardOverflow) =>
  a.left.join() === b.left.join() && a.right.join() === b.right.join();

/**
 * Watches the board's horizontal scroll area. When the columns do not all fit (a narrow window,
 * the item panel open, a phone), the board says how many are out of view on each side and
 * offers to scroll there, so a cut-off column never passes for the last one.
 */
export function useBoardOverflow(ref: RefObject<HTMLElement | null>) {
  const [hidden, setHidden] = useState<BoardOverflow>({ left: [], right: [] });

  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const box = el.getBoundingClientRect();
    const next: BoardOverflow = { left: [], right: [] };
    for (const col of el.querySelectorAll<HTMLElement>(':scope > .b-column')) {
      const r = col.getBoundingClientRect();
      const name = col.getAttribute('aria-label') ?? '';
      // Out of view: a fifth of the column or more is cut off.
      if (r.left < box.left - r.width / 5) next.left.push(name);
      else if (r.right > box.right + r.width / 5) next.right.push(name);
    }
    setHidden((prev) => (same(prev, next) ? prev : next));
  }, [ref]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, [ref, measure]);

  const scroll = useCallback(
    (direction: -1 | 1) => {
      const el = ref.current;
      if (!el) return;
      const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      // Most of a screen at a time, keeping a sliver of what was in view for orientation.
      el.scrollBy({
        left: direction * Math.max(160, el.clientWidth - 96),
        behavior: reduce ? 'auto' : 'smooth',
      });
    },
    [ref],
  );
  return { hidden, scroll };
}

/**
 * "‹ 1 more" and "2 more ›" at the right of the board's title bar, each only when there is more
 * that way; its full name says which columns ("2 more columns to the right: Accepted, Rejected").
 */
export function BoardMore({ hidden, scroll }: ReturnType<typeof useBoardOverflow>) {
  if (hidden.left.length === 0 && hidden.right.length === 0) return null;
  const button = (side: 'left' | 'right', names: readonly string[]) =>
    names.length > 0 && (
      <button
        type="button"
        className="btn btn-sm b-board-more"
        data-side={side}
        title={names.join(', ')}
        onClick={() => scroll(side === 'left' ? -1 : 1)}
      >
        {side === 'left' && <span aria-hidden="true">‹</span>}
        {names.length} more
        <span className="sr-only">
          {' '}
          {names.length === 1 ? 'column' : 'columns'} to the {side}: {names.join(', ')}
        </span>
        {side === 'right' && <span aria-hidden="true">›</span>}
      </button>
    );
  return (
    <div className="b-board-nav">
      {button('left', hidden.left)}
      {button('right', hidden.right)}
    </div>
  );
}
