import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Product } from '#contracts/products.ts';
import { Segment } from '#contracts/products.ts';
import { Form, TextField } from '#web/components/form.tsx';
import { EmptyState, ErrorState, Loading } from '#web/components/ui.tsx';
import { api, apiPath, newIdempotencyKey } from '#web/lib/api.ts';
import { keys, useSegments } from '#web/lib/queries.ts';

/**
 * "" → null (no target), "30" or "30%" → 30. Anything else is sent as typed, so the server's
 * validation names the field instead of the value silently becoming "no target".
 */
export function parseShare(raw: string | undefined): number | null | string {
  const t = (raw ?? '').trim().replace('%', '').replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** Customer segments (e.g. "Secretariat", "VIP members") with the share of effort each should get. */
export function SegmentsSection({ product, canEdit }: { product: Product; canEdit: boolean }) {
  const qc = useQueryClient();
  const segments = useSegments(product.id);
  const idem = useRef(newIdempotencyKey());
  const [rowError, setRowError] = useState<string | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: keys.segments(product.id) });
    void qc.invalidateQueries({ queryKey: keys.events(product.id) });
  };
  const total = (segments.data ?? []).reduce((s, x) => s + (x.targetShare ?? 0), 0);

  async function saveShare(s: Segment, raw: string) {
    const share = parseShare(raw);
    if (share === s.targetShare) return;
    setRowError(null);
    try {
      await api.patch(apiPath('products', product.id, 'segments', s.id), { targetShare: share }, Segment);
    } catch (err) {
      setRowError(`${s.name}: ${err instanceof Error ? err.message : 'not saved'}`);
    }
    refresh();
  }

  return (
    <section className="section" aria-labelledby="segments-h">
      <div className="section-head">
        <h2 id="segments-h">Customer segments</h2>
        {total > 0 && (
          <span className={total > 100 ? 'badge badge-danger' : 'muted'}>Targets add up to {total}%</span>
        )}
      </div>
      <p className="muted">
        Who the product serves. Items are tagged with segments, so you can see whether each group gets the
        share of effort you intend.
      </p>
      {segments.isPending && <Loading />}
      {segments.isError && <ErrorState error={segments.error} />}
      {rowError && (
        <div className="alert alert-error" role="alert">
          {rowError}
        </div>
      )}
      {segments.data?.length === 0 && (
        <EmptyState title="No segments yet">
          {canEdit
            ? 'Add the groups of customers this product serves, such as “Secretariat” or “VIP members”.'
            : 'The Product Owner has not named the customer groups yet.'}
        </EmptyState>
      )}
      {segments.data && segments.data.length > 0 && (
        <div className="card">
          <table className="list" aria-labelledby="segments-h">
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col">Target share</th>
                {canEdit && (
                  <th scope="col" className="actions">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {segments.data.map((s) => (
                <tr key={s.id}>
                  <td>
                    {s.name}
                    {s.description && (
                      <small className="muted" style={{ display: 'block' }}>
                        {s.description}
                      </small>
                    )}
                  </td>
                  <td>
                    {canEdit ? (
                      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
                        <input
                          className="input"
                          style={{ width: 72, textAlign: 'right' }}
                          inputMode="decimal"
                          aria-label={`Target share of ${s.name}, percent`}
                          defaultValue={s.targetShare ?? ''}
                          placeholder="—"
                          onBlur={(e) => void saveShare(s, e.target.value)}
                        />
                        <span className="muted">%</span>
                      </span>
                    ) : s.targetShare === null ? (
                      <span className="muted">No target</span>
                    ) : (
                      `${s.targetShare}%`
                    )}
                  </td>
                  {canEdit && (
                    <td className="actions">
                      <button
                        type="button"
                        className="btn btn-sm btn-ghost btn-danger"
                        aria-label={`Delete segment ${s.name}`}
                        onClick={() => {
                          if (!window.confirm(`Delete the segment ${s.name}?`)) return;
                          api
                            .delete(apiPath('products', product.id, 'segments', s.id))
                            .catch((err: Error) => setRowError(err.message))
                            .finally(refresh);
                        }}
                      >
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && (
        <Form
          aria-label="Add a segment"
          className="form-row"
          submitLabel="Add segment"
          busyLabel="Adding…"
          reset
          onSubmit={async (v) => {
            const created = await api.post(
              apiPath('products', product.id, 'segments'),
              { name: v.name, description: v.description ?? '', targetShare: parseShare(v.targetShare) },
              Segment,
              { idempotencyKey: idem.current },
            );
            idem.current = newIdempotencyKey();
            return created;
          }}
          onSuccess={refresh}
        >
          <TextField name="name" label="Segment name" placeholder="VIP members" />
          <TextField name="targetShare" label="Target share (%)" inputMode="decimal" placeholder="e.g. 30" />
          <TextField name="description" label="Description" placeholder="Optional" />
        </Form>
      )}
    </section>
  );
}
