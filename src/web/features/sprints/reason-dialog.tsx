import { useId, useState } from 'react';
import { Dialog } from '#web/components/dialog.tsx';

/**
 * Asks why the scope of a started sprint changes (seed 003: "sprint is closed to change"). The
 * reason is required, recorded with the author and time, and shown in the sprint and its report.
 */
export function ReasonDialog({
  title,
  what,
  onSubmit,
  onClose,
  extra,
}: {
  title: string;
  /** e.g. "Add VIP-12 Export CSV (5 points) to Sprint 14". */
  what: string;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
  extra?: React.ReactNode;
}) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      title={title}
      onClose={onClose}
      describe="This sprint has started. The reason is recorded with your name and the time, and shown in the sprint view and its report."
    >
      <form
        className="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const reason = String(data.get('reason') ?? '').trim();
          if (!reason) {
            setError('Say why the scope changes.');
            return;
          }
          setBusy(true);
          setError(null);
          try {
            await onSubmit(reason);
            onClose();
          } catch (err) {
            setError(err instanceof Error ? err.message : 'Not saved. Try again.');
          } finally {
            setBusy(false);
          }
        }}
      >
        <p>{what}</p>
        {extra}
        <div className="field">
          <label htmlFor={id}>Reason</label>
          <textarea
            className="input"
            id={id}
            name="reason"
            data-autofocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-err` : undefined}
            placeholder="e.g. Production incident: duplicate emails to VIP members"
          />
          {error && (
            <span className="field-error" id={`${id}-err`} role="alert">
              {error}
            </span>
          )}
        </div>
        <div className="form-row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Recording…' : 'Record change'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
