import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { DecisionView } from '#contracts/decisions.ts';
import { useProduct } from '#web/app/product-context.tsx';
import { ErrorState, Loading, PageHead } from '#web/components/ui.tsx';
import { timeAgo } from '#web/features/activity/describe-event.ts';
import { day } from '#web/features/sprints/format.ts';
import { isApiError } from '#web/lib/api.ts';
import { decisionKeys, decisionsApi, useDecision, useDecisions } from './decisions-api.ts';
import { STATUS_CHIP } from './labels.ts';

/** One decision record: the ADR sections, who took part, its rules in words, and what went around it. */
export function DecisionPage({ decisionId }: { decisionId: string }) {
  const q = useDecision(decisionId);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
  return <DecisionBody d={q.data} />;
}

function DecisionBody({ d }: { d: DecisionView }) {
  const product = useProduct();
  const itemLink = (id: string) => `/p/${product.key}/backlog?item=${id}`;
  const chip = STATUS_CHIP[d.status];
  const n = d.contradictions.length;
  return (
    <div className="page d-page">
      <p className="faint">
        <Link to="..">Decisions</Link> / #{d.number}
      </p>
      <PageHead
        title={d.title}
        subtitle={
          <>
            <span className={chip.className}>{chip.label}</span>
            {d.technical && <span className="badge d-tech">technical: the team decides</span>}{' '}
            <span className="muted">
              Proposed by {d.proposedBy?.name ?? 'someone'} {timeAgo(d.createdAt, new Date())}
              {d.acceptedAt &&
                ` · accepted by ${d.acceptedBy?.name ?? 'someone'} on ${day(d.acceptedAt, true)}`}
              {d.supersededBy && (
                <>
                  {' · superseded by '}
                  <Link to={`../${d.supersededBy.id}`}>
                    #{d.supersededBy.number} {d.supersededBy.title}
                  </Link>
                </>
              )}
            </span>
          </>
        }
      />
      {n > 0 && (
        <div className="alert alert-error d-banner" role="alert">
          <strong>
            {n} {n === 1 ? 'change' : 'changes'} went around this decision.
          </strong>{' '}
          They still happened; talk them over, or supersede the decision in writing.
        </div>
      )}
      <DecisionActions d={d} />
      <div className="d-grid">
        <article className="card d-adr" aria-label="Decision record">
          <Section title="Context" text={d.context} />
          <Section title="Decision" text={d.decision} />
          <Section title="Consequences" text={d.consequences || 'None written down.'} />
        </article>
        <aside className="d-side">
          <section className="card d-box" aria-label="Rules">
            <h3>What it rules out</h3>
            {d.rules.length ? (
              <ul>
                {d.rules.map((r) => (
                  <li key={JSON.stringify(r.rule)}>{r.words}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">No checkable rules: nothing is flagged automatically.</p>
            )}
          </section>
          <section className="card d-box" aria-label="Linked items">
            <h3>Items it governs</h3>
            {d.items.length ? (
              <ul>
                {d.items.map((i) => (
                  <li key={i.id}>
                    <Link to={itemLink(i.id)}>
                      <span className="mono">{i.key}</span> {i.title}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No items linked.</p>
            )}
          </section>
          <section className="card d-box" aria-label="Participants">
            <h3>Who took part</h3>
            <p>{d.participants.map((p) => p.name).join(', ') || 'Nobody named.'}</p>
          </section>
        </aside>
      </div>
      <section className="card d-box" aria-label="Contradictions">
        <h3>Changes that went around it</h3>
        {n ? (
          <ol className="d-contradictions">
            {d.contradictions.map((c) => (
              <li key={c.eventId}>
                <span className="badge badge-danger">{c.actorName ?? 'Someone'}</span> {c.summary}{' '}
                <span className="faint">{timeAgo(c.at, new Date())}</span>
                {c.itemId && (
                  <>
                    {' '}
                    <Link to={itemLink(c.itemId)}>Open the item</Link>
                  </>
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">
            {d.status === 'accepted'
              ? 'Nothing has gone around it.'
              : 'Rules are checked once the decision is accepted.'}
          </p>
        )}
      </section>
    </div>
  );
}

function Section({ title, text }: { title: string; text: string }) {
  return (
    <section>
      <h3>{title}</h3>
      <p className="d-text">{text}</p>
    </section>
  );
}

function DecisionActions({ d }: { d: DecisionView }) {
  const qc = useQueryClient();
  const product = useProduct();
  const others = useDecisions(product.id);
  const [by, setBy] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!d.can.accept && !d.can.supersede) return null;
  const run = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      await qc.invalidateQueries({ queryKey: decisionKeys.one(d.id) });
      await qc.invalidateQueries({ queryKey: decisionKeys.list(product.id) });
    } catch (err) {
      setError(isApiError(err) ? (Object.values(err.fields)[0] ?? err.message) : 'Not saved. Try again.');
    } finally {
      setBusy(false);
    }
  };
  const candidates = (others.data ?? []).filter((o) => o.id !== d.id && o.status !== 'superseded');
  return (
    <div className="d-actions">
      {d.can.accept && (
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={() => run(() => decisionsApi.accept(d.id))}
        >
          Accept decision
        </button>
      )}
      {d.can.supersede && (
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (by) void run(() => decisionsApi.supersede(d.id, by));
          }}
        >
          <label htmlFor="d-by">Superseded by</label>
          <select id="d-by" className="select" value={by} onChange={(e) => setBy(e.target.value)}>
            <option value="">Choose a decision…</option>
            {candidates.map((o) => (
              <option key={o.id} value={o.id}>
                #{o.number} {o.title}
              </option>
            ))}
          </select>
          <button type="submit" className="btn" disabled={busy || !by}>
            Supersede
          </button>
        </form>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
