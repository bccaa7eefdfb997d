import { Link } from 'react-router-dom';
import { useProduct } from '#web/app/product-context.tsx';
import { ErrorState, Loading } from '#web/components/ui.tsx';
import { SharedAllocationSection } from '#web/features/insight/allocation/sharing.tsx';
import { AskForm, StatusChip } from './request-parts.tsx';
import { type PortalT, usePortal } from './requests-api.ts';

const day = (iso: string | null) =>
  iso ? new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short' }) : null;

/** A stakeholder's home for a product, phone first: one column, big targets. */
export function PortalPage() {
  const product = useProduct();
  const q = usePortal(product.id);
  return (
    <div className="pt-page">
      <header className="pt-head">
        <h1>{product.name}</h1>
        <p className="muted">What the team did for you, what comes next, and what you asked for.</p>
      </header>
      {q.isPending && <Loading label="Loading your portal…" />}
      {q.isError && <ErrorState error={q.error} />}
      {q.data && <PortalBody portal={q.data} productKey={product.key} />}
      {q.data && <SharedAllocationSection productId={product.id} />}
    </div>
  );
}

function PortalBody({ portal, productKey }: { portal: PortalT; productKey: string }) {
  const { review, votes } = portal.waiting;
  const waiting = (review && !review.answered ? 1 : 0) + votes.filter((v) => !v.voted).length;
  return (
    <>
      {(review || votes.length > 0) && (
        <section className="pt-section" aria-labelledby="pt-waiting">
          <h2 id="pt-waiting">Waiting for you{waiting > 0 && <span className="pt-count">{waiting}</span>}</h2>
          <div className="pt-cards">
            {review && (
              <Link className="pt-card pt-action" to={`/p/${productKey}/reviews/${review.id}`}>
                <strong>Rate what {review.sprintName} delivered</strong>
                <span className="muted">
                  {review.answered
                    ? 'You answered — you can still change it'
                    : 'One tap per feature: happy, neutral or sad'}
                  {review.closesAt && ` · until ${day(review.closesAt)}`}
                </span>
              </Link>
            )}
            {votes.map((v) => (
              <Link
                key={v.releaseId}
                className="pt-card pt-action"
                to={`/p/${productKey}/votes/${v.releaseId}`}
              >
                <strong>Vote for {v.name}</strong>
                <span className="muted">
                  {v.voted
                    ? 'You voted — you can still move your points'
                    : 'Spread your points on what matters to you'}
                  {v.closesAt && ` · until ${day(v.closesAt)}`}
                </span>
              </Link>
            ))}
          </div>
        </section>
      )}

      <section className="pt-section" aria-labelledby="pt-new">
        <h2 id="pt-new">What’s new for you</h2>
        {portal.delivered.length === 0 ? (
          <p className="muted">Nothing delivered in the last sprints yet. You will see it here first.</p>
        ) : (
          <ul className="pt-cards">
            {portal.delivered.map((d) => (
              <li key={d.key} className="pt-card">
                <span className="pt-meta">
                  <span className="mono">{d.key}</span> · {d.sprintName}
                  {d.acceptedAt && ` · ${day(d.acceptedAt)}`}
                </span>
                <strong>{d.title}</strong>
                {d.whatChanged && <p className="pt-changed">{d.whatChanged}</p>}
                <Segments segments={d.segments} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="pt-section" aria-labelledby="pt-next">
        <h2 id="pt-next">Coming next</h2>
        {portal.planned.length === 0 ? (
          <p className="muted">The Product Owner has not published what comes next yet.</p>
        ) : (
          <ul className="pt-cards">
            {portal.planned.map((p) => (
              <li key={p.key} className="pt-card">
                <span className="pt-meta">
                  <span className="mono">{p.key}</span>
                  {p.release && ` · ${p.release}`} · {PLANNED_STATUS[p.status] ?? p.status}
                </span>
                <strong>{p.title}</strong>
                {p.problem && <p className="muted pt-problem">{p.problem}</p>}
                <Segments segments={p.segments} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="pt-section" aria-labelledby="pt-yours">
        <h2 id="pt-yours">Your requests</h2>
        {portal.requests.length === 0 ? (
          <p className="muted">You have not asked for anything yet.</p>
        ) : (
          <ul className="pt-cards">
            {portal.requests.map((r) => (
              <li key={r.id} className="pt-card">
                <span className="pt-row">
                  <strong>{r.title}</strong>
                  <StatusChip status={r.status} />
                </span>
                {r.status === 'declined' && r.declineReason && (
                  <p className="pt-reason">Why: {r.declineReason}</p>
                )}
                <span className="muted">
                  {r.supporters === 1 ? 'Only you so far' : `${r.supporters} people asked`}
                  {r.itemKey && ` · ${r.itemKey}`}
                </span>
              </li>
            ))}
          </ul>
        )}
        <Link className="btn pt-wide" to={`/p/${productKey}/requests`}>
          See what others asked, and +1
        </Link>
      </section>

      <section className="pt-section" aria-labelledby="pt-ask">
        <h2 id="pt-ask">Ask for something</h2>
        <AskForm />
      </section>
    </>
  );
}

const PLANNED_STATUS: Record<string, string> = {
  new: 'Planned',
  ready: 'Ready to start',
  in_progress: 'In progress',
  done: 'Done, awaiting acceptance',
};

function Segments({ segments }: { segments: ReadonlyArray<{ id: string; name: string }> }) {
  if (!segments.length) return null;
  return <span className="pt-segments">For {segments.map((s) => s.name).join(', ')}</span>;
}
