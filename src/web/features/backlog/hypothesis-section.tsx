import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  type Hypothesis,
  type HypothesisStatus,
  HypothesisView,
  type HypothesisView as HypothesisViewT,
} from '#contracts/hypotheses.ts';
import { ROLES } from '#domain/roles.ts';
import { HYPOTHESIS_THRESHOLDS } from '#domain/voice/hypothesis.ts';
import { useCan } from '#web/app/product-context.tsx';
import { timeAgo } from '#web/features/activity/describe-event.ts';
import { api, apiPath, isApiError } from '#web/lib/api.ts';
import { backlogKeys } from './items-api.ts';
import './hypothesis.css';

const STATUS: Record<HypothesisStatus, { label: string; chip: string }> = {
  unvalidated: { label: 'Unvalidated', chip: 'chip' },
  supported: { label: 'Supported', chip: 'chip chip-ok' },
  contradicted: { label: 'Contradicted', chip: 'chip chip-danger' },
};

const FIELDS: Array<{ key: keyof Hypothesis; label: string; placeholder: string }> = [
  { key: 'belief', label: 'We believe', placeholder: 'letting VIPs book their own hotel' },
  { key: 'outcome', label: 'will result in', placeholder: 'fewer calls to the secretariat' },
  { key: 'signal', label: 'We will know when', placeholder: 'hotel calls drop by half within a month' },
];

const hypothesisKey = (itemId: string) => ['items', itemId, 'hypothesis'] as const;
const path = (itemId: string, ...rest: string[]) => apiPath('items', itemId, 'hypothesis', ...rest);

function EvidenceList({ view }: { view: HypothesisViewT }) {
  if (view.evidence.length === 0)
    return (
      <p className="muted">
        No evidence yet: customers rate this item at a sprint review, or ask for it through requests. A status
        is suggested from {HYPOTHESIS_THRESHOLDS.MIN_RESPONSES} answers on.
      </p>
    );
  return (
    <ul className="b-evidence" aria-label="Evidence">
      {view.evidence.map((e) =>
        e.kind === 'review' ? (
          <li key={e.reviewId}>
            <strong>{e.sprintName} review</strong>: {e.happy} happy · {e.neutral} neutral · {e.sad} sad
            {e.ratingAvg !== null && (
              <>
                {' '}
                · value {e.ratingAvg.toFixed(1)} of 5 ({e.ratings} rating{e.ratings === 1 ? '' : 's'})
              </>
            )}{' '}
            <span className="faint">
              ({e.responses} answer{e.responses === 1 ? '' : 's'})
            </span>
          </li>
        ) : (
          <li key="requests">
            <strong>Requests</strong>: {e.requests} request{e.requests === 1 ? '' : 's'}, {e.supporters}{' '}
            supporter
            {e.supporters === 1 ? '' : 's'}
          </li>
        ),
      )}
    </ul>
  );
}

/** "Benefit hypothesis" in the item panel: the three fields, the suggested status and its evidence, the PO's judgement. */
export function HypothesisSection({ itemId }: { itemId: string }) {
  const qc = useQueryClient();
  const canEdit = useCan(ROLES.contributors);
  const isOwner = useCan(['owner']);
  const q = useQuery({
    queryKey: hypothesisKey(itemId),
    queryFn: ({ signal }) => api.get(path(itemId), HypothesisView, { signal }),
  });
  const view = q.data;
  const [draft, setDraft] = useState<Hypothesis>({ belief: '', outcome: '', signal: '' });
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [overriding, setOverriding] = useState(false);
  const [override, setOverride] = useState<HypothesisStatus>('unvalidated');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (view && !editing) setDraft(view.hypothesis ?? { belief: '', outcome: '', signal: '' });
  }, [view, editing]);

  if (!view) return null;
  const done = async (next: HypothesisViewT) => {
    qc.setQueryData(hypothesisKey(itemId), next);
    // The item's version moved with the hypothesis: the form must edit the new one.
    await qc.invalidateQueries({ queryKey: backlogKeys.item(itemId), exact: true });
  };
  const run = async (fn: () => Promise<HypothesisViewT>) => {
    setBusy(true);
    setError(null);
    try {
      await done(await fn());
      return true;
    } catch (err) {
      setError(
        isApiError(err)
          ? { message: err.message, fields: err.fields }
          : { message: 'That did not work. Try again.', fields: {} },
      );
      return false;
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(() => api.put(path(itemId), { hypothesis: draft }, HypothesisView, { ifMatch: view.version })).then(
      (ok) => ok && setEditing(false),
    );
  const judge = (status: HypothesisStatus, why?: string) =>
    run(() =>
      api.post(path(itemId, 'judgement'), { status, ...(why ? { reason: why } : {}) }, HypothesisView),
    ).then((ok) => {
      if (ok) {
        setOverriding(false);
        setReason('');
      }
    });
  const h = view.hypothesis;
  const fieldError = (k: string) => error?.fields[`hypothesis.${k}`];

  return (
    <section className="b-section b-hypothesis" aria-labelledby="b-hypothesis-h">
      <h3 id="b-hypothesis-h">Benefit hypothesis</h3>
      {editing ? (
        <form
          className="b-hypothesis-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {FIELDS.map((f) => (
            <label key={f.key} className="field">
              <span className="field-label">{f.label}…</span>
              <textarea
                className="input b-textarea"
                rows={2}
                value={draft[f.key]}
                placeholder={f.placeholder}
                aria-invalid={fieldError(f.key) ? true : undefined}
                onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
              />
              {fieldError(f.key) && <span className="field-error">{fieldError(f.key)}</span>}
            </label>
          ))}
          <div className="form-row">
            <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
              Save hypothesis
            </button>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : h ? (
        <p className="b-hypothesis-text">
          We believe <strong>{h.belief}</strong> will result in <strong>{h.outcome}</strong>; we will know
          when <strong>{h.signal}</strong>.
        </p>
      ) : (
        <p className="muted">
          No hypothesis yet: what do we believe this item will change, and how will we know?
        </p>
      )}
      {canEdit && !editing && (
        <div className="form-row">
          <button type="button" className="btn btn-sm" onClick={() => setEditing(true)}>
            {h ? 'Edit hypothesis' : 'State a hypothesis'}
          </button>
        </div>
      )}
      {h && (
        <>
          <div className="b-hypothesis-status">
            <span>Status</span> <span className={STATUS[view.status].chip}>{STATUS[view.status].label}</span>
            {!view.judgedAt && <span className="faint">not judged yet</span>}
            {view.judgedBy && view.judgedAt && (
              <span className="faint">
                judged by {view.judgedBy.name} {timeAgo(view.judgedAt, new Date())}
              </span>
            )}
          </div>
          {view.reason && <p className="b-hypothesis-reason">“{view.reason}”</p>}
          <div className="b-hypothesis-status">
            <span>The evidence suggests</span>{' '}
            <span className={STATUS[view.suggested].chip} data-testid="hypothesis-suggested">
              {STATUS[view.suggested].label}
            </span>
          </div>
          <p className="muted">{view.suggestedReason}</p>
          <EvidenceList view={view} />
          {isOwner && !overriding && (
            <div className="form-row">
              {/* Already judged as the evidence suggests: nothing to confirm, only to override. */}
              {!(view.judgedAt && view.status === view.suggested) && (
                <button
                  type="button"
                  className="btn btn-sm"
                  disabled={busy}
                  onClick={() => void judge(view.suggested)}
                >
                  Confirm: {STATUS[view.suggested].label.toLowerCase()}
                </button>
              )}
              <button
                type="button"
                className="btn btn-ghost btn-sm"
                onClick={() => {
                  setOverride(view.suggested === 'supported' ? 'contradicted' : 'supported');
                  setOverriding(true);
                }}
              >
                Override…
              </button>
            </div>
          )}
          {isOwner && overriding && (
            <form
              className="b-hypothesis-form"
              onSubmit={(e) => {
                e.preventDefault();
                void judge(override, reason.trim());
              }}
            >
              <label className="field">
                <span className="field-label">Judge it</span>
                <select
                  className="select select-sm"
                  value={override}
                  onChange={(e) => setOverride(e.target.value as HypothesisStatus)}
                >
                  {(Object.keys(STATUS) as HypothesisStatus[]).map((s) => (
                    <option key={s} value={s}>
                      {STATUS[s].label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span className="field-label">
                  Why{override === view.suggested ? ' (optional)' : ': the evidence says otherwise'}
                </span>
                <textarea
                  className="input b-textarea"
                  rows={2}
                  value={reason}
                  aria-invalid={error?.fields.reason ? true : undefined}
                  onChange={(e) => setReason(e.target.value)}
                />
                {error?.fields.reason && <span className="field-error">{error.fields.reason}</span>}
              </label>
              <div className="form-row">
                <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
                  Override
                </button>
                <button type="button" className="btn btn-ghost btn-sm" onClick={() => setOverriding(false)}>
                  Cancel
                </button>
              </div>
            </form>
          )}
        </>
      )}
      {error && !Object.keys(error.fields).length && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
    </section>
  );
}
