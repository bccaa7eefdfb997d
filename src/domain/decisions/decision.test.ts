import { describe, expect, it } from 'vitest';
import { type DecisionFacts, decideAccept, decideSupersede } from './decision.ts';

const d = (over: Partial<DecisionFacts> = {}): DecisionFacts => ({
  id: 'd1',
  productId: 'p1',
  status: 'proposed',
  technical: false,
  ...over,
});

describe('accepting a decision', () => {
  it('is the PO who accepts a product decision; the team may not', () => {
    expect(decideAccept(d(), 'owner')).toBeNull();
    expect(decideAccept(d(), 'team')?.code).toBe('forbidden');
    expect(decideAccept(d(), 'facilitator')?.code).toBe('forbidden');
  });
  it('is the team (or the PO) who accepts a technical decision', () => {
    expect(decideAccept(d({ technical: true }), 'team')).toBeNull();
    expect(decideAccept(d({ technical: true }), 'owner')).toBeNull();
    expect(decideAccept(d({ technical: true }), 'viewer')?.code).toBe('forbidden');
  });
  it('happens once: an accepted or superseded decision cannot be accepted again', () => {
    expect(decideAccept(d({ status: 'accepted' }), 'owner')?.code).toBe('conflict');
    expect(decideAccept(d({ status: 'superseded' }), 'owner')?.code).toBe('conflict');
  });
});

describe('superseding a decision', () => {
  const by = d({ id: 'd2', status: 'proposed' });
  it('retires an accepted decision in favour of another of the product', () => {
    expect(decideSupersede(d({ status: 'accepted' }), by, 'owner')).toBeNull();
  });
  it('refuses a proposed one, itself, a superseded or foreign successor', () => {
    expect(decideSupersede(d(), by, 'owner')?.code).toBe('conflict');
    const accepted = d({ status: 'accepted' });
    expect(decideSupersede(accepted, accepted, 'owner')?.fields).toEqual({
      byDecisionId: 'A decision cannot supersede itself',
    });
    expect(
      decideSupersede(accepted, d({ id: 'd3', status: 'superseded' }), 'owner')?.fields?.byDecisionId,
    ).toMatch(/superseded/);
    expect(
      decideSupersede(accepted, d({ id: 'd4', productId: 'p2' }), 'owner')?.fields?.byDecisionId,
    ).toMatch(/this product/);
    expect(decideSupersede(accepted, null, 'owner')?.code).toBe('validation_failed');
  });
  it('is for whoever could accept it', () => {
    expect(decideSupersede(d({ status: 'accepted' }), by, 'team')?.code).toBe('forbidden');
    expect(decideSupersede(d({ status: 'accepted', technical: true }), by, 'team')).toBeNull();
  });
});
