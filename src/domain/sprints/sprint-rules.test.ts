import { describe, expect, it } from 'vitest';
import { checkDefinitionOfDone } from './definition-of-done.ts';
import { readiness } from './readiness.ts';
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
    openBlockers: [],
  };
  const all = ['independent', 'negotiable', 'valuable', 'estimable', 'small', 'testable'] as const;
  it('is ready when every check passes', () => {
    expect(readiness(ok, all, 13)).toEqual({ ready: true, reasons: [] });
  });
  it('gives one reason per failed check', () => {
    const r = readiness(
      { ...ok, status: 'new', size: null, openBlockers: ['VIP-3'], acceptanceCriteriaCount: 0 },
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
});
