import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A modal dialog on the shell's overlay: labelled, Escape and the scrim close it, focus moves in
 * on open and back to where it was on close, Tab stays inside.
 */
export function Dialog({
  title,
  onClose,
  children,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const returnTo = document.activeElement;
    const first = box.current?.querySelector<HTMLElement>('[autofocus], input, select, textarea, button');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onCloseRef.current();
      } else if (e.key === 'Tab' && box.current) {
        const f = box.current.querySelectorAll<HTMLElement>('input, select, textarea, button, a[href]');
        const a = f[0];
        const z = f[f.length - 1];
        if (e.shiftKey && document.activeElement === a) {
          e.preventDefault();
          z?.focus();
        } else if (!e.shiftKey && document.activeElement === z) {
          e.preventDefault();
          a?.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (returnTo instanceof HTMLElement) returnTo.focus();
    };
  }, []);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the scrim closes on click; Escape does the same from the keyboard
    <div
      className="overlay"
      role="presentation"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
    >
      <div
        ref={box}
        className={`b-dialog${wide ? ' b-dialog-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="b-dialog-title"
      >
        <header className="b-dialog-head">
          <h2 id="b-dialog-title">{title}</h2>
          <button type="button" className="btn btn-ghost btn-sm" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="b-dialog-body">{children}</div>
      </div>
    </div>
  );
}
