import { describe, expect, it } from 'vitest';
import { checkEvent, InvalidEventError } from '#app/events.ts';
import type { NewEvent } from '#app/ports.ts';
import { EVENT_TYPES, EventPayload } from '#contracts/events.ts';

const who = { productId: null, actorId: null, entityId: 'e1' };

describe('the event catalog', () => {
  it('names every type once, as entity.verb', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    expect(EVENT_TYPES.length).toBeGreaterThanOrEqual(37);
    for (const t of EVENT_TYPES) expect(t).toMatch(/^[a-z_]+\.[a-z_]+$/);
  });

  it('accepts partial diffs of known fields and refuses unknown fields, types and entities', () => {
    const ok: NewEvent = {
      ...who,
      entityType: 'item',
      type: 'item.updated',
      before: { title: 'a', size: 3 },
      after: { title: 'b', size: 5, sprintId: 's1', reason: 'Split' },
    };
    expect(() => checkEvent(ok)).not.toThrow();
    expect(() => checkEvent({ ...ok, after: { colour: 'red' } } as unknown as NewEvent)).toThrow(
      InvalidEventError,
    );
    expect(() => checkEvent({ ...ok, entityType: 'sprint' } as unknown as NewEvent)).toThrow(/entityType/);
    expect(() => checkEvent({ ...ok, type: 'item.polished' } as unknown as NewEvent)).toThrow(
      InvalidEventError,
    );
    expect(() => checkEvent({ ...ok, after: { status: 'finished' } } as unknown as NewEvent)).toThrow(
      /after.status/,
    );
  });

  it('is enforced by tsc at the call site', () => {
    // @ts-expect-error: not a catalog type
    const unknownType: NewEvent = { ...who, entityType: 'item', type: 'item.polished' };
    const wrongPayload: NewEvent = {
      ...who,
      entityType: 'item',
      type: 'item.commented',
      // @ts-expect-error: mentions are user ids, not a count
      after: { commentId: 'c', key: 'A-1', mentions: 2 },
    };
    expect([unknownType, wrongPayload]).toHaveLength(2);
  });

  it('costs about a microsecond per event to check (figure printed for the report)', () => {
    const samples = [
      { type: 'item.moved', entityType: 'item', after: { before: 'x', rank: 'a0V' } },
      {
        type: 'item.updated',
        entityType: 'item',
        before: { title: 'x', size: 3 },
        after: { title: 'y', size: 5 },
      },
      {
        type: 'item.commented',
        entityType: 'item',
        after: { commentId: 'c', key: 'A-1', mentions: ['u1', 'u2'] },
      },
    ];
    for (const s of samples) {
      expect(EventPayload.safeParse(s).success).toBe(true);
      const n = 50_000;
      for (let i = 0; i < 5_000; i++) EventPayload.safeParse(s);
      const t0 = performance.now();
      for (let i = 0; i < n; i++) EventPayload.safeParse(s);
      const us = ((performance.now() - t0) * 1000) / n;
      console.log(`event check ${s.type}: ${us.toFixed(2)} µs`);
      // Generous bound for a shared CI core; the figure itself is ~0.1–1.5 µs.
      expect(us).toBeLessThan(50);
    }
  });
});
