import {
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';

const FOCUSABLE = 'input:not([type="hidden"]), select, textarea, button, a[href], [tabindex="0"]';
const FIELDS = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

const enabled = (el: HTMLElement) => !el.hasAttribute('disabled') && el.getClientRects().length > 0;

/**
 * The one modal of the app, on the native <dialog> opened with showModal(): the page behind is
 * inert, Tab stays inside, Escape and a click on the backdrop close it, and focus returns to the
 * opener. It opens on `[data-autofocus]`, else on its first field, else on its first button
 * (React's autoFocus cannot reach into a dialog that is not open yet). `aria-modal` is set so the
 * page's own shortcuts (which check for it) stay quiet while it is open.
 */
export function Modal({
  onClose,
  children,
  className,
  label,
  labelledBy,
  describedBy,
}: {
  onClose: () => void;
  children: ReactNode;
  className: string;
  /** The accessible name, when no visible heading names the dialog (else `labelledBy`). */
  label?: string;
  labelledBy?: string;
  describedBy?: string | undefined;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const returnTo = document.activeElement;
    let gone = false;
    // A second Escape without a click in between may close the dialog without a cancel event.
    const onNativeClose = () => {
      if (!gone) onCloseRef.current();
    };
    d.addEventListener('close', onNativeClose);
    if (!d.open) d.showModal();
    const first =
      d.querySelector<HTMLElement>('[data-autofocus]') ??
      d.querySelector<HTMLElement>(FIELDS) ??
      [...d.querySelectorAll<HTMLElement>('button')].find(enabled);
    first?.focus();
    return () => {
      gone = true;
      d.removeEventListener('close', onNativeClose);
      d.close();
      if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab' || !ref.current) return;
    // The browser would let Tab leave for its own toolbar; keep it going round the dialog.
    const f = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(enabled);
    const a = f[0];
    const z = f[f.length - 1];
    if (e.shiftKey && document.activeElement === a) {
      e.preventDefault();
      z?.focus();
    } else if (!e.shiftKey && document.activeElement === z) {
      e.preventDefault();
      a?.focus();
    }
  };
  // A click on the backdrop lands on the <dialog> itself, outside its box.
  const onMouseDown = (e: MouseEvent<HTMLDialogElement>) => {
    if (e.target !== e.currentTarget) return;
    const r = e.currentTarget.getBoundingClientRect();
    const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
    if (!inside) onClose();
  };

  return (
    <dialog
      ref={ref}
      className={className}
      aria-modal="true"
      aria-label={label}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
      onMouseDown={onMouseDown}
    >
      {children}
    </dialog>
  );
}

/** A titled dialog: heading, close button, an optional line read out on open, then the body. */
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
  const id = useId();
  return (
    <Modal
      onClose={onClose}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      labelledBy={`${id}-t`}
      describedBy={describe ? `${id}-d` : undefined}
    >
      <header className="dialog-head">
        <h2 id={`${id}-t`}>{title}</h2>
        <button type="button" className="btn btn-ghost btn-sm" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {describe && (
        <p className="muted dialog-desc" id={`${id}-d`}>
          {describe}
        </p>
      )}
      <div className="dialog-body">{children}</div>
    </Modal>
  );
}

/**
 * What an action dialog's main button runs: the call (which may throw a message of its own, e.g.
 * "Pick at least one item"), its error kept to show, `done` with the result after success.
 */
export function useDialogAction<T>(
  run: () => Promise<T>,
  done: (result: T) => void,
  fallback = 'Not saved. Try again.',
) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      done(await run());
    } catch (err) {
      setError(err instanceof Error ? err.message : fallback);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, go };
}

/** The foot of an action dialog: the action's error, its buttons, and the way out last. */
export function DialogFoot({
  error,
  onCancel,
  cancel = 'Cancel',
  children,
}: {
  error: string | null;
  onCancel: () => void;
  cancel?: string;
  children: ReactNode;
}) {
  return (
    <>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div className="form-row">
        {children}
        <button type="button" className="btn" onClick={onCancel}>
          {cancel}
        </button>
      </div>
    </>
  );
}

/** The common foot: one main action (its label while it runs, if given), then the way out. */
export function ActionFoot({
  action,
  label,
  busyLabel = label,
  disabled = false,
  onCancel,
  cancel,
}: {
  action: { error: string | null; busy: boolean; go: () => Promise<void> };
  label: string;
  busyLabel?: string;
  disabled?: boolean;
  onCancel: () => void;
  cancel?: string;
}) {
  return (
    <DialogFoot error={action.error} onCancel={onCancel} {...(cancel ? { cancel } : {})}>
      <button
        type="button"
        className="btn btn-primary"
        disabled={action.busy || disabled}
        onClick={() => void action.go()}
      >
        {action.busy ? busyLabel : label}
      </button>
    </DialogFoot>
  );
}
