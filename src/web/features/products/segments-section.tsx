import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { Product } from '#contracts/products.ts';
import { Segment } from '#contracts/products.ts';
import { Form, TextField } from '#web/components/form.tsx';
import { ACTIONS, ListSection, ListTable, QueryList, RowError, useRowAction } from '#web/components/list.tsx';
import { EmptyState } from '#web/components/ui.tsx';
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
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: keys.segments(product.id) });
    void qc.invalidateQueries({ queryKey: keys.events(product.id) });
  };
  const { error: rowError, run } = useRowAction(refresh);
  const total = (segments.data ?? []).reduce((s, x) => s + (x.targetShare ?? 0), 0);

  async function saveShare(s: Segment, raw: string) {
    const share = parseShare(raw);
    if (share === s.targetShare) return;
    await run(
      () => api.patch(apiPath('products', product.id, 'segments', s.id), { targetShare: share }, Segment),
      `${s.name}: `,
    );
  }

  return (
    <ListSection
      id="segments-h"
      title="Customer segments"
      aside={
        total > 0 && (
          <span className={total > 100 ? 'badge badge-danger' : 'muted'}>Targets add up to {total}%</span>
        )
      }
      intro="Who the product serves. Items are tagged with segments, so you can see whether each group gets the share of effort you intend."
    >
      <RowError error={rowError} />
      <QueryList
        query={segments}
        empty={
          <EmptyState title="No segments yet">
            {canEdit
              ? 'Add the groups of customers this product serves, such as “Secretariat” or “VIP members”.'
              : 'The Product Owner has not named the customer groups yet.'}
          </EmptyState>
        }
      >
        {(rows) => (
          <ListTable
            labelledBy="segments-h"
            columns={[{ head: 'Segment' }, { head: 'Target share' }, canEdit && ACTIONS]}
            rows={rows}
            rowKey={(s) => s.id}
            row={(s) => (
              <>
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
                        void run(() => api.delete(apiPath('products', product.id, 'segments', s.id)));
                      }}
                    >
                      Delete
                    </button>
                  </td>
                )}
              </>
            )}
          />
        )}
      </QueryList>
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
    </ListSection>
  );
}
