import { round } from '#domain/sprints/stats.ts';
import { sayDoRatio } from '#domain/sprints/velocity.ts';

/**
 * The trust radar's model (the report is in trust.ts, the signals in trust-signals-*.ts): signals about the way PO and team work together, each
 * computed from what happened in a window [from, to) — the event log and the sprint and item
 * facts — with a value, a 0–100 score (100 = nothing to talk about), a trend against the previous
 * window of the same length, and the exact events, items and sprints behind it.
 *
 * PURE: the caller loads the facts and passes the clock; no I/O. Every formula and threshold is
 * named once below (TRUST), and the wording speaks about the way of working, never about a person.
 *
 * Time attribution (one rule for every signal): a commitment fact (what went into a sprint, the
 * forecast) counts when its sprint STARTED; an outcome fact (carry-over, acceptance, reopening,
 * velocity, say/do) counts when its sprint CLOSED; a logged event (scope change, refused size,
 * comment, review close) counts at its own time.
 */
export const TRUST = {
  /** A share (0–1) at or above this scores 0; below it the score falls linearly from 100. */
  zeroScoreAt: {
    overForecast: 0.5,
    scopeChange: 0.5,
    unstatedValue: 0.5,
    noFeedback: 0.75,
    unanswered: 0.5,
    sadLeftOut: 1,
    carryOver: 0.5,
    reopened: 0.3,
    velocityCv: 0.5,
  },
  /** Points off per refused size attempt by someone outside the team. */
  refusalPenalty: 20,
  /** Points off per escaped defect. */
  escapedDefectPenalty: 20,
  /** A question to the PO not answered within this many working days (Mon–Fri) counts. */
  answerWorkingDays: 2,
  /** A defect linked to an item accepted at most this many days before it was filed has escaped. */
  escapeDays: 28,
  /** Say/do below this (completed ÷ committed) is a signal. */
  sayDoFloor: 0.8,
  /** Steadily 100 %: every closed sprint at or above this, over at least `underCommitSprints`. */
  sayDoFull: 1,
  underCommitSprints: 3,
  /** Score when say/do is steadily full while commitment keeps falling (safety under-commit). */
  underCommitScore: 50,
  /** Points off per change that went around an accepted decision (issue 13, seed 002). */
  contradictionPenalty: 25,
  /** Points off per workaround repayment left unpaid past the end of its due day (issue 13). */
  unpaidRepaymentPenalty: 25,
} as const;

export type TrustSide = 'po' | 'team';
export type TrustSignalKey =
  | 'commitment_over_forecast'
  | 'mid_sprint_changes'
  | 'size_by_non_team'
  | 'unstated_value'
  | 'no_customer_feedback'
  | 'unanswered_questions'
  | 'sad_faces_left_out'
  | 'carry_over'
  | 'reopened_or_rejected'
  | 'escaped_defects'
  | 'velocity_instability'
  | 'say_do'
  | 'went_around_agreements'
  | 'workarounds_left_unpaid';

export interface TrustEvidence {
  kind: 'event' | 'item' | 'sprint';
  id: string;
  summary: string;
  at: string;
  /** Where an event points to (for links): its item and/or sprint. */
  itemId?: string;
  sprintId?: string;
}

export interface TrustSignal {
  key: TrustSignalKey;
  side: TrustSide;
  label: string;
  /** The signal's figure (see `unit`); null when the window has nothing to measure. */
  value: number | null;
  unit: 'count' | 'percent' | 'ratio';
  /** 0–100, 100 = healthy; null when there is nothing to measure. */
  score: number | null;
  /** Score minus the previous window's score; null when either is null. */
  trend: number | null;
  explanation: string;
  evidence: TrustEvidence[];
  /** How much evidence there is in all (`evidence` may be limited, see limitEvidence). */
  evidenceTotal: number;
}

export interface TrustSprintFact {
  id: string;
  name: string;
  state: 'planned' | 'active' | 'closed';
  startedAt: string | null;
  closedAt: string | null;
  committedPoints: number | null;
  completedPoints: number | null;
  forecastPoints: number | null;
  overForecast: boolean | null;
  /** Items in the start snapshot. */
  startItems: number | null;
  /** The sprint.started event, when logged. */
  startEventId: number | null;
}

export interface TrustSprintItemFact {
  sprintId: string;
  itemId: string;
  key: string;
  title: string;
  problem: string;
  businessValue: number | null;
  outcome: 'completed' | 'backlog' | 'next_sprint' | null;
  review: 'accepted' | 'rejected' | null;
  reviewedAt: string | null;
  reopened: number;
}

export interface TrustEventFact {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
}
export interface TrustScopeChange extends TrustEventFact {
  sprintId: string;
  change: 'added' | 'removed';
  itemKey: string;
  reason: string;
}
export interface TrustSizeRefusal extends TrustEventFact {
  itemId: string;
  itemKey: string;
  role: string;
}
export interface TrustReviewClosed extends TrustEventFact {
  reviewId: string;
  sprintId: string;
}
export interface TrustComment {
  id: string;
  itemId: string;
  itemKey: string;
  authorId: string | null;
  mentions: string[];
  at: string;
}
export interface TrustAnswer {
  reviewId: string;
  itemId: string;
  itemKey: string;
  mood: 'happy' | 'neutral' | 'sad';
  at: string;
}
export interface TrustLink {
  fromItemId: string;
  toItemId: string;
  createdAt: string;
}
export interface TrustDefect {
  id: string;
  key: string;
  title: string;
  createdAt: string;
}

/** A change that went around an accepted decision (decision_contradictions), at the change's time. */
export interface TrustContradiction extends TrustEventFact {
  decisionId: string;
  decisionTitle: string;
  itemId: string | null;
  summary: string;
}
/** A workaround's repayment item: due at the end of `dueDate` (its date, or its sprint's end). */
export interface TrustRepayment {
  itemId: string;
  key: string;
  workaroundKey: string;
  dueDate: string | null;
  /** When the repayment item was finished (done or accepted); null while open. */
  repaidAt: string | null;
}

export interface TrustFacts {
  sprints: TrustSprintFact[];
  sprintItems: TrustSprintItemFact[];
  scopeChanges: TrustScopeChange[];
  sizeRefusals: TrustSizeRefusal[];
  reviewsClosed: TrustReviewClosed[];
  comments: TrustComment[];
  answers: TrustAnswer[];
  links: TrustLink[];
  defects: TrustDefect[];
  /** Decision contradictions and workaround repayments (issue 13); absent = none. */
  contradictions?: TrustContradiction[];
  repayments?: TrustRepayment[];
  /** The product's owners (whom "questions to the PO" mention) and its team members. */
  ownerIds: string[];
  teamIds: string[];
}

export interface TrustWindow {
  from: Date;
  to: Date;
}

export interface TrustSprintRow {
  sprintId: string;
  name: string;
  state: TrustSprintFact['state'];
  startedAt: string | null;
  closedAt: string | null;
  committedPoints: number | null;
  forecastPoints: number | null;
  overForecast: boolean | null;
  scopeChanges: number;
  completedPoints: number | null;
  sayDo: number | null;
  carryOverPercent: number | null;
  reopenedOrRejected: number;
  unstatedValue: number;
  acceptedWithoutFeedback: number;
}

export interface TrustReport {
  from: string;
  to: string;
  previous: { from: string; to: string };
  signals: TrustSignal[];
  sprints: TrustSprintRow[];
}

export const DAY = 86_400_000;
export const t = (iso: string | null) => (iso ? Date.parse(iso) : Number.NaN);
export const inside = (iso: string | null, w: TrustWindow) => {
  const ms = t(iso);
  return ms >= w.from.getTime() && ms < w.to.getTime();
};
export const clamp = (v: number) => Math.max(0, Math.min(100, Math.round(v)));
/** 100 at share 0, falling linearly to 0 at `zeroAt`. */
export const shareScore = (share: number, zeroAt: number) => clamp(100 * (1 - share / zeroAt));
export const pct = (share: number) => round(share * 100, 1);
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Adds `days` working days (Mon–Fri) to a time. */
export function addWorkingDays(at: Date, days: number): Date {
  const d = new Date(at.getTime());
  let left = days;
  while (left > 0) {
    d.setTime(d.getTime() + DAY);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left -= 1;
  }
  return d;
}

export interface Computed {
  value: number | null;
  unit: TrustSignal['unit'];
  score: number | null;
  explanation: string;
  evidence: TrustEvidence[];
}
export interface Definition {
  key: TrustSignalKey;
  side: TrustSide;
  label: string;
  compute: (f: Indexed, w: TrustWindow, now: Date) => Computed;
}

export interface Indexed extends TrustFacts {
  sprintById: Map<string, TrustSprintFact>;
  itemsBySprint: Map<string, TrustSprintItemFact[]>;
  /** Per item: its comments' and links' times (ms), and whether the author is an owner. */
  commentsByItem: Map<string, Array<{ at: number; byOwner: boolean }>>;
  linkTimesByItem: Map<string, number[]>;
  sadByReview: Map<string, TrustAnswer[]>;
  heard: Set<string>;
}

export function index(f: TrustFacts): Indexed {
  const itemsBySprint = new Map<string, TrustSprintItemFact[]>();
  for (const si of f.sprintItems) {
    const list = itemsBySprint.get(si.sprintId) ?? [];
    list.push(si);
    itemsBySprint.set(si.sprintId, list);
  }
  const owners = new Set(f.ownerIds);
  const commentsByItem = new Map<string, Array<{ at: number; byOwner: boolean }>>();
  for (const c of f.comments) {
    const list = commentsByItem.get(c.itemId) ?? [];
    list.push({ at: t(c.at), byOwner: c.authorId !== null && owners.has(c.authorId) });
    commentsByItem.set(c.itemId, list);
  }
  const linkTimesByItem = new Map<string, number[]>();
  for (const l of f.links)
    for (const id of [l.fromItemId, l.toItemId]) {
      const list = linkTimesByItem.get(id) ?? [];
      list.push(t(l.createdAt));
      linkTimesByItem.set(id, list);
    }
  const sadByReview = new Map<string, TrustAnswer[]>();
  for (const a of f.answers) {
    if (a.mood !== 'sad') continue;
    const list = sadByReview.get(a.reviewId) ?? [];
    list.push(a);
    sadByReview.set(a.reviewId, list);
  }
  return {
    ...f,
    sprintById: new Map(f.sprints.map((s) => [s.id, s])),
    itemsBySprint,
    commentsByItem,
    linkTimesByItem,
    sadByReview,
    heard: new Set(f.answers.map((a) => a.itemId)),
  };
}

export const startedIn = (f: Indexed, w: TrustWindow) => f.sprints.filter((s) => inside(s.startedAt, w));
export const closedIn = (f: Indexed, w: TrustWindow) =>
  f.sprints
    .filter((s) => s.state === 'closed' && inside(s.closedAt, w))
    .sort((a, b) => t(a.closedAt) - t(b.closedAt));
export const itemEvidence = (
  si: { itemId: string; key: string; title: string },
  at: string,
  note: string,
) => ({
  kind: 'item' as const,
  id: si.itemId,
  summary: `${si.key} ${si.title} — ${note}`,
  at,
});
export const sprintEvidence = (s: TrustSprintFact, at: string, note: string): TrustEvidence => ({
  kind: 'sprint',
  id: s.id,
  summary: `${s.name} — ${note}`,
  at,
});
export const nothing = (unit: TrustSignal['unit'], explanation: string): Computed => ({
  value: null,
  unit,
  score: null,
  explanation,
  evidence: [],
});

/**
 * A scope change happened inside the running sprint when it was logged after the sprint's
 * sprint.started event (event order, so re-timed seed data and equal timestamps cannot blur it);
 * without a logged start, by time.
 */
export function afterStart(f: Indexed, c: TrustScopeChange): boolean {
  const s = f.sprintById.get(c.sprintId);
  if (!s?.startedAt) return false;
  return s.startEventId !== null ? c.id > s.startEventId : t(c.at) > t(s.startedAt);
}

/** The team's say/do per closed sprint, oldest first (null ratios left out). */
export function sayDoSeries(f: Indexed, w: TrustWindow) {
  return closedIn(f, w)
    .map((s) => ({ s, ratio: sayDoRatio(s.committedPoints ?? 0, s.completedPoints ?? 0) }))
    .filter((x): x is { s: TrustSprintFact; ratio: number } => x.ratio !== null);
}

/** The sad answers of a review that got no follow-up (a comment or a new link on the item after the answer). */
export function unaddressedSad(f: Indexed, reviewId: string) {
  return (f.sadByReview.get(reviewId) ?? []).filter((a) => {
    const after = t(a.at);
    const commented = (f.commentsByItem.get(a.itemId) ?? []).some((c) => c.at > after);
    const linked = (f.linkTimesByItem.get(a.itemId) ?? []).some((at) => at > after);
    return !commented && !linked;
  });
}
