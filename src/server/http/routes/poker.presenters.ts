import type { PokerSnapshot } from '#app/poker/snapshot.ts';
import type { PokerSession } from '#contracts/poker.ts';

/** A session snapshot → the one public view every poker endpoint and the live stream send. */
export function presentPokerSession({ session: s, state, items, team, names }: PokerSnapshot): PokerSession {
  const voted = new Set(state.voted);
  return {
    id: s.id,
    productId: s.productId,
    title: s.title,
    scale: s.scale,
    cards: s.cards,
    status: state.status,
    items: items.map((i) => ({ ...i, rounds: state.rounds[i.itemId] ?? 0 })),
    currentItemId: state.currentItemId,
    round: state.round,
    voters: team.map((m) => ({ userId: m.userId, name: m.name, hasVoted: voted.has(m.userId) })),
    votes:
      state.votes?.map((v) => ({
        userId: v.userId,
        name: names.get(v.userId) ?? 'Former member',
        value: v.value,
      })) ?? null,
    spread: state.spread,
    results: state.results,
    createdAt: s.createdAt.toISOString(),
  };
}
