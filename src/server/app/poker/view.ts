import type { Repos } from '#app/store.ts';
import type { PokerSession } from '#contracts/poker.ts';
import { type PokerState, publicState } from '#domain/poker/session.ts';
import type { PokerSessionRecord } from './ports.ts';

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
 * The one public view of a session, for every endpoint and the live stream. Vote values come
 * only from `publicState`, which leaves them out until reveal.
 */
export async function sessionView(r: Repos, s: PokerSessionRecord): Promise<PokerSession> {
  const state = await loadState(r, s);
  const items = await r.poker.items(s.productId, s.itemIds);
  const members = await r.members.list(s.productId);
  const pub = publicState(state);
  const team = members.filter((m) => m.role === 'team');
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const voted = new Set(pub.voted);
  return {
    id: s.id,
    productId: s.productId,
    title: s.title,
    scale: s.scale,
    cards: s.cards,
    status: pub.status,
    items: items.map((i) => ({ ...i, rounds: pub.rounds[i.itemId] ?? 0 })),
    currentItemId: pub.currentItemId,
    round: pub.round,
    voters: team.map((m) => ({ userId: m.userId, name: m.name, hasVoted: voted.has(m.userId) })),
    votes:
      pub.votes?.map((v) => ({
        userId: v.userId,
        name: names.get(v.userId) ?? 'Former member',
        value: v.value,
      })) ?? null,
    spread: pub.spread,
    results: pub.results,
    createdAt: s.createdAt.toISOString(),
  };
}
