import { sayDoRatio } from '#domain/sprints/velocity.ts';
import {
  afterStart,
  type Indexed,
  index,
  inside,
  pct,
  type TrustFacts,
  type TrustReport,
  type TrustSignal,
  type TrustSprintRow,
  type TrustWindow,
  t,
} from './trust-model.ts';
import { AGREEMENT_SIGNALS } from './trust-signals-agreements.ts';
import { PO_SIGNALS } from './trust-signals-po.ts';
import { TEAM_SIGNALS } from './trust-signals-team.ts';

export * from './trust-model.ts';

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
const DEFINITIONS = [...PO_SIGNALS, ...AGREEMENT_SIGNALS, ...TEAM_SIGNALS];

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
