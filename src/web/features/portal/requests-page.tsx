import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { RequestStatus } from '#contracts/requests.ts';
import { REQUEST_STATUSES } from '#contracts/requests.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { ErrorState, Loading } from '#web/components/ui.tsx';
import { timeAgo } from '#web/features/activity/describe-event.ts';
import { useMembers, useSegments } from '#web/lib/queries.ts';
import { AskForm, StatusChip, SupportButton } from './request-parts.tsx';
import {
  type RequestFilters,
  type RequestT,
  requestKeys,
  requestsApi,
  STATUS_TEXT,
  useRequests,
} from './requests-api.ts';
import { CreateItemDialog, DeclineDialog, LinkItemDialog } from './triage-dialogs.tsx';

/** Stakeholders: their own and the published requests, to +1. The PO and team: every request. */
export function RequestsPage() {
  const seesAll = useCan(ROLES.readers);
  return seesAll ? <TriageList /> : <CustomerRequests />;
}

function CustomerRequests() {
  const product = useProduct();
  const q = useRequests(product.id, { sort: 'supporters' });
  const mine = q.data?.filter((r) => r.mine) ?? [];
  const others = q.data?.filter((r) => !r.mine) ?? [];
  return (
    <div className="pt-page">
      <header className="pt-head">
        <h1>Requests</h1>
        <p className="muted">What people asked the {product.name} team for. +1 what matters to you too.</p>
      </header>
      {q.isPending && <Loading label="Loading requests…" />}
      {q.isError && <ErrorState error={q.error} />}
      {q.data && (
        <>
          <section className="pt-section" aria-labelledby="rq-others">
            <h2 id="rq-others">Asked by others</h2>
            {others.length === 0 ? (
              <p className="muted">Nothing shared yet.</p>
            ) : (
              <ul className="pt-cards">
                {others.map((r) => (
                  <li key={r.id} className="pt-card" data-request={r.title}>
                    <span className="pt-row">
                      <strong>{r.title}</strong>
                      <StatusChip status={r.status} />
                    </span>
                    <p className="muted pt-problem">{r.problem}</p>
                    {r.declineReason && <p className="pt-reason">Why: {r.declineReason}</p>}
                    {/* Nothing to +1 once it is declined or shipped: the count stays, as a fact. */}
                    {r.status === 'declined' || r.status === 'shipped' ? (
                      <span className="muted">
                        {r.supporters === 1 ? 'One person asked' : `${r.supporters} people asked`}
                      </span>
                    ) : (
                      <SupportButton request={r} />
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="pt-section" aria-labelledby="rq-mine">
            <h2 id="rq-mine">Yours</h2>
            {mine.length === 0 ? (
              <p className="muted">You have not asked for anything yet.</p>
            ) : (
              <ul className="pt-cards">
                {mine.map((r) => (
                  <li key={r.id} className="pt-card" data-request={r.title}>
                    <span className="pt-row">
                      <strong>{r.title}</strong>
                      <StatusChip status={r.status} />
                    </span>
                    {r.declineReason && <p className="pt-reason">Why: {r.declineReason}</p>}
                    <span className="muted">
                      {r.supporters === 1 ? 'Only you so far' : `${r.supporters} people asked`}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      <section className="pt-section" aria-labelledby="rq-ask">
        <h2 id="rq-ask">Ask for something</h2>
        <AskForm />
      </section>
    </div>
  );
}

type Acting = { kind: 'link' | 'create' | 'decline'; request: RequestT } | null;

/** Every request, with filters and the PO's triage: link to an item, create one, or decline. */
function TriageList() {
  const product = useProduct();
  const qc = useQueryClient();
  const isOwner = useCan(ROLES.owner);
  const segments = useSegments(product.id).data ?? [];
  const [filters, setFilters] = useState<RequestFilters>({ status: 'open', sort: 'supporters' });
  const [acting, setActing] = useState<Acting>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const q = useRequests(product.id, filters);
  const members = useMembers(product.id).data ?? [];
  const requester = (id: string | null) => members.find((m) => m.userId === id)?.name ?? 'A former member';
  const segmentName = (id: string | null) => segments.find((s) => s.id === id)?.name;
  const refresh = () => qc.invalidateQueries({ queryKey: requestKeys.all(product.id) });
  const togglePublish = async (r: RequestT) => {
    setRowError(null);
    try {
      await requestsApi.update(r.id, r.version, { published: !r.published });
      await refresh();
    } catch (err) {
      setRowError({ id: r.id, message: err instanceof Error ? err.message : 'Not saved.' });
    }
  };
  return (
    <div className="page rq-page">
      <header className="page-head">
        <div>
          <h1>Requests</h1>
          <p>What customers and the team asked for. {isOwner ? 'Triage them into the backlog.' : ''}</p>
        </div>
      </header>
      <fieldset className="rq-filters">
        <legend className="sr-only">Filter and sort requests</legend>
        <label>
          <span className="label">Status</span>
          <select
            className="select"
            value={filters.status ?? ''}
            onChange={(e) =>
              setFilters({ ...filters, status: (e.target.value || undefined) as RequestStatus })
            }
          >
            <option value="">Any status</option>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === 'open' ? 'Open (to triage)' : STATUS_TEXT[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="label">Segment</span>
          <select
            className="select"
            value={filters.segment ?? ''}
            onChange={(e) => setFilters({ ...filters, segment: e.target.value || undefined })}
          >
            <option value="">Any segment</option>
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="label">Sort</span>
          <select
            className="select"
            value={filters.sort ?? 'newest'}
            onChange={(e) => setFilters({ ...filters, sort: e.target.value as RequestFilters['sort'] })}
          >
            <option value="supporters">Most asked first</option>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        </label>
      </fieldset>
      {q.isPending && <Loading label="Loading requests…" />}
      {q.isError && <ErrorState error={q.error} />}
      {q.data?.length === 0 && <p className="muted">No request matches these filters.</p>}
      <ul className="rq-list">
        {q.data?.map((r) => (
          <li key={r.id} className="rq-item" data-request={r.title}>
            <div className="rq-main">
              <span className="pt-row">
                <strong>{r.title}</strong>
                <StatusChip status={r.status} team />
                {r.published && <span className="pt-chip">Shared with stakeholders</span>}
              </span>
              <p className="pt-problem">{r.problem}</p>
              <span className="muted rq-meta">
                {requester(r.requesterId)} · {r.supporters} asked · {timeAgo(r.createdAt, new Date())}
                {segmentName(r.segmentId) && ` · ${segmentName(r.segmentId)}`}
                {r.itemKey && ` · linked to ${r.itemKey}`}
              </span>
              {r.declineReason && <p className="pt-reason">Declined: {r.declineReason}</p>}
              {rowError?.id === r.id && (
                <span className="field-error" role="alert">
                  {rowError.message}
                </span>
              )}
            </div>
            {isOwner && (
              <div className="rq-actions">
                {!r.itemId && (
                  <>
                    <button
                      type="button"
                      className="btn"
                      onClick={() => setActing({ kind: 'link', request: r })}
                    >
                      Link to item
                    </button>
                    <button
                      type="button"
                      className="btn"
                      onClick={() => setActing({ kind: 'create', request: r })}
                    >
                      Create item
                    </button>
                  </>
                )}
                {r.status !== 'declined' && r.status !== 'shipped' && (
                  <button
                    type="button"
                    className="btn"
                    onClick={() => setActing({ kind: 'decline', request: r })}
                  >
                    Decline
                  </button>
                )}
                <button type="button" className="btn btn-ghost" onClick={() => void togglePublish(r)}>
                  {r.published ? 'Unpublish' : 'Publish to stakeholders'}
                  <span className="sr-only"> “{r.title}”</span>
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {acting?.kind === 'link' && (
        <LinkItemDialog request={acting.request} onClose={() => setActing(null)} onDone={refresh} />
      )}
      {acting?.kind === 'create' && (
        <CreateItemDialog request={acting.request} onClose={() => setActing(null)} onDone={refresh} />
      )}
      {acting?.kind === 'decline' && (
        <DeclineDialog request={acting.request} onClose={() => setActing(null)} onDone={refresh} />
      )}
    </div>
  );
}
