import { describe, expect, it } from 'vitest';
import type { Event } from '../../../contracts/products.ts';
import { describeEvent, registerEventDescriber, timeAgo } from './describe-event.ts';

const ev = (type: string, before: unknown, after: unknown): Event => ({
  id: '1',
  productId: '00000000-0000-4000-8000-000000000001',
  actor: { id: '00000000-0000-4000-8000-000000000002', name: 'Olive' },
  entityType: type.split('.')[0]!,
  entityId: 'x',
  type,
  before,
  after,
  at: '2025-01-01T10:00:00Z',
});

describe('describeEvent', () => {
  it('names the person and the role in words', () => {
    expect(describeEvent(ev('member.added', null, { role: 'team', name: 'Tom' }))).toBe(
      'Olive added Tom as Team member',
    );
    expect(describeEvent(ev('member.role_changed', { role: 'viewer' }, { role: 'owner', name: 'Tom' }))).toBe(
      'Olive changed Tom’s role from Viewer to Product Owner',
    );
    expect(describeEvent(ev('member.removed', { role: 'stakeholder', name: 'Sam' }, null))).toBe(
      'Olive removed Sam (Stakeholder) from the product',
    );
  });

  it('describes product and segment changes field by field', () => {
    expect(describeEvent(ev('product.updated', { name: 'Old' }, { name: 'New' }))).toBe(
      'Olive changed name from “Old” to “New”',
    );
    expect(
      describeEvent(
        ev('segment.updated', { name: 'VIP', targetShare: null }, { name: 'VIP', targetShare: 30 }),
      ),
    ).toBe('Olive changed the segment “VIP”: target share from none to 30%');
    expect(describeEvent(ev('segment.created', null, { name: 'Secretariat' }))).toBe(
      'Olive added the customer segment “Secretariat”',
    );
  });

  it('reads unknown event types naturally and accepts registered describers', () => {
    expect(describeEvent(ev('item.created', null, { title: 'Sort teams by sponsor' }))).toBe(
      'Olive created item “Sort teams by sponsor”',
    );
    expect(describeEvent({ ...ev('sprint.started', null, null), actor: null })).toBe(
      'Tandem started a sprint',
    );
    registerEventDescriber('sprint.started', (_e, who) => `${who} started the sprint`);
    expect(describeEvent(ev('sprint.started', null, null))).toBe('Olive started the sprint');
  });
});

describe('timeAgo', () => {
  const now = new Date('2025-01-01T12:00:00Z');
  it('uses relative words for the last day', () => {
    expect(timeAgo('2025-01-01T11:59:50Z', now)).toBe('just now');
    expect(timeAgo('2025-01-01T11:55:00Z', now)).toBe('5 min ago');
    expect(timeAgo('2025-01-01T09:00:00Z', now)).toBe('3 h ago');
    expect(timeAgo('2024-12-20T09:00:00Z', now)).toMatch(/2024/);
  });
});
