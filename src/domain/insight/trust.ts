import { mean, round } from '#domain/sprints/stats.ts';
import { sayDoRatio, velocityCv } from '#domain/sprints/velocity.ts';

/**
 * The trust radar (issue 11, seed 003): signals about the way PO and team work together, each
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
  | 'say_do';

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

const DAY = 86_400_000;
const t = (iso: string | null) => (iso ? Date.parse(iso) : Number.NaN);
const inside = (iso: string | null, w: TrustWindow) => {
  const ms = t(iso);
  return ms >= w.from.getTime() && ms < w.to.getTime();
};
const clamp = (v: number) => Math.max(0, Math.min(100, Math.round(v)));
/** 100 at share 0, falling linearly to 0 at `zeroAt`. */
export const shareScore = (share: number, zeroAt: number) => clamp(100 * (1 - share / zeroAt));
const pct = (share: number) => round(share * 100, 1);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

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

interface Computed {
  value: number | null;
  unit: TrustSignal['unit'];
  score: number | null;
  explanation: string;
  evidence: TrustEvidence[];
}
interface Definition {
  key: TrustSignalKey;
  side: TrustSide;
  label: string;
  compute: (f: Indexed, w: TrustWindow, now: Date) => Computed;
}

interface Indexed extends TrustFacts {
  sprintById: Map<string, TrustSprintFact>;
  itemsBySprint: Map<string, TrustSprintItemFact[]>;
  /** Per item: its comments' and links' times (ms), and whether the author is an owner. */
  commentsByItem: Map<string, Array<{ at: number; byOwner: boolean }>>;
  linkTimesByItem: Map<string, number[]>;
  sadByReview: Map<string, TrustAnswer[]>;
  heard: Set<string>;
}

function index(f: TrustFacts): Indexed {
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

const startedIn = (f: Indexed, w: TrustWindow) => f.sprints.filter((s) => inside(s.startedAt, w));
const closedIn = (f: Indexed, w: TrustWindow) =>
  f.sprints
    .filter((s) => s.state === 'closed' && inside(s.closedAt, w))
    .sort((a, b) => t(a.closedAt) - t(b.closedAt));
const itemEvidence = (si: { itemId: string; key: string; title: string }, at: string, note: string) => ({
  kind: 'item' as const,
  id: si.itemId,
  summary: `${si.key} ${si.title} — ${note}`,
  at,
});
const sprintEvidence = (s: TrustSprintFact, at: string, note: string): TrustEvidence => ({
  kind: 'sprint',
  id: s.id,
  summary: `${s.name} — ${note}`,
  at,
});
const nothing = (unit: TrustSignal['unit'], explanation: string): Computed => ({
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
function afterStart(f: Indexed, c: TrustScopeChange): boolean {
  const s = f.sprintById.get(c.sprintId);
  if (!s?.startedAt) return false;
  return s.startEventId !== null ? c.id > s.startEventId : t(c.at) > t(s.startedAt);
}

/** The team's say/do per closed sprint, oldest first (null ratios left out). */
function sayDoSeries(f: Indexed, w: TrustWindow) {
  return closedIn(f, w)
    .map((s) => ({ s, ratio: sayDoRatio(s.committedPoints ?? 0, s.completedPoints ?? 0) }))
    .filter((x): x is { s: TrustSprintFact; ratio: number } => x.ratio !== null);
}

/** The sad answers of a review that got no follow-up (a comment or a new link on the item after the answer). */
function unaddressedSad(f: Indexed, reviewId: string) {
  return (f.sadByReview.get(reviewId) ?? []).filter((a) => {
    const after = t(a.at);
    const commented = (f.commentsByItem.get(a.itemId) ?? []).some((c) => c.at > after);
    const linked = (f.linkTimesByItem.get(a.itemId) ?? []).some((at) => at > after);
    return !commented && !linked;
  });
}

const DEFINITIONS: Definition[] = [
  {
    key: 'commitment_over_forecast',
    side: 'po',
    label: 'Commitment above forecast',
    compute(f, w) {
      const started = startedIn(f, w).filter((s) => s.overForecast !== null);
      if (!started.length) return nothing('percent', 'No sprint started in this window.');
      const over = started.filter((s) => s.overForecast);
      const share = over.length / started.length;
      return {
        value: pct(share),
        unit: 'percent',
        score: shareScore(share, TRUST.zeroScoreAt.overForecast),
        explanation: `${over.length} of ${plural(started.length, 'sprint')} started with more committed than the forecast. Planning above the forecast makes carry-over likely; agree the plan on the forecast.`,
        evidence: over.map((s) =>
          s.startEventId !== null
            ? {
                kind: 'event' as const,
                id: String(s.startEventId),
                summary: `${s.name} started: ${s.committedPoints ?? 0} points committed, forecast ${s.forecastPoints ?? '—'}`,
                at: s.startedAt!,
                sprintId: s.id,
              }
            : sprintEvidence(
                s,
                s.startedAt!,
                `${s.committedPoints ?? 0} points committed, forecast ${s.forecastPoints ?? '—'}`,
              ),
        ),
      };
    },
  },
  {
    key: 'mid_sprint_changes',
    side: 'po',
    label: 'Changes inside active sprints',
    compute(f, w) {
      const changes = f.scopeChanges.filter((c) => afterStart(f, c) && inside(c.at, w));
      const started = startedIn(f, w);
      const touched = new Set(changes.map((c) => c.sprintId));
      const scope = [...new Set([...started.map((s) => s.id), ...touched])].reduce(
        (n, id) => n + (f.sprintById.get(id)?.startItems ?? 0),
        0,
      );
      if (!changes.length && !started.length) return nothing('count', 'No sprint ran in this window.');
      const share = scope > 0 ? changes.length / scope : changes.length ? 1 : 0;
      return {
        value: changes.length,
        unit: 'count',
        score: shareScore(share, TRUST.zeroScoreAt.scopeChange),
        explanation: `${plural(changes.length, 'scope change')} after sprint start (${pct(share)} % of the ${plural(scope, 'item')} committed at start). Changes mid-sprint move the goal; each one deserves a conversation with the team.`,
        evidence: changes.map((c) => ({
          kind: 'event',
          id: String(c.id),
          summary: `${f.sprintById.get(c.sprintId)?.name ?? 'Sprint'}: ${c.itemKey} ${c.change}${c.reason ? ` — ${c.reason}` : ''}`,
          at: c.at,
          sprintId: c.sprintId,
        })),
      };
    },
  },
  {
    key: 'size_by_non_team',
    side: 'po',
    label: 'Sizes set outside the team',
    compute(f, w) {
      const tries = f.sizeRefusals.filter((r) => inside(r.at, w));
      return {
        value: tries.length,
        unit: 'count',
        score: clamp(100 - tries.length * TRUST.refusalPenalty),
        explanation: tries.length
          ? `${plural(tries.length, 'attempt')} to set a size from outside the team (refused). Estimates belong to the people who do the work.`
          : 'Nobody outside the team tried to set a size.',
        evidence: tries.map((r) => ({
          kind: 'event',
          id: String(r.id),
          summary: `${r.itemKey}: a size was tried by a ${r.role} and refused`,
          at: r.at,
          itemId: r.itemId,
        })),
      };
    },
  },
  {
    key: 'unstated_value',
    side: 'po',
    label: 'Pulled in without problem or value',
    compute(f, w) {
      const pulled = startedIn(f, w).flatMap((s) =>
        (f.itemsBySprint.get(s.id) ?? []).map((si) => ({ s, si })),
      );
      if (!pulled.length) return nothing('percent', 'No items were pulled into a sprint in this window.');
      const missing = pulled.filter(({ si }) => !si.problem.trim() || si.businessValue === null);
      const share = missing.length / pulled.length;
      return {
        value: pct(share),
        unit: 'percent',
        score: shareScore(share, TRUST.zeroScoreAt.unstatedValue),
        explanation: `${missing.length} of ${plural(pulled.length, 'item')} went into a sprint without a problem statement or a business value. The team builds better when it knows why.`,
        evidence: missing.map(({ s, si }) =>
          itemEvidence(
            si,
            s.startedAt!,
            `${s.name}: ${[!si.problem.trim() && 'no problem', si.businessValue === null && 'no value'].filter(Boolean).join(', ')}`,
          ),
        ),
      };
    },
  },
  {
    key: 'no_customer_feedback',
    side: 'po',
    label: 'Accepted without customer feedback',
    compute(f, w) {
      const heard = f.heard;
      const accepted = closedIn(f, w).flatMap((s) =>
        (f.itemsBySprint.get(s.id) ?? []).filter((si) => si.review === 'accepted').map((si) => ({ s, si })),
      );
      if (!accepted.length) return nothing('percent', 'No item was accepted in this window.');
      const silent = accepted.filter(({ si }) => !heard.has(si.itemId));
      const share = silent.length / accepted.length;
      return {
        value: pct(share),
        unit: 'percent',
        score: shareScore(share, TRUST.zeroScoreAt.noFeedback),
        explanation: `${silent.length} of ${plural(accepted.length, 'accepted item')} got no customer answer in a review. Without feedback nobody knows whether the work helped.`,
        evidence: silent.map(({ s, si }) =>
          itemEvidence(si, si.reviewedAt ?? s.closedAt!, `accepted in ${s.name}, no customer answers`),
        ),
      };
    },
  },
  {
    key: 'unanswered_questions',
    side: 'po',
    label: 'Team questions left unanswered',
    compute(f, w, now) {
      const owners = new Set(f.ownerIds);
      const team = new Set(f.teamIds);
      const questions = f.comments.filter(
        (c) =>
          inside(c.at, w) &&
          c.authorId !== null &&
          team.has(c.authorId) &&
          c.mentions.some((m) => owners.has(m)) &&
          addWorkingDays(new Date(c.at), TRUST.answerWorkingDays) <= now,
      );
      if (!questions.length) return nothing('count', 'No team question to the PO is old enough to judge.');
      const late = questions.filter((q) => {
        const asked = t(q.at);
        const due = addWorkingDays(new Date(asked), TRUST.answerWorkingDays).getTime();
        return !(f.commentsByItem.get(q.itemId) ?? []).some((c) => c.byOwner && c.at > asked && c.at <= due);
      });
      const share = late.length / questions.length;
      return {
        value: late.length,
        unit: 'count',
        score: shareScore(share, TRUST.zeroScoreAt.unanswered),
        explanation: `${late.length} of ${plural(questions.length, 'question')} from the team to the PO waited more than ${TRUST.answerWorkingDays} working days for an answer on the item. Quick answers keep the sprint moving.`,
        evidence: late.map((q) => ({
          kind: 'item',
          id: q.itemId,
          summary: `${q.itemKey}: a question to the PO without an answer within ${TRUST.answerWorkingDays} working days`,
          at: q.at,
        })),
      };
    },
  },
  {
    key: 'sad_faces_left_out',
    side: 'po',
    label: 'Sad faces without follow-up',
    compute(f, w) {
      const closed = f.reviewsClosed.filter((r) => inside(r.at, w));
      const withSad = closed.filter((r) => f.sadByReview.has(r.reviewId));
      if (!withSad.length)
        return closed.length
          ? {
              ...nothing('count', 'No customer answered sad in the reviews closed in this window.'),
              value: 0,
              score: 100,
            }
          : nothing('count', 'No customer review closed in this window.');
      const left = withSad
        .map((r) => ({ r, sad: unaddressedSad(f, r.reviewId) }))
        .filter((x) => x.sad.length > 0);
      const share = left.length / withSad.length;
      return {
        value: left.length,
        unit: 'count',
        score: shareScore(share, TRUST.zeroScoreAt.sadLeftOut),
        explanation: `${left.length} of ${plural(withSad.length, 'review')} with sad answers closed while a sad-faced increment got no follow-up (no comment or new linked item after the answer). Sad faces are the most useful answers; follow them up.`,
        evidence: left.flatMap(({ r, sad }) => [
          {
            kind: 'event' as const,
            id: String(r.id),
            summary: `Review of ${f.sprintById.get(r.sprintId)?.name ?? 'a sprint'} closed with ${plural(sad.length, 'sad answer')} not followed up`,
            at: r.at,
            sprintId: r.sprintId,
          },
          ...[...new Map(sad.map((a) => [a.itemId, a])).values()].map((a) => ({
            kind: 'item' as const,
            id: a.itemId,
            summary: `${a.itemKey}: sad answer, no follow-up`,
            at: a.at,
          })),
        ]),
      };
    },
  },
  {
    key: 'carry_over',
    side: 'team',
    label: 'Carry-over at close',
    compute(f, w) {
      const rows = closedIn(f, w).flatMap((s) => (f.itemsBySprint.get(s.id) ?? []).map((si) => ({ s, si })));
      if (!rows.length) return nothing('percent', 'No sprint closed in this window.');
      const carried = rows.filter(({ si }) => si.outcome !== 'completed');
      const share = carried.length / rows.length;
      return {
        value: pct(share),
        unit: 'percent',
        score: shareScore(share, TRUST.zeroScoreAt.carryOver),
        explanation: `${carried.length} of ${plural(rows.length, 'item')} in closed sprints were not done at close and carried over. Partially done work counts as not done; smaller slices finish.`,
        evidence: carried.map(({ s, si }) =>
          itemEvidence(
            si,
            s.closedAt!,
            `not done when ${s.name} closed (${si.outcome === 'next_sprint' ? 'to the next sprint' : 'back to the backlog'})`,
          ),
        ),
      };
    },
  },
  {
    key: 'reopened_or_rejected',
    side: 'team',
    label: 'Done, then reopened or rejected',
    compute(f, w) {
      const rows = closedIn(f, w).flatMap((s) => (f.itemsBySprint.get(s.id) ?? []).map((si) => ({ s, si })));
      const reviewed = rows.filter(({ si }) => si.review !== null || si.reopened > 0);
      if (!reviewed.length)
        return nothing('percent', 'No item was reviewed in a sprint closed in this window.');
      const back = reviewed.filter(({ si }) => si.reopened > 0 || si.review === 'rejected');
      const share = back.length / reviewed.length;
      return {
        value: pct(share),
        unit: 'percent',
        score: shareScore(share, TRUST.zeroScoreAt.reopened),
        explanation: `${back.length} of ${plural(reviewed.length, 'reviewed item')} were marked done and then reopened or rejected. Work reported done that is not done hides effort; the Definition of Done is the shared bar.`,
        evidence: back.map(({ s, si }) =>
          itemEvidence(
            si,
            si.reviewedAt ?? s.closedAt!,
            `${s.name}: ${si.review === 'rejected' ? 'rejected' : `reopened ${plural(si.reopened, 'time')}`}`,
          ),
        ),
      };
    },
  },
  {
    key: 'escaped_defects',
    side: 'team',
    label: 'Escaped defects',
    compute(f, w) {
      const accepted = new Map<string, TrustSprintItemFact & { acceptedAt: number }>();
      for (const si of f.sprintItems) {
        if (si.review !== 'accepted') continue;
        const s = f.sprintById.get(si.sprintId);
        const at = t(si.reviewedAt ?? s?.closedAt ?? null);
        if (!Number.isNaN(at)) accepted.set(si.itemId, { ...si, acceptedAt: at });
      }
      const defects = f.defects.filter((d) => inside(d.createdAt, w));
      const escaped = defects.flatMap((d) => {
        const linked = f.links
          .flatMap((l) => (l.fromItemId === d.id ? [l.toItemId] : l.toItemId === d.id ? [l.fromItemId] : []))
          .map((id) => accepted.get(id))
          .filter(
            (a): a is NonNullable<typeof a> =>
              !!a &&
              a.acceptedAt <= t(d.createdAt) &&
              t(d.createdAt) - a.acceptedAt <= TRUST.escapeDays * DAY,
          );
        return linked.length ? [{ d, of: linked[0]! }] : [];
      });
      return {
        value: escaped.length,
        unit: 'count',
        score: clamp(100 - escaped.length * TRUST.escapedDefectPenalty),
        explanation: escaped.length
          ? `${plural(escaped.length, 'defect')} filed within ${TRUST.escapeDays} days of accepting the work they are linked to. Escaped defects point at checks worth adding to the Definition of Done.`
          : `No defect was linked to work accepted in the ${TRUST.escapeDays} days before it.`,
        evidence: escaped.map(({ d, of }) =>
          itemEvidence(
            { itemId: d.id, key: d.key, title: d.title },
            d.createdAt,
            `defect linked to ${of.key} ${of.title}, accepted shortly before`,
          ),
        ),
      };
    },
  },
  {
    key: 'velocity_instability',
    side: 'team',
    label: 'Velocity instability',
    compute(f, w) {
      const closed = closedIn(f, w);
      const cv = velocityCv(
        closed.map((s) => s.completedPoints ?? 0),
        Number.POSITIVE_INFINITY,
      );
      if (cv === null) return nothing('ratio', 'Fewer than two sprints closed in this window.');
      return {
        value: cv,
        unit: 'ratio',
        score: shareScore(cv, TRUST.zeroScoreAt.velocityCv),
        explanation: `Completed points vary by ${pct(cv)} % of their mean (coefficient of variation over ${plural(closed.length, 'sprint')}). Above about 30 % a forecast is hard to trust; steady slices steady it.`,
        evidence: closed.map((s) =>
          sprintEvidence(s, s.closedAt!, `${s.completedPoints ?? 0} points completed`),
        ),
      };
    },
  },
  {
    key: 'say_do',
    side: 'team',
    label: 'Say/do',
    compute(f, w) {
      const series = sayDoSeries(f, w);
      const avg = mean(series.map((x) => x.ratio));
      if (avg === null) return nothing('percent', 'No sprint with a commitment closed in this window.');
      const full =
        series.length >= TRUST.underCommitSprints && series.every((x) => x.ratio >= TRUST.sayDoFull);
      const falling =
        full &&
        series.every(
          (x, i) => i === 0 || (x.s.committedPoints ?? 0) < (series[i - 1]!.s.committedPoints ?? 0),
        );
      const value = pct(avg);
      const score = falling
        ? TRUST.underCommitScore
        : avg >= TRUST.sayDoFloor
          ? 100
          : clamp((100 * avg) / TRUST.sayDoFloor);
      const explanation = falling
        ? `Every sprint delivered 100 % while the commitment kept falling (${series.map((x) => x.s.committedPoints ?? 0).join(' → ')} points). That can be committing low for safety; talk about what a stretch would need.`
        : avg < TRUST.sayDoFloor
          ? `On average ${value} % of the committed points were completed (below ${pct(TRUST.sayDoFloor)} %). Commitments that do not hold make planning guesswork.`
          : `On average ${value} % of the committed points were completed.`;
      return {
        value,
        unit: 'percent',
        score,
        explanation,
        evidence: series
          .filter((x) => falling || x.ratio < TRUST.sayDoFloor)
          .map(({ s, ratio }) =>
            sprintEvidence(
              s,
              s.closedAt!,
              `${s.completedPoints ?? 0} of ${s.committedPoints ?? 0} committed points (${pct(ratio)} %)`,
            ),
          ),
      };
    },
  },
];

/** Evidence listed per signal in the overview; the rest is one request away (`full`). */
export const EVIDENCE_SHOWN = 10;

/**
 * Keeps the `limit` most recent pieces of evidence per signal (in their order), except for the
 * signal named `full`, which keeps all of it. `evidenceTotal` still counts everything.
 */
export function limitEvidence(
  report: TrustReport,
  limit = EVIDENCE_SHOWN,
  full: string | null = null,
): TrustReport {
  return {
    ...report,
    signals: report.signals.map((s) => {
      if (s.key === full || s.evidence.length <= limit) return s;
      const cut = s.evidence
        .map((e, i) => ({ ms: t(e.at), i }))
        .sort((a, b) => b.ms - a.ms || b.i - a.i)
        .slice(0, limit)
        .map((x) => x.i)
        .sort((a, b) => a - b);
      return { ...s, evidence: cut.map((i) => s.evidence[i]!) };
    }),
  };
}

/** The previous window of the same length, ending where this one starts. */
export function previousWindow(w: TrustWindow): TrustWindow {
  const len = w.to.getTime() - w.from.getTime();
  return { from: new Date(w.from.getTime() - len), to: new Date(w.from.getTime()) };
}

/** The whole radar for a window: every signal with its trend, and the sprint-by-sprint table. */
export function trustReport(facts: TrustFacts, window: TrustWindow, now: Date): TrustReport {
  const f = index(facts);
  const prev = previousWindow(window);
  const signals = DEFINITIONS.map((d): TrustSignal => {
    const cur = d.compute(f, window, now);
    const before = d.compute(f, prev, now);
    return {
      key: d.key,
      side: d.side,
      label: d.label,
      ...cur,
      evidenceTotal: cur.evidence.length,
      trend: cur.score !== null && before.score !== null ? cur.score - before.score : null,
    };
  });
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    previous: { from: prev.from.toISOString(), to: prev.to.toISOString() },
    signals,
    sprints: sprintTable(f, window),
  };
}

function sprintTable(f: Indexed, w: TrustWindow): TrustSprintRow[] {
  const heard = f.heard;
  return f.sprints
    .filter((s) => inside(s.startedAt, w) || inside(s.closedAt, w))
    .sort((a, b) => t(a.startedAt) - t(b.startedAt))
    .map((s) => {
      const items = f.itemsBySprint.get(s.id) ?? [];
      const closed = s.state === 'closed';
      return {
        sprintId: s.id,
        name: s.name,
        state: s.state,
        startedAt: s.startedAt,
        closedAt: s.closedAt,
        committedPoints: s.committedPoints,
        forecastPoints: s.forecastPoints,
        overForecast: s.overForecast,
        scopeChanges: f.scopeChanges.filter((c) => c.sprintId === s.id && afterStart(f, c)).length,
        completedPoints: closed ? s.completedPoints : null,
        sayDo: closed ? sayDoRatio(s.committedPoints ?? 0, s.completedPoints ?? 0) : null,
        carryOverPercent:
          closed && items.length
            ? pct(items.filter((i) => i.outcome !== 'completed').length / items.length)
            : null,
        reopenedOrRejected: items.filter((i) => i.reopened > 0 || i.review === 'rejected').length,
        unstatedValue: items.filter((i) => !i.problem.trim() || i.businessValue === null).length,
        acceptedWithoutFeedback: items.filter((i) => i.review === 'accepted' && !heard.has(i.itemId)).length,
      };
    });
}
