import { describe, expect, it } from 'vitest';
import { TRUST, type TrustFacts, trustReport } from './trust.ts';

/** The agreement signals (issue 13): changes that went around a decision, workarounds left unpaid. */
const base: TrustFacts = {
  sprints: [],
  sprintItems: [],
  scopeChanges: [],
  sizeRefusals: [],
  reviewsClosed: [],
  comments: [],
  answers: [],
  links: [],
  defects: [],
  ownerIds: ['po'],
  teamIds: ['dev'],
};
const window = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };
const now = new Date('2026-11-20T12:00:00Z');
const signal = (facts: TrustFacts, key: string, at = now) =>
  trustReport(facts, window, at).signals.find((s) => s.key === key)!;

describe('changes that went around an agreement', () => {
  const flag = (id: number, at: string, actorId: string) => ({
    id,
    at,
    actorId,
    actorName: actorId,
    decisionId: 'd1',
    decisionTitle: 'No workaround',
    itemId: 'i1',
    summary: 'NOTIF-14 was resolved by a workaround',
  });
  it('counts the flags in the window, penalty each, and names how many were the PO’s', () => {
    const s = signal(
      {
        ...base,
        contradictions: [
          flag(1, '2026-11-10T10:00:00.000Z', 'po'),
          flag(2, '2026-11-12T10:00:00.000Z', 'dev'),
          flag(3, '2026-10-12T10:00:00.000Z', 'po'),
        ],
      },
      'went_around_agreements',
    );
    expect(s).toMatchObject({ side: 'po', value: 2, score: 100 - 2 * TRUST.contradictionPenalty });
    expect(s.explanation).toMatch(/^2 changes went around an accepted decision \(1 by the Product Owner\)/);
    expect(s.evidence.map((e) => e.id)).toEqual(['1', '2']);
    expect(s.evidence[0]).toMatchObject({
      kind: 'event',
      itemId: 'i1',
      summary: 'No workaround: NOTIF-14 was resolved by a workaround',
    });
    // The earlier flag falls in the previous window: the trend is the drop.
    expect(s.trend).toBe(-TRUST.contradictionPenalty);
  });
  it('scores 100 with nothing flagged', () => {
    expect(signal(base, 'went_around_agreements')).toMatchObject({ value: 0, score: 100 });
  });
});

describe('workarounds left unpaid', () => {
  const rep = (itemId: string, dueDate: string | null, repaidAt: string | null) => ({
    itemId,
    key: `NOTIF-${itemId}`,
    workaroundKey: 'NOTIF-14',
    dueDate,
    repaidAt,
  });
  it('counts repayments whose due day ended in the window unpaid, or paid late', () => {
    const s = signal(
      {
        ...base,
        repayments: [
          rep('20', '2026-11-10', null), // open past due
          rep('21', '2026-11-11', '2026-11-15T10:00:00.000Z'), // paid late
          rep('22', '2026-11-12', '2026-11-12T16:00:00.000Z'), // paid on its due day
          rep('23', '2026-11-25', null), // not due yet (now is the 20th)
          rep('24', null, null), // no date known
        ],
      },
      'workarounds_left_unpaid',
    );
    expect(s).toMatchObject({ value: 2, score: 100 - 2 * TRUST.unpaidRepaymentPenalty });
    expect(s.explanation).toMatch(/^2 of 3 workaround repayments due in this window were not paid on time/);
    expect(s.evidence.map((e) => e.id)).toEqual(['20', '21']);
    expect(s.evidence[0]!.summary).toBe(
      'NOTIF-20 repays the NOTIF-14 workaround; due 2026-11-10, still open',
    );
  });
  it('has nothing to measure when nothing fell due', () => {
    expect(
      signal({ ...base, repayments: [rep('23', '2026-11-25', null)] }, 'workarounds_left_unpaid'),
    ).toMatchObject({
      value: null,
      score: null,
      explanation: 'No workaround repayment fell due in this window.',
    });
  });
});
