/**
 * Rules of a review with customers (issue 10): when answers are taken, when a personal link
 * works, and the order of the closing summary (seed 003: bad news is shown, first).
 */

export interface ReviewWindow {
  state: 'open' | 'closed';
  closesAt: Date | null;
}

/** Answers are taken while the review is open and before its closing time. */
export const acceptsAnswers = (r: ReviewWindow, now: Date): boolean =>
  r.state === 'open' && (r.closesAt === null || r.closesAt.getTime() > now.getTime());

export type LinkState = 'valid' | 'expired' | 'closed' | 'not_stakeholder';

/** A personal link works for its person only while the review takes answers and until it expires. */
export function linkState(
  link: ReviewWindow & { expiresAt: Date; stakeholder: boolean },
  now: Date,
): LinkState {
  if (!link.stakeholder) return 'not_stakeholder';
  if (!acceptsAnswers(link, now)) return 'closed';
  if (link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

/** How long a link lives when the PO gives no date and the review has no closing time. */
export const DEFAULT_LINK_DAYS = 14;

export interface MoodCounts {
  happy: number;
  neutral: number;
  sad: number;
  responses: number;
}

/**
 * The summary's order: increments with sad faces first — most sad faces, then the larger sad
 * share — then the rest in their review order. Stable, so equal ones keep the PO's order.
 */
export function sadFirst<T extends MoodCounts>(increments: readonly T[]): T[] {
  const share = (x: T) => (x.responses > 0 ? x.sad / x.responses : 0);
  return increments
    .map((x, i) => ({ x, i }))
    .sort((a, b) => {
      const sadA = a.x.sad > 0 ? 1 : 0;
      const sadB = b.x.sad > 0 ? 1 : 0;
      if (sadA !== sadB) return sadB - sadA;
      if (sadA === 1) {
        if (a.x.sad !== b.x.sad) return b.x.sad - a.x.sad;
        if (share(a.x) !== share(b.x)) return share(b.x) - share(a.x);
      }
      return a.i - b.i;
    })
    .map(({ x }) => x);
}

/** A mood's share of the answers, 0..1 (0 when nobody answered). */
export const moodShare = (count: number, responses: number): number =>
  responses > 0 ? count / responses : 0;
