import { AppError, type FieldErrors, invalid } from '#domain/errors.ts';

/**
 * A working agreement's versions (seed 002: "open for comments until DATE at which time it
 * becomes effective"). Which version is in force is a function of time, never a stored flag:
 *  - a version is *withdrawn* when a newer one was proposed before it took effect (the newer one
 *    replaces it; it never applies);
 *  - at time t the *effective* version is the newest one not withdrawn whose effectiveFrom ≤ t;
 *  - every older one not withdrawn that took effect is *superseded*;
 *  - one whose effectiveFrom is still ahead is *proposed* (in its comment period until
 *    commentUntil, then waiting for its date).
 */
export const VERSION_STATUSES = ['proposed', 'effective', 'superseded', 'withdrawn'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export interface VersionTimes {
  number: number;
  proposedAt: Date;
  commentUntil: Date | null;
  effectiveFrom: Date;
}

const withdrawn = (v: VersionTimes, all: readonly VersionTimes[]) =>
  all.some((w) => w.number > v.number && w.proposedAt < v.effectiveFrom);

/** The number of the version in force at `now`, or null before the first one takes effect. */
export function effectiveAt(versions: readonly VersionTimes[], now: Date): number | null {
  let best: number | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > now || withdrawn(v, versions)) continue;
    if (best === null || v.number > best) best = v.number;
  }
  return best;
}

export function statusAt(v: VersionTimes, versions: readonly VersionTimes[], now: Date): VersionStatus {
  if (withdrawn(v, versions)) return 'withdrawn';
  if (v.effectiveFrom > now) return 'proposed';
  return effectiveAt(versions, now) === v.number ? 'effective' : 'superseded';
}

/** The proposal still ahead (at most one: a newer proposal withdraws the pending one). */
export function pendingAt(versions: readonly VersionTimes[], now: Date): number | null {
  const p = versions.filter((v) => statusAt(v, versions, now) === 'proposed');
  return p.length ? Math.max(...p.map((v) => v.number)) : null;
}

/** Comments close at the end of the period: open while now < commentUntil, on a live proposal. */
export function commentsOpen(v: VersionTimes, versions: readonly VersionTimes[], now: Date): boolean {
  return v.commentUntil !== null && now < v.commentUntil && statusAt(v, versions, now) === 'proposed';
}

export function assertCommentsOpen(v: VersionTimes, versions: readonly VersionTimes[], now: Date): void {
  if (commentsOpen(v, versions, now)) return;
  const status = statusAt(v, versions, now);
  const why =
    v.commentUntil === null
      ? 'This version was proposed without a comment period.'
      : status === 'proposed'
        ? `Comments closed on ${v.commentUntil.toISOString()}.`
        : `This version is ${status}; comments closed with its comment period.`;
  throw new AppError('comment_period_closed', why);
}

/** A clock skew allowance: "effective now" sent a moment ago is still now. */
const NOW_SLACK_MS = 60_000;

export interface ProposalTimes {
  commentUntil: Date | null;
  effectiveFrom: Date;
}

/** The dates of a new or revised proposal: not in the past, the comment period before the date. */
export function checkProposalTimes(p: ProposalTimes, now: Date): ProposalTimes {
  const fields: FieldErrors = {};
  if (p.effectiveFrom.getTime() < now.getTime() - NOW_SLACK_MS)
    fields.effectiveFrom = 'Choose now or a later date: an agreement cannot apply in the past';
  if (p.commentUntil) {
    if (p.commentUntil <= now) fields.commentUntil = 'The comment period must end in the future';
    else if (p.commentUntil > p.effectiveFrom)
      fields.commentUntil = 'The comment period must end before the agreement takes effect';
  }
  if (Object.keys(fields).length) throw invalid(fields);
  const effectiveFrom = p.effectiveFrom < now ? now : p.effectiveFrom;
  return { commentUntil: p.commentUntil, effectiveFrom };
}

/**
 * An effective (or superseded, or withdrawn) version is never edited: what was agreed stays as it
 * was agreed. Only a version still proposed can be revised; everything else is superseded by a
 * new proposal.
 */
export function assertRevisable(v: VersionTimes, versions: readonly VersionTimes[], now: Date): void {
  const status = statusAt(v, versions, now);
  if (status === 'proposed') return;
  throw new AppError(
    'agreement_version_final',
    status === 'effective'
      ? `Version ${v.number} is in effect and cannot be edited: propose a new version to supersede it.`
      : `Version ${v.number} is ${status} and cannot be edited.`,
  );
}
