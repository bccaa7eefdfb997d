import { describe, expect, it } from 'vitest';
import { readinessGaps } from './definition-of-ready.ts';
import { type InvestContext, type InvestItem, investCheck } from './invest.ts';

const good: InvestItem = {
  type: 'story',
  problem: 'Secretariat staff lose an hour per meeting re-typing guest lists.',
  description: '',
  acceptanceCriteria: [{ given: 'a', when: 'b', then: 'c' }],
  segmentIds: ['s1'],
  businessValue: 8,
  timeCriticality: 3,
  riskReduction: 1,
  size: 5,
};
const ctx: InvestContext = { blockers: [], splitThreshold: 13 };
const failing = (item: InvestItem, c = ctx) =>
  investCheck(item, c)
    .filter((f) => !f.ok)
    .map((f) => f.check);

describe('INVEST', () => {
  it('passes a well-formed story', () => {
    expect(failing(good)).toEqual([]);
  });
  it('flags each quality with its reason', () => {
    expect(failing({ ...good, problem: '', description: 'Add a button' })).toEqual(['negotiable']);
    expect(investCheck({ ...good, problem: '', description: 'x' }, ctx)[1]!.reason).toMatch(/solution/);
    expect(failing({ ...good, segmentIds: [] })).toEqual(['valuable']);
    expect(failing({ ...good, businessValue: null, timeCriticality: null, riskReduction: null })).toEqual([
      'valuable',
    ]);
    expect(failing({ ...good, size: null })).toEqual(['estimable']);
    expect(failing({ ...good, size: 20 })).toEqual(['small']);
    expect(failing({ ...good, acceptanceCriteria: [] })).toEqual(['testable']);
  });
  it('is not independent while an open item blocks it, and not estimable behind an open spike', () => {
    const blockers = [{ key: 'LP-3', type: 'spike' as const, status: 'in_progress' as const }];
    const f = investCheck(good, { blockers, splitThreshold: 13 });
    expect(f.filter((x) => !x.ok).map((x) => x.check)).toEqual(['independent', 'estimable']);
    expect(f[0]!.reason).toContain('LP-3');
    const done = [{ key: 'LP-3', type: 'spike' as const, status: 'done' as const }];
    expect(failing(good, { blockers: done, splitThreshold: 13 })).toEqual([]);
  });
  it('gates readiness only on the checks the product requires', () => {
    const f = investCheck({ ...good, size: null, acceptanceCriteria: [] }, ctx);
    expect(readinessGaps(f, ['testable']).map((x) => x.check)).toEqual(['testable']);
    expect(readinessGaps(f, ['independent'])).toEqual([]);
  });
});
