import { Avatar } from '#web/components/ui.tsx';
import type { PokerSessionT } from './poker-api.ts';

/** The hand of cards: big, tappable, one pressed. Shown only to team members while voting. */
export function CardHand({
  cards,
  mine,
  disabled,
  onPick,
}: {
  cards: string[];
  mine: string | null;
  disabled: boolean;
  onPick: (card: string) => void;
}) {
  return (
    <fieldset className="hand" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="sr-only">Your card</legend>
      {cards.map((c) => (
        <button
          key={c}
          type="button"
          className="poker-card"
          aria-pressed={mine === c}
          aria-label={c === '?' ? 'Not sure' : c === '☕' ? 'Need a break' : `${c}`}
          disabled={disabled}
          onClick={() => onPick(c)}
        >
          {c}
        </button>
      ))}
    </fieldset>
  );
}

/**
 * Who is voting. Before the reveal it shows only who has voted (a face-down card); after, each
 * person's card. The values are not in the data before the reveal, so nothing here can leak them.
 */
export function Voters({ session }: { session: PokerSessionT }) {
  const revealed = session.votes !== null;
  const voteOf = (userId: string) => session.votes?.find((v) => v.userId === userId)?.value ?? null;
  const voted = session.voters.filter((v) => v.hasVoted).length;
  return (
    <section className="section" aria-labelledby="voters-h">
      <div className="section-head">
        <h2 id="voters-h">Team</h2>
        <span className="muted" data-testid="voted-count">
          {voted} of {session.voters.length} voted
        </span>
      </div>
      {session.voters.length === 0 && <p className="muted">No team members on this product yet.</p>}
      <ul className="voters" aria-live="polite">
        {session.voters.map((v) => {
          const value = voteOf(v.userId);
          return (
            <li key={v.userId} className="voter" data-testid={`voter-${v.name}`}>
              <Avatar name={v.name} />
              <span className="grow">{v.name}</span>
              {revealed ? (
                <span className="mini-card face-up">
                  {value ?? '–'}
                  <span className="sr-only">{value ? ` voted ${value}` : ' did not vote'}</span>
                </span>
              ) : v.hasVoted ? (
                <span className="mini-card face-down">
                  ✓<span className="sr-only"> has voted</span>
                </span>
              ) : (
                <span className="mini-card waiting">
                  …<span className="sr-only"> has not voted yet</span>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** After the reveal: how the cards spread, lowest and highest, and whether the team agrees. */
export function Spread({ spread }: { spread: NonNullable<PokerSessionT['spread']> }) {
  const max = Math.max(1, ...spread.distribution.map((d) => d.count));
  return (
    <section
      className="section card"
      style={{ padding: 'var(--space-3)' }}
      aria-labelledby="spread-h"
      data-testid="spread"
    >
      <div className="section-head">
        <h2 id="spread-h">Spread</h2>
        {spread.consensus ? (
          <span className="badge badge-success">Consensus</span>
        ) : (
          <span className="badge badge-warning">
            {spread.min} to {spread.max}: talk it through
          </span>
        )}
      </div>
      <ul className="spread" aria-label="Votes per card">
        {spread.distribution
          .filter((d) => d.count > 0)
          .map((d) => (
            <li key={d.card}>
              <span className="spread-card">{d.card}</span>
              <span className="spread-bar" style={{ width: `${(d.count / max) * 100}%` }} />
              <span className="spread-count">
                {d.count} {d.count === 1 ? 'vote' : 'votes'}
              </span>
            </li>
          ))}
      </ul>
      {!spread.consensus && spread.min !== spread.max && (
        <p className="muted">Lowest and highest explain their thinking, then vote again or agree.</p>
      )}
    </section>
  );
}
