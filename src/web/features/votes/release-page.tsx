import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ReleaseDetail } from '#contracts/releases.ts';
import type { ItemStatus } from '#domain/backlog/item-rules.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { ErrorState, Loading, PageHead } from '#web/components/ui.tsx';
import { STATUS_LABELS } from '#web/features/backlog/labels.ts';
import { day } from '#web/features/sprints/format.ts';
import { isApiError } from '#web/lib/api.ts';
import { voteLabel } from './releases-page.tsx';
import { VoteResultsView } from './results-view.tsx';
import { useOpenItems, useRelease, voteKeys, votesApi } from './votes-api.ts';

const message = (err: unknown) =>
  isApiError(err)
    ? [err.message, ...Object.entries(err.fields).map(([k, v]) => `${k}: ${v}`)].join(' ')
    : 'Not saved. Try again.';

/** One release for the PO and the team: its items, its vote and the results beside the backlog. */
export function ReleasePage({ releaseId }: { releaseId: string }) {
  const release = useRelease(releaseId);
  const isPo = useCan(ROLES.owner);
  const qc = useQueryClient();
  const product = useProduct();
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  if (release.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (release.isError)
    return (
      <div className="page">
        <ErrorState error={release.error} />
      </div>
    );
  const r = release.data;
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: voteKeys.release(releaseId) }),
      qc.invalidateQueries({ queryKey: voteKeys.results(releaseId) }),
      qc.invalidateQueries({ queryKey: voteKeys.releases(product.id) }),
    ]);
  const ship = async () => {
    setError(null);
    try {
      await votesApi.ship(releaseId);
      await refresh();
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <div className="page stack">
      <Link to=".." relative="path" className="v-back">
        ← Releases
      </Link>
      <PageHead
        title={r.name}
        subtitle={`${r.targetDate ? `Target ${day(r.targetDate, true)}` : 'No target date'} · ${r.shippedAt ? `Shipped ${day(r.shippedAt, true)}` : 'Not shipped'} · ${voteLabel(r)}`}
        actions={
          isPo &&
          !r.shippedAt && (
            <>
              <button type="button" className="btn" onClick={() => setOpening((o) => !o)}>
                {r.vote.state === 'none' ? 'Open a vote' : 'Change the vote'}
              </button>
              <button type="button" className="btn" onClick={() => void ship()}>
                Mark shipped
              </button>
            </>
          )
        }
      />
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {isPo && <TargetDate release={r} onSaved={refresh} />}
      {opening && isPo && (
        <OpenVoteForm
          release={r}
          onDone={() => {
            setOpening(false);
            void refresh();
          }}
        />
      )}
      <section className="section" aria-labelledby="rel-items">
        <h2 id="rel-items">Items in this release</h2>
        {r.items?.length ? (
          <ul className="v-items">
            {r.items.map((i) => (
              <li key={i.id}>
                <span className="mono muted">{i.key}</span> {i.title}{' '}
                <span className="badge">{STATUS_LABELS[i.status as ItemStatus] ?? i.status}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No items yet. Assign items to it from the item panel in the backlog.</p>
        )}
      </section>
      {r.vote.state !== 'none' && <VoteResultsView releaseId={releaseId} />}
    </div>
  );
}

function TargetDate({ release, onSaved }: { release: ReleaseDetail; onSaved: () => unknown }) {
  const [value, setValue] = useState(release.targetDate ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    try {
      await votesApi.update(release.id, { targetDate: value || null }, release.version);
      await onSaved();
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <div className="form-row v-target">
      <label htmlFor="rel-target">Target date</label>
      <input
        id="rel-target"
        className="input"
        type="date"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button
        type="button"
        className="btn btn-sm"
        disabled={value === (release.targetDate ?? '')}
        onClick={() => void save()}
      >
        Save date
      </button>
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}

const inAWeek = () => {
  const d = new Date(Date.now() + 7 * 86_400_000);
  d.setHours(17, 0, 0, 0);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T17:00`;
};

/** The PO picks candidates from the open backlog (in its order), the budget and the closing time. */
function OpenVoteForm({ release, onDone }: { release: ReleaseDetail; onDone: () => void }) {
  const product = useProduct();
  const items = useOpenItems(product.id, true);
  const [picked, setPicked] = useState<string[]>(release.candidateIds ?? []);
  const [budget, setBudget] = useState(String(release.vote.budget ?? 10));
  const [closesAt, setClosesAt] = useState(
    release.vote.closesAt ? release.vote.closesAt.slice(0, 16) : inAWeek(),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const order = new Map(items.data?.map((i, n) => [i.id, n]));
      const itemIds = [...picked].sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9));
      await votesApi.openVote(release.id, {
        budget: Number(budget),
        itemIds,
        closesAt: new Date(closesAt).toISOString(),
      });
      onDone();
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card v-open-form" aria-labelledby="open-vote">
      <h2 id="open-vote">Open a vote</h2>
      <div className="form-row">
        <div className="field">
          <label htmlFor="vote-budget">Points per stakeholder</label>
          <input
            id="vote-budget"
            className="input"
            type="number"
            min={1}
            max={1000}
            value={budget}
            onChange={(e) => setBudget(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="vote-closes">Closes</label>
          <input
            id="vote-closes"
            className="input"
            type="datetime-local"
            value={closesAt}
            onChange={(e) => setClosesAt(e.target.value)}
          />
        </div>
      </div>
      <fieldset className="v-pick">
        <legend>Candidates from the backlog ({picked.length} picked)</legend>
        {items.isPending && <Loading />}
        {items.data?.map((i) => (
          <label key={i.id} className="v-pick-row">
            <input type="checkbox" checked={picked.includes(i.id)} onChange={() => toggle(i.id)} />
            <span className="mono muted">{i.key}</span> {i.title}
          </label>
        ))}
      </fieldset>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div className="form-row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || picked.length === 0}
          onClick={() => void submit()}
        >
          {release.vote.state === 'none' ? 'Open the vote' : 'Update the vote'}
        </button>
      </div>
    </section>
  );
}
