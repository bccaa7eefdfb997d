import type { ReactNode } from 'react';
import { Dialog } from '#web/components/dialog.tsx';
import { Form, TextAreaField } from '#web/components/form.tsx';

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
  extra?: ReactNode;
}) {
  return (
    <Dialog
      title={title}
      onClose={onClose}
      describe="This sprint has started. The reason is recorded with your name and the time, and shown in the sprint view and its report."
    >
      <Form
        submitLabel="Record change"
        busyLabel="Recording…"
        validate={(v) => ((v.reason ?? '').trim() ? null : { reason: 'Say why the scope changes.' })}
        onSubmit={(v) => onSubmit((v.reason ?? '').trim())}
        onSuccess={onClose}
        actions={
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        }
      >
        <p>{what}</p>
        {extra}
        <TextAreaField
          name="reason"
          label="Reason"
          autoFocus
          placeholder="e.g. Production incident: duplicate emails to VIP members"
        />
      </Form>
    </Dialog>
  );
}
