import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Ballot } from '#contracts/releases.ts';
import { ErrorState, Loading } from '#web/components/ui.tsx';
import { when } from '#web/features/sprints/format.ts';
import { isApiError } from '#web/lib/api.ts';
import { useBallot, voteKeys, votesApi } from './votes-api.ts';

type Points = Record<string, number>;
const draftKey = (releaseId: string) => `tandem.vote-draft.${releaseId}`;

function readDraft(releaseId: string): Points | null {
  try {
    const raw = localStorage.getItem(draftKey(releaseId));
    return raw ? (JSON.parse(raw) as Points) : null;
  } catch {
    return null;
  }
}

/** A stakeholder's ballot, phone first: one card per candidate with − / + and a points meter. */
export function BallotPage({ releaseId }: { releaseId: string }) {
  const ballot = useBallot(releaseId);
  if (ballot.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (ballot.isError)
    return (
      <div className="page">
        <ErrorState error={ballot.error} />
      </div>
    );
  return <BallotForm ballot={ballot.data} />;
}

function BallotForm({ ballot }: { ballot: Ballot }) {
  const qc = useQueryClient();
  const saved: Points = Object.fromEntries(ballot.votes.map((v) => [v.itemId, v.points]));
  // An unsaved draft survives a reload or a failed save: nothing the person chose is lost.
  const [points, setPoints] = useState<Points>(() => readDraft(ballot.releaseId) ?? saved);
  const [status, setStatus] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const total = Object.values(points).reduce((s, n) => s + n, 0);
  const left = ballot.budget - total;
  const open = ballot.state === 'open';
  const dirty =
    JSON.stringify(
      Object.entries(points)
        .filter(([, n]) => n > 0)
        .sort(),
    ) !== JSON.stringify(Object.entries(saved).sort());

  useEffect(() => {
    if (dirty) localStorage.setItem(draftKey(ballot.releaseId), JSON.stringify(points));
    else localStorage.removeItem(draftKey(ballot.releaseId));
  }, [dirty, points, ballot.releaseId]);

  const step = (itemId: string, by: number) => {
    setStatus(null);
    setPoints((p) => {
      const next = Math.max(0, (p[itemId] ?? 0) + by);
      if (by > 0 && left <= 0) return p;
      return { ...p, [itemId]: next };
    });
  };

  const save = async () => {
    setBusy(true);
    setStatus(null);
    try {
      const votes = ballot.candidates
        .map((c) => ({ itemId: c.itemId, points: points[c.itemId] ?? 0 }))
        .filter((v) => v.points > 0);
      await votesApi.saveVotes(ballot.releaseId, votes);
      localStorage.removeItem(draftKey(ballot.releaseId));
      await qc.invalidateQueries({ queryKey: voteKeys.ballot(ballot.releaseId) });
      setStatus({ kind: 'saved', text: `Saved: ${total} of ${ballot.budget} points.` });
    } catch (err) {
      const text = isApiError(err) ? err.message : 'Not saved: check your connection and try again.';
      setStatus({ kind: 'error', text: `Not saved. ${text} Your choices are kept here.` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page v-ballot">
      <Link to=".." relative="path" className="v-back">
        ← Votes
      </Link>
      <h1>{ballot.name}</h1>
      <p className="muted">
        {open
          ? `Spread your ${ballot.budget} points over what you want most. Closes ${when(ballot.closesAt!)}.`
          : ballot.state === 'none'
            ? 'No vote is open on this release yet.'
            : 'This vote has closed. Thank you for taking part.'}
      </p>
      {ballot.state !== 'none' && (
        <div className="v-meter" role="status" aria-live="polite">
          <span>
            Points left: <strong>{Math.max(0, left)}</strong> of {ballot.budget}
          </span>
          {left < 0 && (
            <span className="field-error">
              {-left} {left === -1 ? 'point' : 'points'} over the budget: take some back before saving.
            </span>
          )}
          <span className="v-meter-bar" aria-hidden="true">
            <span style={{ width: `${Math.min(100, (total / ballot.budget) * 100)}%` }} />
          </span>
        </div>
      )}
      <ul className="v-cards">
        {ballot.candidates.map((c) => {
          const n = points[c.itemId] ?? 0;
          return (
            <li key={c.itemId} className="card v-card">
              <div className="v-card-text">
                <span className="mono muted">{c.key}</span>
                <h2>{c.title}</h2>
                {c.problem && <p>{c.problem}</p>}
              </div>
              <fieldset className="v-stepper">
                <legend className="sr-only">Points for {c.title}</legend>
                <button
                  type="button"
                  className="btn v-step"
                  aria-label={`One point less for ${c.title}`}
                  disabled={!open || n === 0}
                  onClick={() => step(c.itemId, -1)}
                >
                  −
                </button>
                <output className="v-points" aria-label={`${n} points for ${c.title}`}>
                  {n}
                </output>
                <button
                  type="button"
                  className="btn v-step"
                  aria-label={`One point more for ${c.title}`}
                  disabled={!open || left <= 0}
                  onClick={() => step(c.itemId, 1)}
                >
                  +
                </button>
              </fieldset>
            </li>
          );
        })}
      </ul>
      {status && (
        <div className={status.kind === 'error' ? 'alert alert-error' : 'alert alert-success'} role="alert">
          {status.text}
        </div>
      )}
      {open && (
        <button
          type="button"
          className="btn btn-primary v-save"
          disabled={busy || !dirty}
          onClick={() => void save()}
        >
          {busy ? 'Saving…' : dirty ? 'Save my votes' : 'Saved'}
        </button>
      )}
    </div>
  );
}
