import { AppError } from '#domain/errors.ts';
import { pointsOf } from './scales.ts';
import { type VoteSpread, voteSpread } from './spread.ts';

export const POKER_STATUSES = ['voting', 'revealed', 'closed'] as const;
export type PokerStatus = (typeof POKER_STATUSES)[number];

export interface PokerVote {
  userId: string;
  value: string;
}

export interface PokerResult {
  itemId: string;
  value: string;
  points: number;
}

/**
 * A session's state: the current item and its round, the votes of that round, the agreed results.
 * Rounds count per item (the first vote on an item is its round 1, however many items came
 * before); `rounds` holds the last round each item reached, so coming back to an item carries on
 * from there.
 */
export interface PokerState {
  status: PokerStatus;
  cards: string[];
  itemIds: string[];
  currentItemId: string | null;
  round: number;
  rounds: Record<string, number>;
  votes: PokerVote[];
  results: PokerResult[];
}

/** The rounds each item has had, with the current item's counted up to its open round. */
export function roundsOf(s: Pick<PokerState, 'currentItemId' | 'round' | 'rounds'>): Record<string, number> {
  if (!s.currentItemId) return s.rounds;
  return { ...s.rounds, [s.currentItemId]: Math.max(s.rounds[s.currentItemId] ?? 0, s.round) };
}

/** The round an item opens in: one after the last it had, round 1 for an item new to the session. */
const nextRound = (rounds: Record<string, number>, itemId: string) => (rounds[itemId] ?? 0) + 1;

const refuse = (message: string) => new AppError('conflict', message);

/** A team member plays (or changes) their card; only while the round is open. */
export function castVote(s: PokerState, userId: string, value: string): PokerState {
  if (s.status !== 'voting' || !s.currentItemId) throw refuse('Voting is not open right now.');
  if (!s.cards.includes(value))
    throw new AppError('validation_failed', `${value} is not a card of this deck.`, {
      value: `Pick one of ${s.cards.join(' ')}`,
    });
  return { ...s, votes: [...s.votes.filter((v) => v.userId !== userId), { userId, value }] };
}

export function reveal(s: PokerState): PokerState {
  if (s.status !== 'voting') throw refuse('Only an open round can be revealed.');
  if (s.votes.length === 0) throw refuse('Nobody has voted yet.');
  return { ...s, status: 'revealed' };
}

/** Starts a new round on the same item: every card goes back to the hand. */
export function revote(s: PokerState): PokerState {
  if (s.status !== 'revealed') throw refuse('Reveal the votes before voting again.');
  const rounds = roundsOf(s);
  return { ...s, status: 'voting', round: s.round + 1, rounds, votes: [] };
}

/** Moves the session to an item of its set, in a fresh round. */
export function selectItem(s: PokerState, itemId: string): PokerState {
  if (s.status === 'closed') throw refuse('This session is closed.');
  if (!s.itemIds.includes(itemId)) throw refuse('That item is not part of this session.');
  // A round nobody voted in did not happen: leaving it and coming back reopens the same number.
  const rounds = s.votes.length > 0 || s.status === 'revealed' ? roundsOf(s) : s.rounds;
  return {
    ...s,
    status: 'voting',
    currentItemId: itemId,
    round: nextRound(rounds, itemId),
    rounds,
    votes: [],
  };
}

/**
 * Records the agreed card for the current item after a reveal and moves on to the next item
 * without a result; the session closes when every item has one.
 */
export function agree(s: PokerState, value: string): { state: PokerState; result: PokerResult } {
  if (s.status !== 'revealed' || !s.currentItemId) throw refuse('Reveal the votes before agreeing.');
  const points = s.cards.includes(value) ? pointsOf(value) : null;
  if (points === null)
    throw new AppError('validation_failed', 'Agree on a card that stands for points.', {
      value: 'Must be an estimate card of this deck',
    });
  const result = { itemId: s.currentItemId, value, points };
  const results = [...s.results.filter((r) => r.itemId !== result.itemId), result];
  const next = s.itemIds.find((id) => !results.some((r) => r.itemId === id)) ?? null;
  const rounds = roundsOf(s);
  return {
    result,
    state: {
      ...s,
      results,
      currentItemId: next,
      status: next ? 'voting' : 'closed',
      round: next ? nextRound(rounds, next) : s.round,
      rounds,
      votes: [],
    },
  };
}

export function closeSession(s: PokerState): PokerState {
  return { ...s, status: 'closed', votes: s.status === 'revealed' ? s.votes : [] };
}

/**
 * What anyone in the session may see. Before reveal it lists who has voted and never the values:
 * every endpoint and the live stream go through this one function, so no path can leak a vote.
 */
export interface PokerPublicState {
  status: PokerStatus;
  currentItemId: string | null;
  /** The current item's round (rounds count per item). */
  round: number;
  /** Rounds each item has had so far: counts only, never a vote. */
  rounds: Record<string, number>;
  voted: string[];
  votes: PokerVote[] | null;
  spread: VoteSpread | null;
  results: PokerResult[];
}

export function publicState(s: PokerState): PokerPublicState {
  const shown = s.status === 'revealed';
  return {
    status: s.status,
    currentItemId: s.currentItemId,
    round: s.round,
    rounds: roundsOf(s),
    voted: s.votes.map((v) => v.userId).sort(),
    votes: shown ? s.votes.map((v) => ({ userId: v.userId, value: v.value })) : null,
    spread: shown
      ? voteSpread(
          s.cards,
          s.votes.map((v) => v.value),
        )
      : null,
    results: s.results,
  };
}
