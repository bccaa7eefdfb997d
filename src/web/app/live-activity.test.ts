import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Event } from '#contracts/products.ts';
import { refreshFor } from './live-activity.ts';

const P = '11111111-1111-4111-8111-111111111111';
const ITEM = '22222222-2222-4222-8222-222222222222';
const event = (actorId: string): Event => ({
  id: '1',
  productId: P,
  actor: { id: actorId, name: 'Someone' },
  entityType: 'item',
  entityId: ITEM,
  type: 'item.updated',
  before: { title: 'a' },
  after: { title: 'b' },
  at: new Date().toISOString(),
});

function client() {
  const qc = new QueryClient();
  qc.setQueryData(['products', P, 'items', { sort: 'rank' }], { items: [] });
  qc.setQueryData(['items', ITEM], { id: ITEM });
  qc.setQueryData(['products', 'other-product', 'items'], { items: [] });
  qc.setQueryData(['me'], { user: {} });
  return qc;
}
const stale = (qc: QueryClient, key: unknown[]) => qc.getQueryState(key)?.isInvalidated;

describe('live activity', () => {
  it("marks the product's and the changed entity's queries stale when someone else changes them", () => {
    const qc = client();
    refreshFor(qc, P, [event('someone-else')], 'me');
    expect(stale(qc, ['products', P, 'items', { sort: 'rank' }])).toBe(true);
    expect(stale(qc, ['items', ITEM])).toBe(true);
    expect(stale(qc, ['products', 'other-product', 'items'])).toBe(false);
    expect(stale(qc, ['me'])).toBe(false);
  });

  it('leaves our own changes to the screen that made them', () => {
    const qc = client();
    refreshFor(qc, P, [event('me')], 'me');
    expect(stale(qc, ['products', P, 'items', { sort: 'rank' }])).toBe(false);
  });
});
