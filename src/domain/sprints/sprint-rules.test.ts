import { describe, expect, it } from 'vitest';
import { checkReadiness } from '#domain/backlog/definition-of-ready.ts';
import type { Blocker } from '#domain/backlog/invest.ts';
import { checkDefinitionOfDone } from './definition-of-done.ts';
import { type ReadinessFacts, readiness } from './readiness.ts';
import { checkScopeChange, checkTransition } from './sprint-rules.ts';

describe('scope changes', () => {
  it('are free while planned, need a reason once active, and are refused when closed', () => {
    expect(checkScopeChange('planned', undefined)).toBeNull();
    expect(() => checkScopeChange('active', undefined)).toThrow(
      expect.objectContaining({ code: 'reason_required' }),
    );
    expect(() => checkScopeChange('active', '   ')).toThrow(
      expect.objectContaining({ code: 'reason_required' }),
    );
    expect(checkScopeChange('active', ' Prod outage workaround ')).toBe('Prod outage workaround');
    expect(() => checkScopeChange('closed', 'x')).toThrow(expect.objectContaining({ code: 'sprint_locked' }));
  });
  it('moves planned → active → closed only', () => {
    expect(() => checkTransition('planned', 'active')).not.toThrow();
    expect(() => checkTransition('active', 'closed')).not.toThrow();
    expect(() => checkTransition('planned', 'closed')).toThrow();
    expect(() => checkTransition('closed', 'active')).toThrow();
  });
});

describe('definition of done', () => {
  it('names every entry not ticked', () => {
    expect(() => checkDefinitionOfDone(['Tests', 'Review'], ['Tests', 'Review'])).not.toThrow();
    expect(() => checkDefinitionOfDone(['Tests', 'Review'], ['Tests'])).toThrow(/Review/);
  });
});

describe('readiness', () => {
  const ok = {
    status: 'ready',
    type: 'story',
    size: 3,
    problem: 'Secretaries lose track of VIP guests',
    acceptanceCriteriaCount: 1,
    segmentCount: 1,
    hasValueInputs: true,
    description: '',
    blockers: [] as Blocker[],
  } satisfies ReadinessFacts;
  const all = ['independent', 'negotiable', 'valuable', 'estimable', 'small', 'testable'] as const;
  it('is ready when every check passes', () => {
    expect(readiness(ok, all, 13)).toEqual({ ready: true, reasons: [] });
  });
  it('gives one reason per failed check', () => {
    const r = readiness(
      {
        ...ok,
        status: 'new',
        size: null,
        blockers: [{ key: 'VIP-3', type: 'story', status: 'ready' }],
        acceptanceCriteriaCount: 0,
      },
      all,
      13,
    );
    expect(r.ready).toBe(false);
    expect(r.reasons).toEqual([
      'Blocked by VIP-3',
      'Needs an estimate from the team',
      'No acceptance criteria',
      'Not marked ready yet',
    ]);
    expect(readiness({ ...ok, size: 20 }, all, 13).reasons[0]).toMatch(/split/);
  });
  it('skips checks the product does not require', () => {
    expect(readiness({ ...ok, acceptanceCriteriaCount: 0 }, ['estimable'], 13).ready).toBe(true);
  });
  it('agrees with the backlog on open spikes: an item behind one is not estimable yet', () => {
    const spike = { key: 'VIP-9', type: 'spike', status: 'in_progress' } as const;
    const behind = readiness({ ...ok, blockers: [spike] }, ['estimable'], 13);
    expect(behind).toEqual({
      ready: false,
      reasons: ['Waiting for spike VIP-9 before it can be estimated'],
    });
    // The backlog's own check (INVEST) names the same gap for the same facts.
    const gaps = checkReadiness(
      { ...ok, blockers: [spike] },
      { checks: ['estimable'], splitThreshold: 13 },
    ).gaps;
    expect(gaps.map((g) => g.check)).toEqual(['estimable']);
    // An answered spike (or a rejected one) no longer holds the item up.
    expect(readiness({ ...ok, blockers: [{ ...spike, status: 'done' }] }, all, 13).ready).toBe(true);
    expect(readiness({ ...ok, blockers: [{ ...spike, status: 'rejected' }] }, all, 13).ready).toBe(true);
  });
});
