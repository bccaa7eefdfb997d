import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A modal on the native <dialog>: the browser traps focus, closes on Escape and restores focus to
 * the opener, so every sprint and poker dialog behaves the same for keyboard and screen readers.
 */
export function Dialog({
  title,
  onClose,
  children,
  wide = false,
  describe,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  /** A short line under the title, read out when the dialog opens. */
  describe?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dlg dlg-wide' : 'dlg'}
      aria-labelledby={`${id}-t`}
      aria-describedby={describe ? `${id}-d` : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dlg-head">
        <h2 id={`${id}-t`}>{title}</h2>
        <button type="button" className="btn btn-ghost btn-sm" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </div>
      {describe && (
        <p className="muted dlg-desc" id={`${id}-d`}>
          {describe}
        </p>
      )}
      <div className="dlg-body">{children}</div>
    </dialog>
  );
}
