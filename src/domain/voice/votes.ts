/**
 * Release votes (issue 10, seed 000): stakeholders spread a budget of points over the PO's
 * candidates; the results are read beside the PO's backlog order and the WSJF order, and the
 * places where the customers disagree with the backlog are said in words.
 */
import { AppError, type FieldErrors, invalid } from '#domain/errors.ts';

/** The default points each stakeholder may spread over a release's candidates. */
export const DEFAULT_VOTE_BUDGET = 10;

export interface Allocation {
  itemId: string;
  points: number;
}

/**
 * Checks one person's whole allocation against the candidates and the budget; returns its total.
 * Refuses a non-candidate or a repeated item naming the field, and a total above the budget with
 * `vote_budget_exceeded` naming both numbers.
 */
export function checkAllocation(
  votes: readonly Allocation[],
  candidateIds: ReadonlySet<string>,
  budget: number,
): number {
  const fields: FieldErrors = {};
  const seen = new Set<string>();
  votes.forEach((v, i) => {
    if (!candidateIds.has(v.itemId)) fields[`votes.${i}.itemId`] = 'Not a candidate of this vote';
    else if (seen.has(v.itemId)) fields[`votes.${i}.itemId`] = 'This item is already in your votes';
    seen.add(v.itemId);
  });
  if (Object.keys(fields).length) throw invalid(fields);
  const total = votes.reduce((sum, v) => sum + v.points, 0);
  if (total > budget) {
    throw new AppError(
      'vote_budget_exceeded',
      `You have ${budget} points to spend; these votes add up to ${total}.`,
      { votes: `Total ${total} is over the budget of ${budget}` },
      { budget, total },
    );
  }
  return total;
}

export type VoteState = 'none' | 'open' | 'closed';

/** A vote is open from when the PO opens it until it closes or the release ships. */
export function voteState(
  v: { openedAt: Date | null; closesAt: Date | null; shippedAt: Date | null },
  now: Date,
): VoteState {
  if (!v.openedAt) return 'none';
  if (v.shippedAt || (v.closesAt && v.closesAt.getTime() <= now.getTime())) return 'closed';
  return 'open';
}

// ---- Results beside the backlog -------------------------------------------------------------

/**
 * Thresholds of the disagreement rule, in one place:
 *  - a group's TOP_VOTED first choices are compared with the backlog (and only the backlog's
 *    TOP_VOTED first candidates with the votes the other way round);
 *  - they disagree when the two positions among the candidates are at least
 *    max(MIN_RANK_GAP, ceil(RANK_GAP_SHARE × candidates)) apart, so 4 candidates need 2 places
 *    and 50 need 10;
 *  - a segment speaks only with MIN_SEGMENT_VOTERS voters (one VIP is not "the VIP members");
 *  - at most MAX_DISAGREEMENTS sentences, the widest gaps first.
 */
export const DISAGREEMENT_RULE = {
  TOP_VOTED: 3,
  MIN_RANK_GAP: 2,
  RANK_GAP_SHARE: 0.2,
  MIN_SEGMENT_VOTERS: 3,
  MAX_DISAGREEMENTS: 10,
} as const;

export interface CandidateTally {
  itemId: string;
  key: string;
  /** The PO's order among the candidates (the order given when the vote opened); tie-breaker. */
  position: number;
  points: number;
  voters: number;
  bySegment: Array<{ segmentId: string; name: string; points: number; voters: number }>;
  /** Position in the PO's backlog order among open items (1 = top); null when finished or gone. */
  backlogRank: number | null;
  /** Position in the WSJF order among open items; null when it needs an estimate, is finished or gone. */
  wsjfRank: number | null;
}

export interface Disagreement {
  itemId: string;
  /** The segment that disagrees; null for all voters. */
  segmentId: string | null;
  kind: 'voters_prefer' | 'backlog_prefers';
  /** The group's rank of the item among the candidates, by points. */
  voteRank: number;
  backlogRank: number;
  gap: number;
  text: string;
}

const ORDINAL_WORDS = ['first', 'second', 'third'];
/** 1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}
const rankWord = (n: number) => ORDINAL_WORDS[n - 1] ?? ordinal(n);

/** Ranks by points, then voters, then the PO's candidate order: 1-based, every candidate ranked. */
export function rankBy<T extends { position: number }>(
  list: readonly T[],
  points: (t: T) => number,
  voters: (t: T) => number,
): Map<T, number> {
  const sorted = [...list].sort(
    (a, b) => points(b) - points(a) || voters(b) - voters(a) || a.position - b.position,
  );
  return new Map(sorted.map((t, i) => [t, i + 1]));
}

export function voteRanks(candidates: readonly CandidateTally[]): Map<string, number> {
  const ranks = rankBy(
    candidates,
    (c) => c.points,
    (c) => c.voters,
  );
  return new Map([...ranks].map(([c, r]) => [c.itemId, r]));
}

/** The sentences that mark where the voters (or a segment of them) and the backlog disagree. */
export function disagreements(candidates: readonly CandidateTally[]): Disagreement[] {
  const R = DISAGREEMENT_RULE;
  const ranked = candidates.filter((c) => c.backlogRank != null);
  if (ranked.length < 2) return [];
  const minGap = Math.max(R.MIN_RANK_GAP, Math.ceil(R.RANK_GAP_SHARE * ranked.length));
  // The backlog's order among the candidates still open.
  const backlogPos = new Map(
    [...ranked].sort((a, b) => a.backlogRank! - b.backlogRank!).map((c, i) => [c.itemId, i + 1]),
  );
  const out: Disagreement[] = [];

  const groups: Array<{
    segmentId: string | null;
    label: string;
    tally: (c: CandidateTally) => { points: number; voters: number };
  }> = [{ segmentId: null, label: 'Voters', tally: (c) => c }];
  const segments = new Map<string, { name: string; voters: number }>();
  for (const c of ranked)
    for (const s of c.bySegment) {
      const seen = segments.get(s.segmentId);
      // A segment's voter count is its widest candidate's (a person may vote several candidates).
      segments.set(s.segmentId, { name: s.name, voters: Math.max(seen?.voters ?? 0, s.voters) });
    }
  for (const [segmentId, s] of segments) {
    if (s.voters < R.MIN_SEGMENT_VOTERS) continue;
    groups.push({
      segmentId,
      label: s.name,
      tally: (c) => c.bySegment.find((x) => x.segmentId === segmentId) ?? { points: 0, voters: 0 },
    });
  }

  for (const g of groups) {
    const ranks = rankBy(
      ranked,
      (c) => g.tally(c).points,
      (c) => g.tally(c).voters,
    );
    for (const [c, rank] of ranks) {
      const pos = backlogPos.get(c.itemId)!;
      const gap = pos - rank;
      if (rank <= R.TOP_VOTED && g.tally(c).points > 0 && gap >= minGap) {
        const wsjf = c.wsjfRank != null ? ` and ${ordinal(c.wsjfRank)} by WSJF` : '';
        out.push({
          itemId: c.itemId,
          segmentId: g.segmentId,
          kind: 'voters_prefer',
          voteRank: rank,
          backlogRank: c.backlogRank!,
          gap,
          text: `${g.label} rank ${c.key} ${rankWord(rank)}; it is ${ordinal(c.backlogRank!)} in the backlog${wsjf}.`,
        });
      }
      if (g.segmentId === null && pos <= R.TOP_VOTED && -gap >= minGap) {
        out.push({
          itemId: c.itemId,
          segmentId: null,
          kind: 'backlog_prefers',
          voteRank: rank,
          backlogRank: c.backlogRank!,
          gap: -gap,
          text:
            c.points === 0
              ? `${c.key} is ${ordinal(c.backlogRank!)} in the backlog, but no voter gave it a point.`
              : `${c.key} is ${ordinal(c.backlogRank!)} in the backlog, but voters rank it ${ordinal(rank)} of ${ranked.length} candidates.`,
        });
      }
    }
  }
  // When a segment ranks an item as all voters do, its line says more ("VIP members rank VIP-37
  // first"): the all-voters line with the same item and rank goes.
  const bySegment = new Set(
    out
      .filter((d) => d.segmentId !== null && d.kind === 'voters_prefer')
      .map((d) => `${d.itemId}:${d.voteRank}`),
  );
  const kept = out.filter(
    (d) => d.segmentId !== null || d.kind !== 'voters_prefer' || !bySegment.has(`${d.itemId}:${d.voteRank}`),
  );
  // Read in order: what the voters put first, then what the backlog puts first that they did not.
  const kindOrder = { voters_prefer: 0, backlog_prefers: 1 } as const;
  return kept
    .sort(
      (a, b) =>
        kindOrder[a.kind] - kindOrder[b.kind] ||
        (a.kind === 'voters_prefer' ? a.voteRank - b.voteRank : a.backlogRank - b.backlogRank) ||
        b.gap - a.gap,
    )
    .slice(0, R.MAX_DISAGREEMENTS);
}
