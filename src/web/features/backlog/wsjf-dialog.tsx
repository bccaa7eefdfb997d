import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { ApplyWsjfResult, WsjfOrder } from '#contracts/backlog-order.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { Dialog } from '#web/components/dialog.tsx';
import { isApiError } from '#web/lib/api.ts';
import { applyWsjfOrder, backlogKeys, fetchWsjfOrder, restoreOrder } from './items-api.ts';
import { formatWsjf } from './labels.ts';

/**
 * "Suggest order": the WSJF order beside the current one, the moves it implies, applied as one
 * change. Items that need an estimate sink to the end (their WSJF is unknown).
 */
export function WsjfDialog({ onClose }: { onClose: () => void }) {
  const product = useProduct();
  const qc = useQueryClient();
  // Everyone on the team may look at the suggestion; ordering the backlog is the PO's.
  const canApply = useCan(ROLES.owner);
  const q = useQuery({
    queryKey: backlogKeys.wsjf(product.id),
    queryFn: () => fetchWsjfOrder(product.id),
    staleTime: 0,
  });
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** What the last apply changed, so Undo can put it back in one step (null once undone). */
  const [applied, setApplied] = useState<ApplyWsjfResult['changes'] | null>(null);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: backlogKeys.all(product.id) });
    await qc.invalidateQueries({ queryKey: backlogKeys.wsjf(product.id) });
  };
  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await applyWsjfOrder(product.id);
      setResult(`Applied: ${r.moved} item${r.moved === 1 ? '' : 's'} moved.`);
      setApplied(r.changes.length ? r.changes : null);
      await refresh();
    } catch (err) {
      setError(isApiError(err) ? err.message : 'The order could not be applied.');
    } finally {
      setBusy(false);
    }
  };
  const undo = async () => {
    if (!applied) return;
    setBusy(true);
    setError(null);
    try {
      const r = await restoreOrder(product.id, applied);
      setApplied(null);
      setResult(`Undone: ${r.restored} item${r.restored === 1 ? '' : 's'} back where they were.`);
      await refresh();
    } catch (err) {
      setError(isApiError(err) ? err.message : 'The order could not be undone.');
    } finally {
      setBusy(false);
    }
  };
  const d = q.data;
  const moved = new Set(d?.moves.map((m) => m.id));
  return (
    <Dialog title="Suggest order by WSJF" onClose={onClose} wide>
      <p className="muted">
        WSJF = cost of delay (business value + time criticality + risk reduction) ÷ size. Highest first; items
        without an estimate go last.
      </p>
      {q.isPending && <p className="muted">Computing…</p>}
      {q.isError && <p className="field-error">{q.error.message}</p>}
      {d && (
        <>
          <div className="b-wsjf-cols">
            <OrderColumn title="Current order" entries={d.current} moved={moved} />
            <OrderColumn title="Suggested by WSJF" entries={d.suggested} moved={moved} />
          </div>
          <h3 className="b-wsjf-moves-h">
            {d.moves.length === 0
              ? 'The backlog already follows WSJF.'
              : `${d.moves.length} move${d.moves.length > 1 ? 's' : ''}`}
          </h3>
          {d.moves.length > 0 && (
            <ol className="b-wsjf-moves">
              {d.moves.slice(0, 50).map((m) => {
                const after = m.afterId ? d.suggested.find((e) => e.id === m.afterId) : null;
                return (
                  <li key={m.id}>
                    <span className="mono">{m.key}</span>{' '}
                    {after ? (
                      <>
                        after <span className="mono">{after.key}</span>
                      </>
                    ) : (
                      'to the top'
                    )}
                  </li>
                );
              })}
              {d.moves.length > 50 && <li className="muted">…and {d.moves.length - 50} more</li>}
            </ol>
          )}
        </>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {result && (
        <div className="alert alert-success b-wsjf-result" role="status">
          <span>{result}</span>
          {applied && (
            <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void undo()}>
              {busy ? 'Undoing…' : 'Undo'}
            </button>
          )}
        </div>
      )}
      {!canApply && <p className="muted">Only the Product Owner applies an order.</p>}
      <div className="form-row">
        {canApply && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || !d || d.moves.length === 0 || applied !== null}
            onClick={() => void apply()}
          >
            {busy ? 'Applying…' : 'Apply this order'}
          </button>
        )}
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          {result || !canApply ? 'Close' : 'Cancel'}
        </button>
      </div>
    </Dialog>
  );
}

function OrderColumn({
  title,
  entries,
  moved,
}: {
  title: string;
  entries: z.infer<typeof WsjfOrder>['current'];
  moved: ReadonlySet<string>;
}) {
  return (
    <section className="b-wsjf-col" aria-label={title}>
      <h3>{title}</h3>
      <ol>
        {entries.slice(0, 200).map((e) => (
          <li key={e.id} data-moved={moved.has(e.id) || undefined}>
            <span className="mono">{e.key}</span>
            <span className="ellipsis grow">{e.title}</span>
            <span className="num">
              {e.needsEstimate ? <span className="chip chip-warn">needs estimate</span> : formatWsjf(e.wsjf)}
            </span>
          </li>
        ))}
        {entries.length > 200 && <li className="muted">…and {entries.length - 200} more</li>}
      </ol>
    </section>
  );
}
