import type { VoteResults } from '#contracts/releases.ts';
import { ErrorState, Loading } from '#web/components/ui.tsx';
import { useResults } from './votes-api.ts';

type Candidate = VoteResults['candidates'][number];
const ordinalOrDash = (n: number | null) => (n == null ? '–' : `#${n}`);

/** The vote beside the backlog: the disagreements first, three orders side by side, per segment. */
export function VoteResultsView({ releaseId }: { releaseId: string }) {
  const results = useResults(releaseId, true);
  if (results.isPending) return <Loading />;
  if (results.isError) return <ErrorState error={results.error} />;
  const r = results.data;
  const disagreeing = new Set(r.disagreements.map((d) => d.itemId));
  const byVote = [...r.candidates].sort((a, b) => a.voteRank - b.voteRank);
  const rankedBy = (key: 'backlogRank' | 'wsjfRank') =>
    r.candidates.filter((c) => c[key] != null).sort((a, b) => a[key]! - b[key]!);
  const segments = r.segments.filter((s) =>
    r.candidates.some((c) => c.bySegment.some((b) => b.segmentId === s.segmentId)),
  );
  return (
    <section className="section stack" aria-labelledby="vote-results">
      <div className="section-head">
        <h2 id="vote-results">Results</h2>
        <span className="muted">
          {r.voters} {r.voters === 1 ? 'voter' : 'voters'} · {r.budget} points each ·{' '}
          {r.state === 'open' ? 'still open' : 'closed'}
        </span>
      </div>
      {r.disagreements.length > 0 ? (
        <ul className="v-disagreements" aria-label="Where the votes and the backlog disagree">
          {r.disagreements.map((d) => (
            <li key={`${d.itemId}-${d.segmentId ?? 'all'}-${d.kind}`}>{d.text}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">The votes and the backlog order agree so far.</p>
      )}
      <div className="v-orders">
        <OrderList
          title="By votes"
          items={byVote}
          rank={(c) => c.voteRank}
          marked={disagreeing}
          tip={(c) => `${c.points} points from ${c.voters} voters`}
        />
        <OrderList
          title="In the backlog"
          items={rankedBy('backlogRank')}
          rank={(c) => c.backlogRank!}
          marked={disagreeing}
          tip={(c) => `${ordinalOrDash(c.backlogRank)} in the backlog`}
        />
        <OrderList
          title="By WSJF"
          empty="None of the candidates has an estimate yet, so WSJF cannot order them."
          items={rankedBy('wsjfRank')}
          rank={(c) => c.wsjfRank!}
          marked={disagreeing}
          tip={(c) => `${ordinalOrDash(c.wsjfRank)} by WSJF`}
        />
      </div>
      <div className="v-table-wrap">
        <table className="list v-table">
          <caption className="sr-only">Votes per candidate and segment</caption>
          <thead>
            <tr>
              <th scope="col">Vote</th>
              <th scope="col">Item</th>
              <th scope="col">Points</th>
              <th scope="col">Voters</th>
              <th scope="col">Backlog</th>
              <th scope="col">WSJF</th>
              {segments.map((s) => (
                <th key={s.segmentId} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {byVote.map((c) => (
              <tr key={c.itemId} className={disagreeing.has(c.itemId) ? 'v-marked' : undefined}>
                <td>#{c.voteRank}</td>
                <td>
                  <span className="mono muted">{c.key}</span> {c.title}
                </td>
                <td title={`${c.points} points from ${c.voters} voters`}>{c.points}</td>
                <td>{c.voters}</td>
                <td title="Position among the open items of the backlog">{ordinalOrDash(c.backlogRank)}</td>
                <td
                  title={c.wsjfRank == null ? 'Needs an estimate' : 'Position by WSJF among the open items'}
                >
                  {ordinalOrDash(c.wsjfRank)}
                </td>
                {segments.map((s) => {
                  const t = c.bySegment.find((b) => b.segmentId === s.segmentId);
                  return (
                    <td
                      key={s.segmentId}
                      title={`${s.name}: ${t?.points ?? 0} points from ${t?.voters ?? 0} voters`}
                    >
                      {t?.points ?? 0}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function OrderList({
  title,
  items,
  rank,
  marked,
  tip,
  empty = 'No open candidates.',
}: {
  title: string;
  empty?: string;
  items: Candidate[];
  rank: (c: Candidate) => number;
  marked: Set<string>;
  tip: (c: Candidate) => string;
}) {
  return (
    <div className="card v-order">
      <h3>{title}</h3>
      {items.length === 0 && <p className="muted">{empty}</p>}
      <ol>
        {items.map((c) => (
          <li key={c.itemId} className={marked.has(c.itemId) ? 'v-marked' : undefined} title={tip(c)}>
            <span className="v-rank">{rank(c)}</span>
            <span className="mono">{c.key}</span> <span className="v-order-title">{c.title}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
