import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ItemList } from '#contracts/items.ts';
import { useProduct } from '#web/app/product-context.tsx';
import { Dialog } from '#web/components/dialog.tsx';
import { Form, TextAreaField, TextField } from '#web/components/form.tsx';
import { api, apiPath, newIdempotencyKey } from '#web/lib/api.ts';
import { type RequestT, requestsApi } from './requests-api.ts';

interface TriageProps {
  request: RequestT;
  onClose: () => void;
  onDone: () => unknown;
}

/** Link the request to a backlog item, found by key or title. */
export function LinkItemDialog({ request, onClose, onDone }: TriageProps) {
  const product = useProduct();
  const [term, setTerm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const found = useQuery({
    queryKey: ['products', product.id, 'item-picker', term],
    queryFn: async () => {
      const qs = new URLSearchParams({ limit: '8', ...(term.trim() ? { q: term.trim() } : {}) });
      return (await api.get(`${apiPath('products', product.id, 'items')}?${qs}`, ItemList)).items;
    },
  });
  const link = async (itemId: string) => {
    setBusy(true);
    setError(null);
    try {
      await requestsApi.triage(request.id, { action: 'link', itemId });
      await onDone();
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Not linked. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Link to a backlog item" onClose={onClose} describe={`“${request.title}”`}>
      <div className="field">
        <label htmlFor="rq-pick">Find the item by key or title</label>
        <input
          id="rq-pick"
          className="input"
          type="search"
          value={term}
          placeholder={`${product.key}-12 or a word of its title`}
          onChange={(e) => setTerm(e.target.value)}
        />
      </div>
      {found.data?.length === 0 && <p className="muted">No item matches.</p>}
      <ul className="rq-picker" aria-label="Matching items">
        {found.data?.map((i) => (
          <li key={i.id}>
            <button type="button" className="btn rq-pick" disabled={busy} onClick={() => void link(i.id)}>
              <span className="mono">{i.key}</span> <span className="ellipsis">{i.title}</span>
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
    </Dialog>
  );
}

/** A new backlog item from the request: its problem is the requester's own words unless changed. */
export function CreateItemDialog({ request, onClose, onDone }: TriageProps) {
  // One key for this dialog: a retry after a lost answer does not create a second item.
  const [key] = useState(newIdempotencyKey);
  return (
    <Dialog
      title="Create a backlog item"
      onClose={onClose}
      describe="It goes to the bottom of the open work."
    >
      <Form
        submitLabel="Create item"
        busyLabel="Creating…"
        actions={
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        }
        validate={(v) => (v.title?.trim() ? null : { title: 'Give the item a title' })}
        onSubmit={(v) =>
          requestsApi.triage(
            request.id,
            {
              action: 'create',
              item: { title: v.title ?? '', problem: v.problem ?? '' },
            },
            { idempotencyKey: key },
          )
        }
        onSuccess={async () => {
          await onDone();
          onClose();
        }}
      >
        <TextField name="title" label="Title" defaultValue={request.title} maxLength={200} />
        <TextAreaField name="problem" label="Problem" defaultValue={request.problem} rows={5} />
      </Form>
    </Dialog>
  );
}

/** Decline, with the reason the requester will read. */
export function DeclineDialog({ request, onClose, onDone }: TriageProps) {
  return (
    <Dialog
      title="Decline this request"
      onClose={onClose}
      describe={`“${request.title}”: the requester reads your reason.`}
    >
      <Form
        submitLabel="Decline"
        busyLabel="Declining…"
        actions={
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        }
        validate={(v) =>
          v.reason?.trim() ? null : { reason: 'Say why it is declined: the requester reads it' }
        }
        onSubmit={(v) => requestsApi.triage(request.id, { action: 'decline', reason: v.reason ?? '' })}
        onSuccess={async () => {
          await onDone();
          onClose();
        }}
      >
        <TextAreaField name="reason" label="Reason" rows={4} autoFocus />
      </Form>
    </Dialog>
  );
}
