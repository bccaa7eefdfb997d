import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { RequestStatus } from '#contracts/requests.ts';
import { useProduct } from '#web/app/product-context.tsx';
import { Form, TextAreaField, TextField } from '#web/components/form.tsx';
import { newIdempotencyKey } from '#web/lib/api.ts';
import { type RequestT, requestKeys, requestsApi, STATUS_TEXT } from './requests-api.ts';

/** A request's status in words, coloured by what it means for the requester. */
export function StatusChip({ status, team = false }: { status: RequestStatus; team?: boolean }) {
  // The requester waits for the PO; for the PO and the team it is simply open (to triage).
  const text = team && status === 'open' ? 'Open' : STATUS_TEXT[status];
  return <span className={`pt-chip pt-chip-${status}`}>{text}</span>;
}

/**
 * "Ask for something": a title and what is hard, and why. Inputs are uncontrolled, so nothing
 * typed is lost when the server says no; each bad field gets its message beside it.
 */
export function AskForm({ onAsked }: { onAsked?: (r: RequestT) => void }) {
  const product = useProduct();
  const qc = useQueryClient();
  // One key per intent: a retried submit after a network error does not ask twice.
  const key = useRef(newIdempotencyKey());
  return (
    <Form
      className="form pt-ask"
      aria-label="Ask for something"
      submitLabel="Send my request"
      busyLabel="Sending…"
      reset
      validate={(v) => {
        const f: Record<string, string> = {};
        if (!v.title?.trim()) f.title = 'Give your request a title';
        if (!v.problem?.trim()) f.problem = 'Say what is hard for you, and why';
        return f;
      }}
      onSubmit={(v) =>
        requestsApi.create(
          product.id,
          { title: v.title ?? '', problem: v.problem ?? '' },
          {
            idempotencyKey: key.current,
          },
        )
      }
      onSuccess={(r) => {
        key.current = newIdempotencyKey();
        void qc.invalidateQueries({ queryKey: requestKeys.all(product.id) });
        onAsked?.(r);
      }}
    >
      <TextField name="title" label="What do you need?" maxLength={200} autoComplete="off" />
      <TextAreaField
        name="problem"
        label="What is hard for you, and why?"
        rows={4}
        hint="Describe the problem, not the solution: the team finds the best way to solve it."
      />
    </Form>
  );
}

/** "+1": once per person; after that the button says so. */
export function SupportButton({ request }: { request: RequestT }) {
  const product = useProduct();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = request.mine ? 'You asked' : request.supportedByMe ? 'You +1ed' : '+1 me too';
  const support = async () => {
    setBusy(true);
    setError(null);
    try {
      await requestsApi.support(request.id);
      await qc.invalidateQueries({ queryKey: requestKeys.all(product.id) });
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Not saved. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="pt-plus-wrap">
      <button
        type="button"
        className={`btn pt-plus${request.supportedByMe ? '' : ' btn-primary'}`}
        disabled={request.supportedByMe || busy}
        onClick={() => void support()}
      >
        {label} · {request.supporters}
        <span className="sr-only"> asked for “{request.title}”</span>
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
