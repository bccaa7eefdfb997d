import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { DefinitionOfDone } from '#contracts/sprints.ts';
import { api, apiPath } from '#web/lib/api.ts';
import { sprintKeys, useDefinitionOfDone } from './sprints-api.ts';

/**
 * The product's Definition of Done, which the team ticks when it moves work to done. The PO and
 * the team agree on it; either may edit it here (one entry per line).
 */
export function DefinitionOfDoneSection({ productId, canEdit }: { productId: string; canEdit: boolean }) {
  const dod = useDefinitionOfDone(productId);
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  async function save() {
    setError(null);
    try {
      const checklist = draft
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      const saved = await api.put(
        apiPath('products', productId, 'definition-of-done'),
        { checklist },
        DefinitionOfDone,
      );
      qc.setQueryData(sprintKeys.dod(productId), saved);
      void qc.invalidateQueries({ queryKey: sprintKeys.all(productId) });
      setEditing(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Not saved. Try again.');
    }
  }

  return (
    <section className="section" aria-labelledby={`${id}-h`}>
      <div className="section-head">
        <h2 id={`${id}-h`}>Definition of Done</h2>
        {canEdit && !editing && dod.data && (
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => {
              setDraft(dod.data.checklist.join('\n'));
              setEditing(true);
            }}
          >
            Edit
          </button>
        )}
      </div>
      {dod.isError && <p className="field-error">{dod.error.message}</p>}
      {editing ? (
        <div className="stack">
          <div className="field">
            <label htmlFor={`${id}-t`}>One entry per line</label>
            <textarea
              id={`${id}-t`}
              className="input"
              rows={6}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
          </div>
          {error && (
            <div className="alert alert-error" role="alert">
              {error}
            </div>
          )}
          <div className="row">
            <button type="button" className="btn btn-primary" onClick={() => void save()}>
              Save
            </button>
            <button type="button" className="btn" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <ul
          className="card"
          style={{ margin: 0, padding: 'var(--space-3) var(--space-3) var(--space-3) 32px' }}
        >
          {(dod.data?.checklist ?? []).map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
