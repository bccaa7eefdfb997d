import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEM_STATUSES } from '#domain/backlog/item-rules.ts';
import { businessCalendar } from './calendar.ts';
import { type StatusPoint, slaClocks } from './clock.ts';
import { DEFAULT_SLA_POLICY, SEVERITIES, type SlaPolicy } from './policy.ts';

const HOUR = 3_600_000;
const policy: SlaPolicy = {
  ...DEFAULT_SLA_POLICY,
  timeZone: 'Europe/Berlin',
  holidays: ['2026-03-20', '2026-04-03', '2026-04-06'],
};
const START = Date.parse('2026-03-09T00:00:00Z'); // two weeks before the spring DST change
const cal = businessCalendar(policy);

/** A history: the creation, then changes at increasing offsets (minutes). */
const history = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 1, max: 3 * 24 * 60 }),
      status: fc.constantFrom(...ITEM_STATUSES),
      waiting: fc.boolean(),
    }),
    { maxLength: 8 },
  )
  .chain((steps) =>
    fc.integer({ min: 0, max: 7 * 24 * 60 }).map((first) => {
      let at = START + first * 60_000;
      const points: StatusPoint[] = [{ at, status: 'new', waiting: false }];
      for (const s of steps) {
        at += s.gap * 60_000;
        points.push({ at, status: s.status, waiting: s.waiting });
      }
      return points;
    }),
  );
const severity = fc.constantFrom(...SEVERITIES);
const offset = fc.integer({ min: 0, max: 40 * 24 * 60 }).map((m) => START + m * 60_000);

/** Inserts a waiting span [from, to) into a history (the status in force carries on). */
function withPause(h: StatusPoint[], from: number, to: number): StatusPoint[] {
  const stateAt = (t: number) => [...h].reverse().find((p) => p.at <= t) ?? h[0]!;
  const before = h.filter((p) => p.at < from);
  const inside = h.filter((p) => p.at >= from && p.at < to).map((p) => ({ ...p, waiting: true }));
  const after = h.filter((p) => p.at >= to);
  const resume = stateAt(to);
  return [
    ...before,
    { ...stateAt(from), at: from, waiting: true },
    ...inside,
    ...(after[0]?.at === to ? [] : [{ ...resume, at: to }]),
    ...after,
  ];
}

describe('SLA clock properties', () => {
  it('pausing never shortens the remaining time', () => {
    fc.assert(
      fc.property(history, severity, offset, offset, offset, (h, s, a, b, now) => {
        const [from, to] = a < b ? [a, b] : [b, a];
        if (from <= h[0]!.at || from === to) return;
        const plain = slaClocks(policy, s, h, now);
        const paused = slaClocks(policy, s, withPause(h, from, to), now);
        expect(paused.resolution.remainingMs).toBeGreaterThanOrEqual(plain.resolution.remainingMs);
      }),
      { numRuns: 300 },
    );
  });

  it('a breach time is never inside a pause, nor outside working hours for business clocks', () => {
    fc.assert(
      fc.property(history, severity, offset, (h, s, now) => {
        const c = slaClocks(policy, s, h, now);
        for (const clock of [c.response, c.resolution]) {
          for (const t of [clock.breachedAt, clock.dueAt]) {
            if (t === null) continue;
            if (policy.severities[s].calendar === 'business') expect(cal.isWorking(t)).toBe(true);
            // The point in force just before the breach (as known at now): the clock was counting.
            const inForce = [...h].reverse().find((p) => p.at < t && p.at <= now);
            if (inForce) expect(inForce.waiting).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is monotonic in now: remaining time never grows and a breach stays a breach', () => {
    fc.assert(
      fc.property(history, severity, offset, fc.integer({ min: 1, max: 5 * 24 * 60 }), (h, s, now, more) => {
        const early = slaClocks(policy, s, h, now);
        const late = slaClocks(policy, s, h, now + more * 60_000);
        expect(late.resolution.remainingMs).toBeLessThanOrEqual(early.resolution.remainingMs);
        expect(late.response.remainingMs).toBeLessThanOrEqual(early.response.remainingMs);
        if (early.breached) expect(late.breached).toBe(true);
        if (early.breachAt !== null && late.breachAt !== null && early.breached)
          expect(late.breachAt).toBe(early.breachAt);
      }),
      { numRuns: 300 },
    );
  });

  it('a running due time does not move with now (a stored one stays right)', () => {
    fc.assert(
      fc.property(history, severity, offset, fc.integer({ min: 1, max: 600 }), (h, s, now, more) => {
        const last = h[h.length - 1]!;
        if (now < last.at) return;
        const a = slaClocks(policy, s, h, now);
        const b = slaClocks(policy, s, h, now + more * 60_000);
        if (a.resolution.state === 'running') expect(b.resolution.dueAt).toBe(a.resolution.dueAt);
      }),
      { numRuns: 300 },
    );
  });

  it('business time in a working day is its wall-clock length, on DST days too', () => {
    const day = (d: string) => cal.workingMs(Date.parse(`${d}T00:00:00Z`), Date.parse(`${d}T23:59:59Z`));
    expect(day('2026-03-27')).toBe(8 * HOUR);
    expect(day('2026-03-30')).toBe(8 * HOUR);
    expect(day('2026-03-28')).toBe(0);
  });
});
