import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { AgreementDetail, AgreementVersion } from '#contracts/agreements.ts';
import { ROLE_LABELS, ROLES } from '#domain/roles.ts';
import { useCan } from '#web/app/product-context.tsx';
import { Avatar, ErrorState, Loading, PageHead } from '#web/components/ui.tsx';
import { day, when } from '#web/features/sprints/format.ts';
import { isApiError } from '#web/lib/api.ts';
import { agreementKeys, agreementsApi, useAgreement } from './agreements-api.ts';
import { standing } from './agreements-page.tsx';
import { timeLeft } from './countdown.ts';
import { VersionDiff } from './version-diff.tsx';
import { VersionText } from './version-text.tsx';

const STATUS_LABEL: Record<AgreementVersion['status'], string> = {
  proposed: 'Proposed',
  effective: 'In effect',
  superseded: 'Superseded',
  withdrawn: 'Withdrawn',
};

/** The clock the countdown reads, ticking every 30 s. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

function Acknowledgements({ a }: { a: AgreementDetail }) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const acks = a.acknowledgements;
  if (!acks) return null;
  const total = acks.acknowledged.length + acks.pending.length;
  const ack = async () => {
    setBusy(true);
    setError(null);
    try {
      qc.setQueryData(agreementKeys.one(a.id), await agreementsApi.acknowledge(a.id));
      void qc.invalidateQueries({ queryKey: agreementKeys.list(a.productId) });
    } catch (err) {
      setError(isApiError(err) ? err.message : 'Not saved. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card ag-acks" aria-labelledby="ag-acks-h">
      <div className="section-head">
        <h2 id="ag-acks-h">
          Acknowledged: {acks.acknowledged.length} of {total} · version {acks.version}
        </h2>
        {a.can.acknowledge && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void ack()}>
            Acknowledge version {acks.version}
          </button>
        )}
        {a.acknowledgedByMe && (
          <span className="badge badge-accent">You acknowledged version {acks.version}</span>
        )}
      </div>
      <meter
        className="ag-meter"
        min={0}
        max={total || 1}
        value={acks.acknowledged.length}
        aria-label="Acknowledged"
      />
      <div className="ag-ack-cols">
        <div>
          <h3>Waiting for</h3>
          {acks.pending.length === 0 ? (
            <p className="faint">Nobody: everyone asked has acknowledged.</p>
          ) : (
            <ul className="ag-people">
              {acks.pending.map((m) => (
                <li key={m.userId}>
                  <Avatar name={m.name} /> {m.name} <span className="faint">{ROLE_LABELS[m.role]}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Acknowledged</h3>
          {acks.acknowledged.length === 0 ? (
            <p className="faint">Nobody yet.</p>
          ) : (
            <ul className="ag-people">
              {acks.acknowledged.map((m) => (
                <li key={m.userId}>
                  <Avatar name={m.name} /> {m.name} <span className="faint">{when(m.at)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}

function History({ a }: { a: AgreementDetail }) {
  const [open, setOpen] = useState<number | null>(a.versions[0]?.number ?? null);
  return (
    <section className="ag-history" aria-labelledby="ag-history-h">
      <h2 id="ag-history-h">Version history</h2>
      <ol className="ag-versions">
        {a.versions.map((v) => (
          <li key={v.number} className="ag-version-row">
            <button
              type="button"
              className="ag-version-toggle"
              aria-expanded={open === v.number}
              onClick={() => setOpen(open === v.number ? null : v.number)}
            >
              <strong>Version {v.number}</strong>
              <span className={v.status === 'effective' ? 'badge badge-accent' : 'badge'}>
                {STATUS_LABEL[v.status]}
              </span>
              <span className="faint">
                proposed by {v.proposedBy?.name ?? 'someone'} on {day(v.proposedAt, true)} · in effect from{' '}
                {day(v.effectiveFrom, true)}
                {v.comments.length > 0 &&
                  ` · ${v.comments.length} ${v.comments.length === 1 ? 'comment' : 'comments'}`}
              </span>
            </button>
            {open === v.number && <VersionDiff parts={v.diff} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

function ShareToggle({ a }: { a: AgreementDetail }) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  // Optimistic: the box follows the click at once and goes back if the server refuses.
  const [on, setOn] = useState(a.shared);
  useEffect(() => setOn(a.shared), [a.shared]);
  const toggle = async () => {
    setError(null);
    setOn(!a.shared);
    try {
      qc.setQueryData(
        agreementKeys.one(a.id),
        await agreementsApi.update(a.id, { shared: !a.shared }, a.version),
      );
    } catch (err) {
      setOn(a.shared);
      setError(isApiError(err) ? err.message : 'Not saved. Try again.');
      void qc.invalidateQueries({ queryKey: agreementKeys.one(a.id) });
    }
  };
  return (
    <>
      <label className="ag-share">
        <input type="checkbox" checked={on} onChange={() => void toggle()} /> Shared with stakeholders
      </label>
      {error && <span className="ag-error">{error}</span>}
    </>
  );
}

/** One agreement: the proposal open for comments, the version in force and who acknowledged it, the history. */
export function AgreementPage({ agreementId }: { agreementId: string }) {
  const q = useAgreement(agreementId);
  const now = useNow();
  const member = useCan(ROLES.readers);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
  const a = q.data;
  const pending = a.versions.find((v) => v.number === a.pendingVersion);
  const effective = a.versions.find((v) => v.number === a.effectiveVersion);
  const s = standing(a, now, member);
  return (
    <div className="page stack ag-page">
      <Link className="ag-back" to="..">
        ← Working agreements
      </Link>
      <PageHead
        title={a.title}
        subtitle={<span className={s.tone === 'accent' ? 'badge badge-accent' : 'badge'}>{s.label}</span>}
        actions={
          <>
            {a.can.share && <ShareToggle a={a} />}
            {a.can.propose && (
              <Link className="btn btn-primary" to="propose">
                {a.draft ? 'Continue the draft' : 'Propose a new version'}
              </Link>
            )}
          </>
        }
      />
      {pending && (
        <section className="card ag-version ag-pending" aria-labelledby="ag-pending-h">
          <div className="section-head">
            <h2 id="ag-pending-h">Version {pending.number}, proposed</h2>
            {pending.commentUntil && (
              <span
                className={pending.commentsOpen ? 'badge badge-accent ag-countdown' : 'badge'}
                role="timer"
              >
                {pending.commentsOpen
                  ? `Comments close in ${timeLeft(pending.commentUntil, now).replace(' left', '')}`
                  : 'Comments closed'}
              </span>
            )}
          </div>
          <p className="muted">
            Proposed by {pending.proposedBy?.name ?? 'someone'} on {when(pending.proposedAt)}.{' '}
            {pending.commentUntil
              ? `Open for comments until ${when(pending.commentUntil)}; `
              : 'No comment period; '}
            in effect from {when(pending.effectiveFrom)}
            {effective ? `, superseding version ${effective.number}.` : '.'}
          </p>
          {pending.diff.length > 0 && (
            <details className="ag-changes">
              <summary>What changed from version {pending.number - 1 || 1}</summary>
              <VersionDiff parts={pending.diff} />
            </details>
          )}
          <VersionText agreementId={a.id} v={pending} canComment={a.can.comment && pending.commentsOpen} />
        </section>
      )}
      {effective ? (
        <>
          <Acknowledgements a={a} />
          <section className="card ag-version" aria-labelledby="ag-effective-h">
            <div className="section-head">
              <h2 id="ag-effective-h">Version {effective.number}, in effect</h2>
              <span className="faint">since {when(effective.effectiveFrom)}</span>
            </div>
            <VersionText agreementId={a.id} v={effective} canComment={false} />
          </section>
        </>
      ) : (
        !pending && (
          <section className="card ag-version">
            <h2>Not proposed yet</h2>
            <p className="muted">
              {a.draft
                ? 'A draft is being written. Propose it with a comment period so everyone can say what they think before it applies.'
                : 'Nothing written yet.'}
            </p>
          </section>
        )
      )}
      {a.versions.length > 0 && <History a={a} />}
    </div>
  );
}
