import type { ProductRole } from '#domain/roles.ts';
import type { PokerSessionT } from './poker-api.ts';

/** What each non-voting role is there for (seed 003: the PO does not estimate for the team). */
const WHY: Record<Exclude<ProductRole, 'team'>, string> = {
  owner:
    'The team sizes the work, so you don’t hold cards. Stay close: if the estimates split, they will likely ask you about this item.',
  facilitator:
    'Only the team votes. You run the round: reveal when everyone has played, then record the agreed value.',
  stakeholder: 'Only the team votes. You can follow along as they estimate.',
  viewer: 'Only the team votes. You can follow along as they estimate.',
};

const ROLE_NAME: Record<Exclude<ProductRole, 'team'>, string> = {
  owner: 'Product Owner',
  facilitator: 'facilitator',
  stakeholder: 'a stakeholder',
  viewer: 'a viewer',
};

const list = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/**
 * The watching state for everyone who holds no cards: a calm, friendly panel saying what they are
 * there for and how far the round is, so "nothing to click" reads as intended, not as broken.
 */
export function WatchingNote({ role, session }: { role: ProductRole; session: PokerSessionT }) {
  const who = role === 'team' ? null : role;
  const waiting = session.voters.filter((v) => !v.hasVoted).map((v) => v.name.split(' ')[0] ?? v.name);
  const voted = session.voters.length - waiting.length;
  const progress =
    session.voters.length === 0
      ? 'No team members on this product yet.'
      : waiting.length === 0
        ? 'Everyone has played: the cards turn over at the reveal.'
        : `${voted} of ${session.voters.length} have played; waiting for ${list(waiting)}. The cards stay face down until the reveal.`;
  return (
    <div className="watching" data-testid="watching">
      <svg className="watching-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
        <path
          d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinejoin="round"
        />
        <circle cx="12" cy="12" r="3" fill="currentColor" />
      </svg>
      <div className="watching-text">
        <strong>You’re watching this round{who && ` as ${ROLE_NAME[who]}`}</strong>
        {who && <p>{WHY[who]}</p>}
        <p className="muted" aria-live="polite">
          {progress}
        </p>
      </div>
    </div>
  );
}
