import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Item } from '#contracts/items.ts';
import { repaymentTitle } from '#domain/decisions/workaround.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { Dialog, DialogFoot } from '#web/components/dialog.tsx';
import { timeAgo } from '#web/features/activity/describe-event.ts';
import { backlogKeys } from '#web/features/backlog/items-api.ts';
import { day } from '#web/features/sprints/format.ts';
import { useSprints } from '#web/features/sprints/sprints-api.ts';
import { isApiError, newIdempotencyKey } from '#web/lib/api.ts';
import { decisionKeys, decisionsApi, useItemDecisions } from './decisions-api.ts';

const STATE_BADGE = { open: 'badge', overdue: 'badge badge-danger', repaid: 'badge badge-accent' } as const;
const STATE_LABEL = { open: 'open', overdue: 'past due', repaid: 'repaid' } as const;

/** At the top of the item panel: one banner per change on this item that went around a decision. */
export function ItemDecisionBanner({ itemId }: { itemId: string }) {
  const product = useProduct();
  const q = useItemDecisions(itemId);
  return (
    <>
      {q.data?.contradictions.map((c) => (
        <div key={`${c.decisionId}:${c.eventId}`} className="alert alert-error d-banner" role="alert">
          <strong>This change went around decision “{c.decisionTitle}”.</strong> {c.summary}{' '}
          <span className="faint">
            ({c.actorName ?? 'Someone'}, {timeAgo(c.at, new Date())})
          </span>{' '}
          <Link to={`/p/${product.key}/decisions/${c.decisionId}`}>Open the decision</Link>
        </div>
      ))}
    </>
  );
}

/**
 * In the item panel: the banner when a change went around a decision on this item, the decisions
 * it is under, how it was resolved and its repayments, and the Resolve action (fix / workaround).
 */
export function ItemDecisionsSection({ item }: { item: Item }) {
  const product = useProduct();
  const q = useItemDecisions(item.id);
  const canResolve = useCan(ROLES.contributors);
  const [resolving, setResolving] = useState(false);
  const f = q.data;
  const open = item.status !== 'done' && item.status !== 'accepted' && item.status !== 'rejected';
  const decisionLink = (id: string) => `/p/${product.key}/decisions/${id}`;
  return (
    <section className="b-section d-item" aria-label="Decisions and resolution">
      <div className="section-head">
        <h3>Decisions and resolution</h3>
        {canResolve && open && (
          <button type="button" className="btn btn-sm" onClick={() => setResolving(true)}>
            Resolve…
          </button>
        )}
      </div>
      {f && f.decisions.length > 0 && (
        <ul className="d-under" aria-label="Decisions on this item">
          {f.decisions.map((d) => (
            <li key={d.id}>
              <Link to={decisionLink(d.id)}>
                #{d.number} {d.title}
              </Link>{' '}
              <span className="badge">{d.status}</span>
            </li>
          ))}
        </ul>
      )}
      {f?.resolution && (
        <p>
          Resolved{' '}
          {f.resolution.resolution === 'workaround' ? <strong>by a workaround</strong> : 'with a fix'}
          {f.resolution.resolvedBy && ` by ${f.resolution.resolvedBy.name}`}{' '}
          {timeAgo(f.resolution.resolvedAt, new Date())}.
        </p>
      )}
      {f && f.repayments.length > 0 && (
        <ul className="d-repayments" aria-label="Repayments">
          {f.repayments.map((r) => (
            <li key={r.itemId}>
              <span className={STATE_BADGE[r.state]}>{STATE_LABEL[r.state]}</span>{' '}
              <Link to={`/p/${product.key}/backlog?item=${r.itemId}`}>
                <span className="mono">{r.key}</span> {r.title}
              </Link>{' '}
              <span className="faint">
                due {r.dueSprint ? `in ${r.dueSprint.name}` : r.dueDate ? day(r.dueDate, true) : '—'}
              </span>
            </li>
          ))}
        </ul>
      )}
      {f && !f.decisions.length && !f.resolution && !f.repayments.length && (
        <p className="muted">No decision governs this item.</p>
      )}
      {resolving && <ResolveDialog item={item} onClose={() => setResolving(false)} />}
    </section>
  );
}

/** Resolve by a fix, or by a workaround with its repayment item (prefilled, due in a sprint or by a date). */
export function ResolveDialog({ item, onClose }: { item: Item; onClose: () => void }) {
  const product = useProduct();
  const qc = useQueryClient();
  const sprints = useSprints(product.id);
  const [resolution, setResolution] = useState<'fixed' | 'workaround'>('fixed');
  const [title, setTitle] = useState(repaymentTitle(item.title));
  const [dueSprintId, setDueSprintId] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());
  const ahead = (sprints.data ?? []).filter((s) => s.state !== 'closed');
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      await decisionsApi.resolve(
        item.id,
        resolution === 'fixed'
          ? { resolution }
          : {
              resolution,
              repayment: {
                title,
                ...(dueSprintId ? { dueSprintId } : {}),
                ...(dueDate ? { dueDate } : {}),
              },
            },
        key.current,
      );
      await Promise.all([
        qc.invalidateQueries({ queryKey: decisionKeys.item(item.id) }),
        qc.invalidateQueries({ queryKey: backlogKeys.all(product.id) }),
        qc.invalidateQueries({ queryKey: ['items', item.id] }),
      ]);
      onClose();
    } catch (err) {
      key.current = newIdempotencyKey();
      setError(
        isApiError(err) ? Object.values(err.fields).join(' ') || err.message : 'Not saved. Try again.',
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`Resolve ${item.key}`}
      onClose={onClose}
      describe="A workaround is debt: it is repaid by an item that replaces it with the agreed fix."
    >
      <fieldset className="d-choice">
        <legend>How was it resolved?</legend>
        <label className="d-check">
          <input
            type="radio"
            name="resolution"
            checked={resolution === 'fixed'}
            onChange={() => setResolution('fixed')}
          />
          Fixed at the root cause
        </label>
        <label className="d-check">
          <input
            type="radio"
            name="resolution"
            checked={resolution === 'workaround'}
            onChange={() => setResolution('workaround')}
          />
          By a workaround, with a repayment item
        </label>
      </fieldset>
      {resolution === 'workaround' && (
        <div className="d-repay">
          <div className="field">
            <label htmlFor="d-repay-title">Repayment item</label>
            <input
              id="d-repay-title"
              className="input"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          <div className="form-row">
            <div className="field">
              <label htmlFor="d-repay-sprint">Due in sprint</label>
              <select
                id="d-repay-sprint"
                className="select"
                value={dueSprintId}
                onChange={(e) => setDueSprintId(e.target.value)}
              >
                <option value="">No sprint</option>
                {ahead.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="d-repay-date">or by date</label>
              <input
                id="d-repay-date"
                className="input"
                type="date"
                value={dueDate}
                onChange={(e) => setDueDate(e.target.value)}
              />
            </div>
          </div>
        </div>
      )}
      <DialogFoot error={error} onCancel={onClose}>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void go()}>
          {resolution === 'fixed' ? 'Resolve as fixed' : 'Resolve with a workaround'}
        </button>
      </DialogFoot>
    </Dialog>
  );
}
