import { useEffect, useRef } from 'react';

/**
 * Single-key shortcuts of the backlog (Linear-style): C create, / search, J/K next/previous,
 * Esc close the panel. Ignored while typing or while a dialog is open; Enter on a focused row
 * opens it (the row handles that itself).
 */
export interface ShortcutHandlers {
  create?: (() => void) | undefined;
  search: () => void;
  next: () => void;
  previous: () => void;
  escape: () => void;
}

export const isTyping = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

export function useBacklogShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const h = ref.current;
      if (e.key === 'Escape') {
        if (isTyping(e.target) && e.target instanceof HTMLElement) e.target.blur();
        else h.escape();
        return;
      }
      if (isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'c' && h.create) h.create();
      else if (e.key === '/') h.search();
      else if (key === 'j') h.next();
      else if (key === 'k') h.previous();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
