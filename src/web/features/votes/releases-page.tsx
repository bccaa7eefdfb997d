import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Release } from '#contracts/releases.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { ListPage, ListTable, QueryList } from '#web/components/list.tsx';
import { EmptyState } from '#web/components/ui.tsx';
import { day, when } from '#web/features/sprints/format.ts';
import { isApiError } from '#web/lib/api.ts';
import { useReleases, voteKeys, votesApi } from './votes-api.ts';

export function voteLabel(r: Release): string {
  if (r.vote.state === 'none') return 'No vote';
  if (r.vote.state === 'open') return `Vote open until ${when(r.vote.closesAt!)}`;
  return 'Vote closed';
}

/** Releases of the product: the PO creates them; everyone sees their dates and votes. */
export function ReleasesPage() {
  const product = useProduct();
  const releases = useReleases(product.id);
  const reader = useCan(ROLES.readers);
  const isPo = useCan(ROLES.owner);
  if (!reader) return <OpenVotes releases={releases} />;
  return (
    <ListPage
      title="Releases and votes"
      subtitle="What ships together, and what the customers would pick next: open a vote on candidates and read it beside the backlog."
    >
      {isPo && <CreateRelease productId={product.id} />}
      <QueryList
        query={releases}
        empty={
          <EmptyState title="No releases yet">
            {isPo
              ? 'Name the next release above, then open a vote on its candidates.'
              : 'The Product Owner has not planned a release yet.'}
          </EmptyState>
        }
      >
        {(rows) => (
          <ListTable
            label="Releases"
            columns={[
              { head: 'Release' },
              { head: 'Target' },
              { head: 'Vote' },
              { head: 'Shipped', className: 'hide-phone' },
            ]}
            rows={rows}
            rowKey={(r) => r.id}
            row={(r) => (
              <>
                <td>
                  <Link to={r.id}>{r.name}</Link>
                </td>
                <td>{r.targetDate ? day(r.targetDate, true) : '–'}</td>
                <td>
                  <span className={r.vote.state === 'open' ? 'badge badge-accent' : 'badge'}>
                    {voteLabel(r)}
                  </span>
                </td>
                <td className="hide-phone">{r.shippedAt ? day(r.shippedAt, true) : '–'}</td>
              </>
            )}
          />
        )}
      </QueryList>
    </ListPage>
  );
}

function CreateRelease({ productId }: { productId: string }) {
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [targetDate, setTargetDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      await votesApi.create(productId, { name, targetDate: targetDate || null });
      setName('');
      setTargetDate('');
      await qc.invalidateQueries({ queryKey: voteKeys.releases(productId) });
    } catch (err) {
      setError(isApiError(err) ? (Object.values(err.fields)[0] ?? err.message) : 'Not saved. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="card v-create"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <div className="field">
        <label htmlFor="release-name">New release</label>
        <input
          id="release-name"
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Spring release"
        />
      </div>
      <div className="field">
        <label htmlFor="release-date">Target date</label>
        <input
          id="release-date"
          className="input"
          type="date"
          value={targetDate}
          onChange={(e) => setTargetDate(e.target.value)}
        />
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy || !name.trim()}>
        Create release
      </button>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}

/** A stakeholder's list: the votes waiting for them. */
function OpenVotes({ releases }: { releases: ReturnType<typeof useReleases> }) {
  const open = releases.data?.filter((r) => r.vote.state === 'open');
  return (
    <ListPage title="Votes" subtitle="Spread your points over what you would like next.">
      <QueryList
        query={{ ...releases, data: open }}
        empty={
          <EmptyState title="No vote is open">
            When the Product Owner asks what should come next, the vote shows up here.
          </EmptyState>
        }
      >
        {(rows) => (
          <ul className="v-open-list">
            {rows.map((r) => (
              <li key={r.id}>
                <Link className="card v-open-link" to={r.id}>
                  <strong>{r.name}</strong>
                  <span className="muted">
                    {r.vote.budget} points to spend · closes {when(r.vote.closesAt!)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryList>
    </ListPage>
  );
}
