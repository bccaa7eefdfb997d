import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { ScopeResult } from '#contracts/insight-scope.ts';
import type { ScopeObjective } from '#domain/insight/release-scope.ts';
import { BLEND_WEIGHT_COD } from '#domain/insight/release-scope.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { useReleases } from '#web/features/votes/votes-api.ts';
import { isApiError } from '#web/lib/api.ts';
import { downloadCsv } from './csv.ts';
import { applyScope, useScope } from './scope-api.ts';
import { ValueCurve } from './value-curve.tsx';
import './scope.css';

const OBJECTIVES: Record<ScopeObjective, { label: string; hint: string }> = {
  costOfDelay: {
    label: 'Cost of delay',
    hint: 'Business value + time criticality + risk reduction (the PO’s WSJF inputs)',
  },
  votes: { label: 'Customer votes', hint: 'Points the customers gave each candidate in the release vote' },
  blend: {
    label: 'Blend',
    hint: `${BLEND_WEIGHT_COD * 100} % cost of delay and ${100 - BLEND_WEIGHT_COD * 100} % votes, each as a share of the largest (0–100)`,
  },
};
const n1 = (v: number | null) => (v === null ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(1));

function ItemTable({
  rows,
  productKey,
  caption,
}: {
  rows: ScopeResult['items'];
  productKey: string;
  caption: string;
}) {
  if (!rows.length) return <p className="muted">None.</p>;
  return (
    <div className="sc-table-wrap">
      <table className="list sc-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th>Item</th>
            <th className="num">Size</th>
            <th className="num">Value</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i.itemId}>
              <td>
                <Link to={`/p/${productKey}/backlog?item=${i.itemId}`}>
                  <strong>{i.key}</strong> {i.title}
                </Link>
                {i.releaseCritical && <span className="chip chip-danger sc-chip">release-critical</span>}
                {i.pulledIn && <span className="chip sc-chip">pulled in</span>}
                {i.inRelease && <span className="chip chip-ok sc-chip">in release</span>}
              </td>
              <td className="num">{n1(i.size)}</td>
              <td className="num">{n1(i.value)}</td>
              <td className="muted">{i.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Insight → Release scope: what to put in a release for the most value within the capacity. */
export default function ScopeView() {
  const product = useProduct();
  const isOwner = useCan(['owner']);
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const releases = useReleases(product.id);
  const open = (releases.data ?? []).filter((r) => !r.shippedAt);
  const releaseId = params.get('release') ?? open[0]?.id ?? null;
  const objective = (params.get('objective') as ScopeObjective | null) ?? 'costOfDelay';
  const capParam = params.get('capacity');
  const capacity =
    capParam !== null && capParam !== '' && Number.isFinite(Number(capParam)) ? Number(capParam) : null;
  const [capDraft, setCapDraft] = useState(capParam ?? '');
  useEffect(() => setCapDraft(capParam ?? ''), [capParam]);
  const q = useScope(releaseId, objective, capacity);
  const [applied, setApplied] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v === null || v === '') next.delete(k);
    else next.set(k, v);
    setParams(next, { replace: true });
  };

  if (releases.isPending) return <p className="muted">Loading releases…</p>;
  if (!open.length)
    return (
      <p className="muted">
        No open release yet. Create one under <Link to={`/p/${product.key}/votes`}>Votes</Link> to scope it
        here.
      </p>
    );
  const r = q.data;
  const chosen = r?.items.filter((i) => i.chosen) ?? [];
  const leftOut = r?.items.filter((i) => !i.chosen) ?? [];
  const toAdd = chosen.filter((i) => !i.inRelease).map((i) => i.itemId);
  const keyOf = (id: string) => r?.items.find((i) => i.itemId === id)?.key ?? id;
  const release = open.find((x) => x.id === releaseId);

  const apply = async () => {
    if (!r || !releaseId) return;
    setBusy(true);
    setError(null);
    try {
      const res = await applyScope(releaseId, toAdd);
      setApplied(
        `${res.added.length} item${res.added.length === 1 ? '' : 's'} put in ${release?.name ?? 'the release'}.`,
      );
      await qc.invalidateQueries({ queryKey: ['releases', releaseId] });
      await qc.invalidateQueries({ queryKey: ['products', product.id, 'items'] });
    } catch (err) {
      setError(isApiError(err) ? err.message : 'That did not work. Try again.');
    } finally {
      setBusy(false);
    }
  };
  const csv = () =>
    r &&
    downloadCsv(`${product.key}-release-scope.csv`, [
      ['key', 'title', 'size', 'value', 'chosen', 'release critical', 'reason'],
      ...r.items.map((i) => [
        i.key,
        i.title,
        i.size,
        i.value,
        i.chosen ? 'yes' : 'no',
        i.releaseCritical ? 'yes' : 'no',
        i.reason,
      ]),
    ]);

  return (
    <div className="sc-view">
      <form
        className="sc-controls card"
        onSubmit={(e) => {
          e.preventDefault();
          set('capacity', capDraft.trim());
        }}
      >
        <label className="field">
          <span className="field-label">Release</span>
          <select className="input" value={releaseId ?? ''} onChange={(e) => set('release', e.target.value)}>
            {open.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
                {x.targetDate ? ` (${x.targetDate})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Maximise</span>
          <select className="input" value={objective} onChange={(e) => set('objective', e.target.value)}>
            {Object.entries(OBJECTIVES).map(([k, o]) => (
              <option key={k} value={k}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Capacity (points)</span>
          <input
            className="input"
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            placeholder="from the forecast"
            value={capDraft}
            onChange={(e) => setCapDraft(e.target.value)}
            onBlur={() => set('capacity', capDraft.trim())}
          />
        </label>
        <button type="submit" className="btn">
          Compute
        </button>
        <p className="muted sc-hint">{OBJECTIVES[objective].hint}.</p>
      </form>

      {q.isError && (
        <p className="field-error">{isApiError(q.error) ? q.error.message : 'Could not compute.'}</p>
      )}
      {q.isPending && releaseId && <p className="muted">Computing…</p>}
      {r && (
        <>
          {r.capacity === null ? (
            <p className="sc-alert" role="status" data-testid="scope-summary">
              No capacity yet: state one above (in points) to choose the scope. The curve below already shows
              where the value lies.
            </p>
          ) : (
            <div className="sc-summary" data-testid="scope-summary">
              <div className="sc-figure">
                <span className="sc-big">{chosen.length}</span>
                <span className="muted">items chosen</span>
              </div>
              <div className="sc-figure">
                <span className="sc-big">
                  {n1(r.totalSize)}
                  <small> / {n1(r.capacity)}</small>
                </span>
                <span className="muted">
                  points of capacity{r.capacitySource === 'forecast' ? ' (forecast)' : ''}
                </span>
              </div>
              <div className="sc-figure">
                <span className="sc-big">{n1(r.totalValue)}</span>
                <span className="muted">value</span>
              </div>
              <div className="sc-figure">
                {r.optimal ? (
                  <span className="chip chip-ok" data-testid="optimal">
                    Optimal
                  </span>
                ) : (
                  <span className="chip chip-warn" data-testid="gap">
                    Gap ≤ {n1(r.gap)}
                  </span>
                )}
                <span className="muted">
                  {r.method === 'dp' ? 'exact (dynamic programming)' : 'branch and bound'}
                </span>
              </div>
            </div>
          )}
          {r.capacity !== null && !r.feasible && (
            <p className="sc-alert" role="alert">
              The release-critical items do not fit the capacity.
            </p>
          )}
          {r.notes.length > 0 && (
            <ul className="sc-notes">
              {r.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          {isOwner && r.capacity !== null && (
            <div className="form-row sc-apply">
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy || toAdd.length === 0}
                onClick={apply}
              >
                {toAdd.length
                  ? `Apply: put ${toAdd.length} item${toAdd.length === 1 ? '' : 's'} in ${release?.name ?? 'the release'}`
                  : 'All chosen items are in the release'}
              </button>
              {applied && (
                <span className="muted" role="status">
                  {applied}
                </span>
              )}
              {error && <span className="field-error">{error}</span>}
            </div>
          )}
          <ValueCurve result={r} keyOf={keyOf} />
          <div className="sc-head">
            <h2>Chosen ({chosen.length})</h2>
            <button type="button" className="btn btn-sm btn-ghost" onClick={csv}>
              Export CSV
            </button>
          </div>
          <ItemTable rows={chosen} productKey={product.key} caption="Chosen items" />
          <h2>Left out ({leftOut.length})</h2>
          <ItemTable rows={leftOut} productKey={product.key} caption="Items left out" />
        </>
      )}
    </div>
  );
}
