import { describe, expect, it } from 'vitest';
import { readinessHints } from './readiness-hint.ts';

const ready = {
  status: 'ready' as const,
  type: 'story' as const,
  size: 3,
  problem: 'VIP members get two emails',
  // biome-ignore lint/suspicious/noThenProperty: Given/When/Then
  acceptanceCriteria: [{ given: 'a', when: 'b', then: 'c' }],
};

describe('readiness hints for backlog items', () => {
  it('has nothing to say about a ready, sized story with criteria', () => {
    expect(readinessHints(ready)).toEqual([]);
  });

  it('names each gap', () => {
    expect(
      readinessHints({ ...ready, status: 'new', size: null, problem: ' ', acceptanceCriteria: [] }),
    ).toEqual([
      'Needs an estimate from the team',
      'No problem statement',
      'No acceptance criteria',
      'Not marked ready yet',
    ]);
  });

  it('does not ask an enabler for a problem statement', () => {
    expect(readinessHints({ ...ready, type: 'enabler', problem: '' })).toEqual([]);
  });
});
