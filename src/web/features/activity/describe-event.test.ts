import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, type EventType } from '#contracts/events.ts';
import type { Event } from '#contracts/products.ts';
import { describeEvent, timeAgo } from './describe-event.ts';

/** `type` is a string so a test can also send a type this build does not know. */
const ev = (type: string, before: unknown, after: unknown): Event => ({
  id: '1',
  productId: '00000000-0000-4000-8000-000000000001',
  actor: { id: '00000000-0000-4000-8000-000000000002', name: 'Olive' },
  entityType: type.split('.')[0]!,
  entityId: 'x',
  type: type as EventType,
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

  it('reads a type this build does not know (a newer server) naturally', () => {
    expect(describeEvent(ev('widget.polished', null, { title: 'Chrome' }))).toBe(
      'Olive polished widget “Chrome”',
    );
    expect(describeEvent({ ...ev('invoice.sent', null, null), actor: null })).toBe('Tandem sent an invoice');
    expect(describeEvent(ev('toString', null, null))).toBe('Olive changed a toString');
  });

  it('reads every catalog type without ids or blanks, even from a near-empty payload', () => {
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-/i;
    const id = '00000000-0000-4000-8000-00000000abcd';
    for (const type of EVENT_TYPES) {
      const e = { ...ev(type, { id, itemId: id }, { itemId: id, before: id, moves: [] }), entityId: id };
      const text = describeEvent(e);
      expect(text, type).not.toMatch(uuid);
      expect(text, type).not.toMatch(/undefined|null|\[object|NaN/);
      expect(text.startsWith('Olive '), type).toBe(true);
    }
  });

  it('describes accounts, moves, WSJF ordering and poker in words', () => {
    expect(
      describeEvent(ev('user.updated', { name: 'Tom', disabled: false }, { name: 'Tom', disabled: true })),
    ).toBe('Olive changed the account of Tom: disabled it');
    expect(describeEvent(ev('invite.created', null, { email: 'tom@x.test', workspaceRole: 'member' }))).toBe(
      'Olive invited tom@x.test to the workspace',
    );
    const names = new Map([
      ['x', 'VIP-5 “Import profiles”'],
      ['y', 'VIP-2 “Sign in”'],
    ]);
    expect(describeEvent(ev('item.moved', null, { before: 'y', rank: 'a0' }), names)).toBe(
      'Olive moved VIP-5 “Import profiles” above VIP-2 “Sign in”',
    );
    expect(describeEvent(ev('item.moved', null, { after: 'gone', rank: 'a0' }))).toBe(
      'Olive moved an item in the backlog order',
    );
    expect(describeEvent(ev('backlog.reordered_by_wsjf', null, { moves: [{}, {}, {}] }))).toBe(
      'Olive ordered the backlog by WSJF (3 items moved)',
    );
    expect(describeEvent(ev('poker.opened', null, { itemIds: ['a', 'b'], scale: 'fibonacci' }))).toBe(
      'Olive opened planning poker for 2 items',
    );
  });
});

describe('backlog and sprint events', () => {
  const names = new Map([
    ['x', 'VIP-5 “Import profiles”'],
    ['item-9', 'VIP-9 “Time zones”'],
  ]);

  it('names the item from the feed’s lookup, the payload, or says "an item"', () => {
    const moved = ev('item.updated', { status: 'new' }, { status: 'in_progress' });
    expect(describeEvent(moved, names)).toBe('Olive moved VIP-5 “Import profiles” from New to In progress');
    expect(describeEvent(moved)).toBe('Olive moved an item from New to In progress');
    expect(describeEvent(ev('item.created', null, { key: 'VIP-7', title: 'Recurring meetings' }))).toBe(
      'Olive created VIP-7 “Recurring meetings”',
    );
    expect(describeEvent(ev('item.commented', null, { key: 'VIP-41' }))).toBe('Olive commented on VIP-41');
  });

  it('says what changed: a rejection with its reason, a size, other fields', () => {
    expect(
      describeEvent(
        ev('item.updated', { status: 'done' }, { status: 'rejected', comment: 'Not what we asked' }),
      ),
    ).toBe('Olive moved an item from Done to Rejected: “Not what we asked”');
    expect(describeEvent(ev('item.updated', { size: null }, { size: 5 }), names)).toBe(
      'Olive sized VIP-5 “Import profiles” at 5 points',
    );
    expect(describeEvent(ev('item.updated', { size: 3 }, { size: 1, sprintId: 's', reason: 'Split' }))).toBe(
      'Olive re-sized an item from 3 to 1 point: “Split”',
    );
    expect(describeEvent(ev('item.updated', { title: 'a' }, { title: 'b', problem: 'c' }))).toBe(
      'Olive edited “b” (title, problem)',
    );
  });

  it('names the sprint and the item moved into it, and sums up start and close', () => {
    const sprints = new Map([...names, ['x', 'Sprint 6']]);
    expect(
      describeEvent(ev('sprint.item_added', null, { itemId: 'item-9', key: 'VIP-9', reason: null }), sprints),
    ).toBe('Olive added VIP-9 “Time zones” to Sprint 6');
    expect(
      describeEvent(ev('sprint.item_removed', null, { itemId: 'gone', key: 'VIP-3', reason: 'Blocked' })),
    ).toBe('Olive took VIP-3 out of a sprint: “Blocked”');
    expect(describeEvent(ev('sprint.created', null, { name: 'Sprint 7' }))).toBe('Olive planned Sprint 7');
    expect(
      describeEvent(
        ev('sprint.started', null, { items: 5, committedPoints: 22, overForecast: true }),
        sprints,
      ),
    ).toBe('Olive started Sprint 6 with 5 items, 22 points, above the forecast');
    expect(
      describeEvent(ev('sprint.closed', null, { completedPoints: 14, carriedOver: ['VIP-27'] }), sprints),
    ).toBe('Olive closed Sprint 6: 14 points completed, VIP-27 carried over');
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
