import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Item } from '#contracts/items.ts';
import { ActionFoot, Dialog, DialogFoot, useDialogAction } from '#web/components/dialog.tsx';
import { api, apiPath } from '#web/lib/api.ts';
import { pts } from './format.ts';
import type { SprintItemT } from './sprints-api.ts';

/** Moving to done asks the team to tick every entry of the product's Definition of Done. */
export function DoneDialog({
  item,
  checklist,
  onDone,
  onClose,
}: {
  item: SprintItemT;
  checklist: string[];
  onDone: (checked: string[]) => Promise<unknown>;
  onClose: () => void;
}) {
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const action = useDialogAction(() => onDone([...checked]), onClose);
  const all = checklist.every((c) => checked.has(c));
  return (
    <Dialog
      title={`Is ${item.key} done?`}
      onClose={onClose}
      describe="Tick what is true. Done means every entry of the Definition of Done."
    >
      <p>{item.title}</p>
      <ul className="checklist" aria-label="Definition of Done">
        {checklist.map((c) => (
          <li key={c}>
            <label>
              <input
                type="checkbox"
                checked={checked.has(c)}
                onChange={(e) => {
                  const next = new Set(checked);
                  if (e.target.checked) next.add(c);
                  else next.delete(c);
                  setChecked(next);
                }}
              />
              <span>{c}</span>
            </label>
          </li>
        ))}
      </ul>
      {!all && <p className="muted">{checklist.length - checked.size} left to tick.</p>}
      <ActionFoot action={action} label="Mark done" disabled={!all} onCancel={onClose} cancel="Not yet" />
    </Dialog>
  );
}

/** The Product Owner accepts or rejects done work against its acceptance criteria, with a comment. */
export function ReviewDialog({
  item,
  onAccept,
  onReject,
  onClose,
}: {
  item: SprintItemT;
  onAccept: (comment: string) => Promise<unknown>;
  onReject: (comment: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const full = useQuery({
    queryKey: ['items', item.itemId],
    queryFn: () => api.get(apiPath('items', item.itemId), Item),
  });
  const [comment, setComment] = useState('');
  const id = useId();
  const accept = useDialogAction(() => onAccept(comment.trim()), onClose);
  const reject = useDialogAction(async () => {
    if (!comment.trim()) throw new Error('Say what is missing: the team needs it to finish the item.');
    await onReject(comment.trim());
  }, onClose);
  const error = accept.error ?? reject.error;
  const criteria = full.data?.acceptanceCriteria ?? [];
  return (
    <Dialog
      title={`Review ${item.key}`}
      onClose={onClose}
      wide
      describe="Accept when every acceptance criterion holds; otherwise reject and say what is missing."
    >
      <p>
        <strong>{item.title}</strong> · {pts(item.size)} points
      </p>
      <section className="stack" aria-label="Acceptance criteria">
        <h3>Acceptance criteria</h3>
        {full.isPending && <span className="muted">Loading…</span>}
        {full.data && criteria.length === 0 && (
          <span className="muted">This item has no acceptance criteria.</span>
        )}
        {criteria.length > 0 && (
          <ol style={{ margin: 0, paddingLeft: 20 }} className="stack">
            {criteria.map((c, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: criteria have no id; order is their identity
              <li key={n}>
                <strong>Given</strong> {c.given} <strong>when</strong> {c.when} <strong>then</strong> {c.then}
              </li>
            ))}
          </ol>
        )}
      </section>
      <div className="field">
        <label htmlFor={id}>Comment</label>
        <textarea
          id={id}
          className="input"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder="What you checked, or what is missing"
          aria-invalid={reject.error ? true : undefined}
        />
      </div>
      <DialogFoot error={error} onCancel={onClose}>
        <button
          type="button"
          className="btn btn-primary"
          disabled={accept.busy}
          onClick={() => void accept.go()}
        >
          Accept
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={reject.busy}
          onClick={() => void reject.go()}
        >
          Reject
        </button>
      </DialogFoot>
    </Dialog>
  );
}

/** The team re-sizes an item; once the sprint runs this is a scope change with a reason. */
export function ResizeDialog({
  item,
  active,
  onResize,
  onClose,
}: {
  item: SprintItemT;
  active: boolean;
  onResize: (size: number, reason?: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [size, setSize] = useState(item.size === null ? '' : String(item.size));
  const [reason, setReason] = useState('');
  const sid = useId();
  const rid = useId();
  const action = useDialogAction(async () => {
    const n = Number(size.replace(',', '.'));
    if (size.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error('Enter the size in points.');
    if (active && !reason.trim()) throw new Error('Say why the size changes; it is recorded.');
    await onResize(n, active ? reason.trim() : undefined);
  }, onClose);
  return (
    <Dialog
      title={`Re-size ${item.key}`}
      onClose={onClose}
      describe={
        active
          ? 'The sprint has started: the new size and your reason are recorded as a scope change.'
          : undefined
      }
    >
      <div className="field">
        <label htmlFor={sid}>Size (points)</label>
        <input
          id={sid}
          className="input"
          inputMode="decimal"
          value={size}
          onChange={(e) => setSize(e.target.value)}
        />
      </div>
      {active && (
        <div className="field">
          <label htmlFor={rid}>Reason</label>
          <textarea id={rid} className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      )}
      <ActionFoot action={action} label="Save size" onCancel={onClose} />
    </Dialog>
  );
}
