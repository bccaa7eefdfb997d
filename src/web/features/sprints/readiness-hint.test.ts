import { describe, expect, it } from 'vitest';
import { readinessHints } from './readiness-hint.ts';

const ready = {
  status: 'ready' as const,
  type: 'story' as const,
  size: 3,
  problem: 'VIP members get two emails',
  acceptanceCriteria: [{ given: 'a', when: 'b', then: 'c' }],
  segmentIds: ['00000000-0000-4000-8000-000000000001'],
  businessValue: 8,
};
const all = {
  definitionOfReady: ['independent', 'negotiable', 'valuable', 'estimable', 'small', 'testable'] as const,
  splitThreshold: 8,
};

describe('readiness hints for backlog items', () => {
  it('has nothing to say about a ready, sized story with criteria, segment and value', () => {
    expect(readinessHints(ready, all)).toEqual([]);
  });

  it('names each gap the product’s Definition of Ready requires', () => {
    expect(
      readinessHints(
        {
          ...ready,
          status: 'new',
          size: null,
          problem: ' ',
          acceptanceCriteria: [],
          segmentIds: [],
          businessValue: null,
        },
        all,
      ),
    ).toEqual([
      'No problem statement',
      'No customer segment',
      'No value inputs',
      'Needs an estimate from the team',
      'No acceptance criteria',
      'Not marked ready yet',
    ]);
  });

  it('asks to split an item above the threshold', () => {
    expect(readinessHints({ ...ready, size: 13 }, all)).toEqual([
      'Too big to finish in a sprint (13 > 8 points): split it',
    ]);
  });

  it('only checks what the Definition of Ready asks for', () => {
    const lax = { definitionOfReady: ['estimable'] as const, splitThreshold: 8 };
    expect(readinessHints({ ...ready, segmentIds: [], acceptanceCriteria: [] }, lax)).toEqual([]);
    expect(readinessHints({ ...ready, size: null }, lax)).toEqual(['Needs an estimate from the team']);
  });

  it('does not ask an enabler for a problem statement', () => {
    expect(readinessHints({ ...ready, type: 'enabler', problem: '' }, all)).toEqual([]);
  });
});
