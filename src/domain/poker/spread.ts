import { pointsOf } from './scales.ts';

export interface VoteSpread {
  /** Card → how many voted it, in deck order. */
  distribution: Array<{ card: string; count: number }>;
  /** Lowest and highest estimate by points (cards without points left out). */
  min: string | null;
  max: string | null;
  /** Everyone who estimated picked the same card (and nobody played ? or ☕). */
  consensus: boolean;
  /** The most played estimate; ties go to the larger card, the safer choice for planning. */
  suggested: string | null;
}

/** Spread of revealed votes: the team talks about the extremes before re-voting (Grenning, 2002). */
export function voteSpread(cards: readonly string[], votes: readonly string[]): VoteSpread {
  const counts = new Map<string, number>();
  for (const v of votes) counts.set(v, (counts.get(v) ?? 0) + 1);
  const distribution = cards.filter((c) => counts.has(c)).map((card) => ({ card, count: counts.get(card)! }));
  const estimates = votes
    .map((v) => ({ card: v, points: pointsOf(v) }))
    .filter((v): v is { card: string; points: number } => v.points !== null)
    .sort((a, b) => a.points - b.points);
  let suggested: string | null = null;
  let best = 0;
  for (const e of estimates) {
    const n = counts.get(e.card)!;
    if (n >= best) {
      best = n;
      suggested = e.card;
    }
  }
  const distinct = new Set(votes);
  return {
    distribution,
    min: estimates[0]?.card ?? null,
    max: estimates.at(-1)?.card ?? null,
    consensus: votes.length > 0 && distinct.size === 1 && estimates.length === votes.length,
    suggested,
  };
}
