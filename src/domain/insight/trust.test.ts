import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  limitEvidence,
  previousWindow,
  shareScore,
  TRUST,
  type TrustFacts,
  type TrustSignal,
  type TrustSprintFact,
  type TrustSprintItemFact,
  trustReport,
} from './trust.ts';

/**
 * A hand-built history: four two-week sprints in March–April 2026 (window 2026-03-01 → 2026-05-01),
 * one closed sprint in the previous window (2026-01-01 → 2026-03-01) to give a trend.
 */
const PO = 'po';
const DEV = 'dev';
const sprint = (
  id: string,
  started: string,
  closed: string | null,
  x: Partial<TrustSprintFact> = {},
): TrustSprintFact => ({
  id,
  name: `Sprint ${id}`,
  state: closed ? 'closed' : 'active',
  startedAt: `${started}T09:00:00.000Z`,
  closedAt: closed ? `${closed}T16:00:00.000Z` : null,
  committedPoints: 20,
  completedPoints: 20,
  forecastPoints: 20,
  overForecast: false,
  startItems: 4,
  startEventId: null,
  ...x,
});
const item = (sprintId: string, n: number, x: Partial<TrustSprintItemFact> = {}): TrustSprintItemFact => ({
  sprintId,
  itemId: `${sprintId}-i${n}`,
  key: `T-${sprintId}${n}`,
  title: `Item ${n}`,
  problem: 'Who has it and why',
  businessValue: 5,
  outcome: 'completed',
  review: 'accepted',
  reviewedAt: null,
  reopened: 0,
  ...x,
});

function history(): TrustFacts {
  return {
    sprints: [
      sprint('0', '2026-01-05', '2026-01-16', { completedPoints: 20 }),
      sprint('1', '2026-03-02', '2026-03-13', {
        overForecast: true,
        committedPoints: 30,
        forecastPoints: 22,
        completedPoints: 15,
        startEventId: 100,
      }),
      sprint('2', '2026-03-16', '2026-03-27', {
        completedPoints: 25,
        committedPoints: 25,
        startEventId: 200,
      }),
      sprint('3', '2026-03-30', '2026-04-10', { completedPoints: 20, startEventId: 300 }),
      sprint('4', '2026-04-13', null, { startEventId: 400 }),
    ],
    sprintItems: [
      ...[1, 2, 3, 4].map((n) => item('0', n)),
      // Sprint 1: one carried over, one rejected, one with no problem.
      item('1', 1),
      item('1', 2, { review: 'rejected', reopened: 1 }),
      item('1', 3, { outcome: 'backlog', review: null }),
      item('1', 4, { problem: '  ' }),
      // Sprint 2: all done; one with no value.
      item('2', 1),
      item('2', 2, { businessValue: null }),
      item('2', 3),
      item('2', 4),
      // Sprint 3: one carried to the next sprint.
      item('3', 1),
      item('3', 2),
      item('3', 3),
      item('3', 4, { outcome: 'next_sprint', review: null }),
      // Sprint 4 (running).
      item('4', 1, { outcome: null, review: null }),
      item('4', 2, { outcome: null, review: null }),
      item('4', 3, { outcome: null, review: null }),
      item('4', 4, { outcome: null, review: null }),
    ],
    scopeChanges: [
      // Planning before the start (id below the start event): not a mid-sprint change.
      {
        id: 150,
        sprintId: '2',
        change: 'added',
        itemKey: 'T-21',
        reason: '',
        at: '2026-03-16T08:00:00.000Z',
        actorId: PO,
        actorName: 'Pat',
      },
      {
        id: 210,
        sprintId: '2',
        change: 'added',
        itemKey: 'T-X',
        reason: 'Outage workaround',
        at: '2026-03-18T10:00:00.000Z',
        actorId: PO,
        actorName: 'Pat',
      },
      {
        id: 211,
        sprintId: '2',
        change: 'removed',
        itemKey: 'T-24',
        reason: 'Made room',
        at: '2026-03-18T10:05:00.000Z',
        actorId: PO,
        actorName: 'Pat',
      },
    ],
    sizeRefusals: [
      {
        id: 220,
        itemId: '2-i1',
        itemKey: 'T-21',
        role: 'owner',
        at: '2026-03-17T10:00:00.000Z',
        actorId: PO,
        actorName: 'Pat',
      },
    ],
    reviewsClosed: [
      {
        id: 290,
        reviewId: 'r2',
        sprintId: '2',
        at: '2026-03-28T10:00:00.000Z',
        actorId: PO,
        actorName: 'Pat',
      },
      {
        id: 390,
        reviewId: 'r3',
        sprintId: '3',
        at: '2026-04-11T10:00:00.000Z',
        actorId: PO,
        actorName: 'Pat',
      },
    ],
    comments: [
      // A question on Thursday, answered on Monday (within two working days).
      {
        id: 'c1',
        itemId: '2-i3',
        itemKey: 'T-23',
        authorId: DEV,
        mentions: [PO],
        at: '2026-03-19T10:00:00.000Z',
      },
      {
        id: 'c2',
        itemId: '2-i3',
        itemKey: 'T-23',
        authorId: PO,
        mentions: [],
        at: '2026-03-23T09:00:00.000Z',
      },
      // A question never answered.
      {
        id: 'c3',
        itemId: '3-i1',
        itemKey: 'T-31',
        authorId: DEV,
        mentions: [PO],
        at: '2026-03-31T10:00:00.000Z',
      },
      // A follow-up on the sad-faced item of review r2.
      {
        id: 'c4',
        itemId: '2-i1',
        itemKey: 'T-21',
        authorId: PO,
        mentions: [],
        at: '2026-03-28T11:00:00.000Z',
      },
    ],
    answers: [
      { reviewId: 'r2', itemId: '2-i1', itemKey: 'T-21', mood: 'sad', at: '2026-03-27T12:00:00.000Z' },
      { reviewId: 'r2', itemId: '2-i3', itemKey: 'T-23', mood: 'happy', at: '2026-03-27T12:00:00.000Z' },
      { reviewId: 'r3', itemId: '3-i2', itemKey: 'T-32', mood: 'sad', at: '2026-04-10T12:00:00.000Z' },
    ],
    links: [{ fromItemId: 'd1', toItemId: '3-i1', createdAt: '2026-04-14T10:00:00.000Z' }],
    defects: [
      { id: 'd1', key: 'T-D1', title: 'Crash on empty list', createdAt: '2026-04-14T09:00:00.000Z' },
      { id: 'd2', key: 'T-D2', title: 'Unlinked defect', createdAt: '2026-04-14T09:00:00.000Z' },
    ],
    ownerIds: [PO],
    teamIds: [DEV],
  };
}

const window = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-05-01T00:00:00Z') };
const now = new Date('2026-04-20T12:00:00Z');
const report = trustReport(history(), window, now);
const signal = (key: TrustSignal['key']) => report.signals.find((s) => s.key === key)!;

describe('trust radar signals on a hand-built history', () => {
  it('names the previous window of the same length', () => {
    expect(previousWindow(window)).toEqual({
      from: new Date('2025-12-30T00:00:00Z'),
      to: new Date('2026-03-01T00:00:00Z'),
    });
    expect(report.signals.map((s) => s.side)).toEqual([...Array(9).fill('po'), ...Array(5).fill('team')]);
  });

  it('commitment above forecast: 1 of 4 started sprints, with the start event as evidence', () => {
    const s = signal('commitment_over_forecast');
    expect(s.value).toBe(25);
    expect(s.score).toBe(shareScore(0.25, TRUST.zeroScoreAt.overForecast));
    expect(s.score).toBe(50);
    expect(s.evidence).toEqual([expect.objectContaining({ kind: 'event', id: '100', sprintId: '1' })]);
  });

  it('changes inside active sprints: only those logged after the start event', () => {
    const s = signal('mid_sprint_changes');
    expect(s.value).toBe(2);
    // 2 changes over 16 items committed at start in the sprints of the window.
    expect(s.explanation).toContain('12.5 %');
    expect(s.score).toBe(75);
    expect(s.evidence.map((e) => e.id)).toEqual(['210', '211']);
    expect(report.sprints.find((r) => r.sprintId === '2')!.scopeChanges).toBe(2);
  });

  it('size attempts by non-team members count each refusal', () => {
    const s = signal('size_by_non_team');
    expect(s.value).toBe(1);
    expect(s.score).toBe(100 - TRUST.refusalPenalty);
    expect(s.evidence[0]).toMatchObject({ kind: 'event', id: '220', itemId: '2-i1' });
  });

  it('items pulled in without a problem statement or value', () => {
    const s = signal('unstated_value');
    expect(s.value).toBe(12.5); // 2 of 16
    expect(s.evidence.map((e) => e.id).sort()).toEqual(['1-i4', '2-i2']);
    expect(s.evidence[0]!.summary).toContain('no problem');
  });

  it('accepted items with no customer answer', () => {
    const s = signal('no_customer_feedback');
    // Accepted in closed sprints: 1-i1, 1-i4, 2-i1..4, 3-i1..3 = 9; answered: 2-i1, 2-i3, 3-i2.
    expect(s.value).toBe(66.7);
    expect(s.evidence).toHaveLength(6);
  });

  it('team questions to the PO unanswered for more than two working days', () => {
    const s = signal('unanswered_questions');
    expect(s.value).toBe(1);
    expect(s.evidence).toEqual([expect.objectContaining({ kind: 'item', id: '3-i1' })]);
    expect(s.score).toBe(0); // 1 of 2 = 50 %, the zero-score share
  });

  it('reviews closed with a sad face left without follow-up', () => {
    const s = signal('sad_faces_left_out');
    // r2's sad answer got a comment; r3's did not.
    expect(s.value).toBe(1);
    expect(s.evidence.map((e) => `${e.kind}:${e.id}`)).toEqual(['event:390', 'item:3-i2']);
    expect(s.score).toBe(50);
  });

  it('carry-over share at close', () => {
    const s = signal('carry_over');
    expect(s.value).toBe(16.7); // 2 of 12 items in sprints 1–3
    expect(s.evidence.map((e) => e.id)).toEqual(['1-i3', '3-i4']);
    expect(report.sprints.find((r) => r.sprintId === '1')!.carryOverPercent).toBe(25);
    // Previous window: nothing carried over, so the trend is down.
    expect(s.trend).toBe(s.score! - 100);
  });

  it('done then reopened or rejected', () => {
    const s = signal('reopened_or_rejected');
    expect(s.value).toBe(10); // 1 of 10 reviewed
    expect(s.evidence[0]!.summary).toContain('rejected');
  });

  it('escaped defects: linked to work accepted shortly before', () => {
    const s = signal('escaped_defects');
    expect(s.value).toBe(1);
    expect(s.evidence[0]).toMatchObject({ kind: 'item', id: 'd1' });
    expect(s.score).toBe(100 - TRUST.escapedDefectPenalty);
  });

  it('velocity instability is the coefficient of variation of completed points', () => {
    const s = signal('velocity_instability');
    // 15, 25, 20: mean 20, population sd 4.082 → 0.204
    expect(s.value).toBe(0.204);
    expect(s.score).toBe(59);
    expect(s.evidence).toHaveLength(3);
  });

  it('say/do: the mean ratio, flagged below 80 %', () => {
    const s = signal('say_do');
    expect(s.value).toBe(83.3); // (0.5 + 1 + 1) / 3
    expect(s.score).toBe(100);
    expect(s.evidence).toHaveLength(1); // Sprint 1 at 50 %
  });

  it('say/do: steadily 100 % with falling commitment reads as under-commitment', () => {
    const f = history();
    f.sprints = [
      sprint('a', '2026-03-02', '2026-03-13', { committedPoints: 30, completedPoints: 30 }),
      sprint('b', '2026-03-16', '2026-03-27', { committedPoints: 25, completedPoints: 25 }),
      sprint('c', '2026-03-30', '2026-04-10', { committedPoints: 18, completedPoints: 18 }),
    ];
    const s = trustReport(f, window, now).signals.find((x) => x.key === 'say_do')!;
    expect(s.value).toBe(100);
    expect(s.score).toBe(TRUST.underCommitScore);
    expect(s.explanation).toContain('30 → 25 → 18');
  });

  it('an empty window has no value and no score (not a perfect one)', () => {
    const empty = trustReport(history(), { from: new Date('2027-01-01Z'), to: new Date('2027-02-01Z') }, now);
    const scored = empty.signals.filter((s) => s.score !== null).map((s) => s.key);
    expect(scored).toEqual(['size_by_non_team', 'went_around_agreements', 'escaped_defects']);
    expect(empty.sprints).toEqual([]);
  });

  it('counts working days Monday to Friday', () => {
    expect(addWorkingDays(new Date('2026-03-19T10:00:00Z'), 2).toISOString()).toBe(
      '2026-03-23T10:00:00.000Z',
    );
    expect(addWorkingDays(new Date('2026-03-16T10:00:00Z'), 2).toISOString()).toBe(
      '2026-03-18T10:00:00.000Z',
    );
  });

  it('lists the sprints of the window in order with their figures', () => {
    expect(report.sprints.map((r) => r.sprintId)).toEqual(['1', '2', '3', '4']);
    expect(report.sprints[0]).toMatchObject({
      overForecast: true,
      sayDo: 0.5,
      reopenedOrRejected: 1,
      unstatedValue: 1,
    });
    expect(report.sprints[3]).toMatchObject({ state: 'active', completedPoints: null, sayDo: null });
  });
});

describe('limitEvidence', () => {
  it('keeps the most recent pieces per signal in their order, all of them for the named signal', () => {
    const r = trustReport(history(), window, now);
    const cut = limitEvidence(r, 2);
    const carry = cut.signals.find((s) => s.key === 'no_customer_feedback')!;
    expect(carry.evidenceTotal).toBe(6);
    expect(carry.evidence).toHaveLength(2);
    const full = limitEvidence(r, 2, 'no_customer_feedback');
    expect(full.signals.find((s) => s.key === 'no_customer_feedback')!.evidence).toHaveLength(6);
    const times = carry.evidence.map((e) => Date.parse(e.at));
    const all = r.signals
      .find((s) => s.key === 'no_customer_feedback')!
      .evidence.map((e) => Date.parse(e.at));
    expect(Math.min(...times)).toBeGreaterThanOrEqual([...all].sort((a, b) => b - a)[1]!);
  });
});
