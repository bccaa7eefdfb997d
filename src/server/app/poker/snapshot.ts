import type { Repos } from '#app/store.ts';
import { type PokerPublicState, type PokerState, publicState } from '#domain/poker/session.ts';
import type { PokerItemRecord, PokerSessionRecord } from './ports.ts';

/** The session's state as the domain sees it: the current round's votes and the agreed results. */
export async function loadState(r: Repos, s: PokerSessionRecord): Promise<PokerState> {
  // Sequential on purpose: inside a transaction one client runs one query at a time.
  const votes = s.currentItemId ? await r.poker.votes(s.id, s.currentItemId, s.round) : [];
  const results = await r.poker.results(s.id);
  const rounds = await r.poker.rounds(s.id);
  return {
    status: s.status,
    cards: s.cards,
    itemIds: s.itemIds,
    currentItemId: s.currentItemId,
    round: s.round,
    rounds,
    votes,
    results,
  };
}

/**
 * Everything a session's view is made of, for every endpoint and the live stream (the HTTP layer
 * presents it: http/routes/poker.presenters.ts). The state is only ever `publicState`, which
 * leaves vote values out until reveal, so no path can leak a vote.
 */
export interface PokerSnapshot {
  session: PokerSessionRecord;
  state: PokerPublicState;
  items: PokerItemRecord[];
  /** The team (who may vote), in member order. */
  team: Array<{ userId: string; name: string }>;
  /** Every member's name, for the votes of people who have since left the team. */
  names: Map<string, string>;
}

export async function sessionSnapshot(r: Repos, s: PokerSessionRecord): Promise<PokerSnapshot> {
  const state = await loadState(r, s);
  const items = await r.poker.items(s.productId, s.itemIds);
  const members = await r.members.list(s.productId);
  return {
    session: s,
    state: publicState(state),
    items,
    team: members.filter((m) => m.role === 'team').map((m) => ({ userId: m.userId, name: m.name })),
    names: new Map(members.map((m) => [m.userId, m.name])),
  };
}
