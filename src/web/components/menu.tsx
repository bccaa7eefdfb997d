import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

/**
 * A button that opens a popover menu. Closes on Escape (focus returns to the button), on a click
 * outside, and after an item is chosen. Items are ordinary links/buttons, so Tab works inside.
 */
export function MenuButton({
  label,
  button,
  children,
  placement = 'below',
  className = 'menu-button',
  fit = 'trigger',
}: {
  /** Accessible name of the trigger when its content has no text (prefer visible or sr-only text). */
  label?: string;
  button: ReactNode;
  children: (close: () => void) => ReactNode;
  placement?: 'below' | 'above';
  className?: string;
  /**
   * `trigger`: as wide as the trigger (at least 220 px), for lists of commands. `content`: as wide
   * as what it holds (a form of filters), kept within the window.
   */
  fit?: 'trigger' | 'content';
}) {
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        trigger.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const style = placement === 'below' ? { top: '100%', marginTop: 4 } : { bottom: '100%', marginBottom: 4 };
  return (
    <div ref={wrap} style={{ position: 'relative' }}>
      <button
        ref={trigger}
        type="button"
        className={className}
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {button}
      </button>
      {open && (
        <div
          id={id}
          className={fit === 'content' ? 'popover popover-fit' : 'popover'}
          style={fit === 'content' ? { ...style, left: 0 } : { ...style, left: 0, right: 0 }}
        >
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
