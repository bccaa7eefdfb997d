import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ItemSegmentWeights } from '#contracts/insight-allocation.ts';
import type { Segment } from '#contracts/products.ts';
import { segmentParts } from '#domain/insight/allocation.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan } from '#web/app/product-context.tsx';
import { backlogKeys } from '#web/features/backlog/items-api.ts';
import { api, apiPath, isApiError } from '#web/lib/api.ts';
import './allocation.css';

const weightsKey = (itemId: string, version: number) => [
  ...backlogKeys.item(itemId),
  'segment-weights',
  version,
];

/**
 * "How this item's points split" in the item panel of an item serving several segments: evenly
 * unless the PO weighs them (issue 11); the allocation and the budget's value per segment follow.
 */
export function SegmentWeightsSection({
  itemId,
  version,
  segments,
}: {
  itemId: string;
  version: number;
  segments: readonly Segment[];
}) {
  const qc = useQueryClient();
  const isPo = useCan(ROLES.owner);
  const q = useQuery({
    queryKey: weightsKey(itemId, version),
    queryFn: () => api.get(apiPath('items', itemId, 'segment-weights'), ItemSegmentWeights),
  });
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const view = q.data;
  if (!view || view.segmentIds.length < 2) return null;
  const name = (id: string) => segments.find((s) => s.id === id)?.name ?? 'A removed segment';
  const parts = segmentParts(view.segmentIds, view.weights);
  const save = async (weights: Array<{ segmentId: string; weight: number }> | null) => {
    setBusy(true);
    setError(null);
    try {
      await api.put(apiPath('items', itemId, 'segment-weights'), { weights }, ItemSegmentWeights, {
        ifMatch: view.version,
      });
      // The item's version moved with the weights: the form must edit the new one.
      await qc.invalidateQueries({ queryKey: backlogKeys.item(itemId), exact: true });
      setDraft(null);
    } catch (err) {
      setError(isApiError(err) ? err.message : 'That did not work. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="b-section alloc-weights" aria-labelledby={`alloc-weights-${itemId}`}>
      <h3 id={`alloc-weights-${itemId}`}>How its points split among segments</h3>
      {draft ? (
        <form
          className="alloc-weights-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save(view.segmentIds.map((id) => ({ segmentId: id, weight: Number(draft[id] ?? '') })));
          }}
        >
          {view.segmentIds.map((id) => (
            <label key={id} className="field">
              <span className="field-label">{name(id)}</span>
              <input
                className="input"
                type="number"
                min={0}
                step="any"
                inputMode="decimal"
                value={draft[id] ?? ''}
                onChange={(e) => setDraft({ ...draft, [id]: e.target.value })}
              />
            </label>
          ))}
          <p className="field-hint">Any positive numbers: 3 and 1 give 75 % and 25 %.</p>
          <div className="form-row">
            <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
              Save weights
            </button>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p>
          {parts.map((p, i) => (
            <span key={p.segmentId}>
              {i > 0 && ' · '}
              {name(p.segmentId)} <strong>{Math.round(p.part * 1000) / 10} %</strong>
            </span>
          ))}{' '}
          <span className="muted">{view.weights ? '(weighted by the Product Owner)' : '(evenly)'}</span>
        </p>
      )}
      {error && <p className="field-error">{error}</p>}
      {isPo && !draft && (
        <div className="form-row">
          <button
            type="button"
            className="btn btn-sm"
            onClick={() =>
              setDraft(
                Object.fromEntries(parts.map((p) => [p.segmentId, String(Math.round(p.part * 1000) / 10)])),
              )
            }
          >
            Weigh segments
          </button>
          {view.weights && (
            <button type="button" className="btn btn-sm btn-ghost" disabled={busy} onClick={() => save(null)}>
              Split evenly
            </button>
          )}
        </div>
      )}
    </section>
  );
}
