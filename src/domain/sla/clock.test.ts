import { describe, expect, it } from 'vitest';
import { type StatusPoint, slaClocks } from './clock.ts';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './policy.ts';

/** Europe/Berlin, Monday–Friday 09:00–17:00; S2: 4 h response, 8 h resolution in business hours. */
const berlin: SlaPolicy = {
  ...DEFAULT_SLA_POLICY,
  timeZone: 'Europe/Berlin',
  holidays: ['2026-04-06'], // Easter Monday
  severities: {
    ...DEFAULT_SLA_POLICY.severities,
    S1: { responseHours: 1, resolutionHours: 4, calendar: 'calendar' },
    S2: { responseHours: 4, resolutionHours: 8, calendar: 'business' },
  },
};
const t = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const at = (when: string, status: StatusPoint['status'] = 'new', waiting = false): StatusPoint => ({
  at: t(when),
  status,
  waiting,
});

describe('SLA clocks, hand-computed', () => {
  it('runs over the weekend without counting it (Fri 15:00 + 8 working hours = Mon 15:00)', () => {
    // 2026-03-13 is a Friday; CET is UTC+1.
    const c = slaClocks(berlin, 'S2', [at('2026-03-13T14:00:00Z', 'ready')], t('2026-03-14T12:00:00Z'));
    expect(iso(c.resolution.dueAt)).toBe('2026-03-16T14:00:00.000Z');
    // 75 % of 8 h = 6 h: 2 h on Friday, then Monday 09:00 + 4 h = 13:00 local.
    expect(iso(c.resolution.warnAt)).toBe('2026-03-16T12:00:00.000Z');
    expect(c.resolution.elapsedMs).toBe(2 * 3_600_000);
    expect(c.breached).toBe(false);
  });

  it('skips a holiday (Thu 13:00 before Easter: Good Friday is a working day here, Easter Monday is not)', () => {
    // 2026-04-02 Thursday 13:00 CEST (UTC+2): 4 h Thu, 8 h budget ends Fri 13:00; with 16 h:
    const long: SlaPolicy = {
      ...berlin,
      severities: {
        ...berlin.severities,
        S3: { responseHours: 8, resolutionHours: 16, calendar: 'business' },
      },
    };
    const c = slaClocks(long, 'S3', [at('2026-04-02T11:00:00Z', 'ready')], t('2026-04-02T12:00:00Z'));
    // Thu 4 h + Fri 8 h = 12 h; Mon 6 April is a holiday; Tue 09:00 + 4 h = 13:00 CEST.
    expect(iso(c.resolution.dueAt)).toBe('2026-04-07T11:00:00.000Z');
  });

  it('pauses while waiting for the customer and resumes with the time left', () => {
    const history = [
      at('2026-03-16T08:00:00Z'), // Mon 09:00 created
      at('2026-03-16T10:00:00Z', 'new', true), // Mon 11:00 asked the customer: responded, paused
      at('2026-03-17T09:00:00Z', 'in_progress', false), // Tue 10:00 answer came, work resumes
    ];
    const during = slaClocks(berlin, 'S2', history, t('2026-03-16T15:00:00Z'));
    expect(during.paused).toBe(true);
    expect(during.resolution.dueAt).toBeNull();
    expect(during.resolution.remainingMs).toBe(6 * 3_600_000);
    expect(during.response.state).toBe('stopped');
    expect(iso(during.response.stoppedAt)).toBe('2026-03-16T10:00:00.000Z');

    const after = slaClocks(berlin, 'S2', history, t('2026-03-17T10:00:00Z'));
    expect(after.paused).toBe(false);
    // 2 h used on Monday, 6 h from Tuesday 10:00 → 16:00 local = 15:00 UTC.
    expect(iso(after.resolution.dueAt)).toBe('2026-03-17T15:00:00.000Z');
    // 75 % = 6 h: 4 h from Tuesday 10:00 → 14:00 local.
    expect(iso(after.resolution.warnAt)).toBe('2026-03-17T13:00:00.000Z');
  });

  it('breaches the response clock and says when', () => {
    const c = slaClocks(berlin, 'S2', [at('2026-03-16T15:00:00Z')], t('2026-03-17T12:00:00Z'));
    // Mon 16:00 local: 1 h on Monday, 3 h from Tue 09:00 → 12:00 local = 11:00 UTC.
    expect(iso(c.response.breachedAt)).toBe('2026-03-17T11:00:00.000Z');
    expect(c.breached).toBe(true);
    expect(iso(c.breachAt)).toBe('2026-03-17T11:00:00.000Z');
    expect(c.response.remainingMs).toBe(-1 * 3_600_000);
  });

  it('stops the resolution clock when done and resumes it when reopened', () => {
    const history = [
      at('2026-03-16T08:00:00Z', 'in_progress'), // Mon 09:00
      at('2026-03-16T11:00:00Z', 'done'), // Mon 12:00: 3 h used
      at('2026-03-17T08:00:00Z', 'in_progress'), // reopened Tue 09:00
    ];
    const closed = slaClocks(berlin, 'S2', history.slice(0, 2), t('2026-03-20T12:00:00Z'));
    expect(closed.resolution.state).toBe('stopped');
    expect(closed.breached).toBe(false);
    expect(closed.breachAt).toBeNull();
    const reopened = slaClocks(berlin, 'S2', history, t('2026-03-17T09:00:00Z'));
    expect(iso(reopened.resolution.dueAt)).toBe('2026-03-17T13:00:00.000Z'); // Tue 09:00 + 5 h
  });

  it('counts real hours across the spring DST change for calendar clocks (S1)', () => {
    // Sat 2026-03-28 23:00 CET = 22:00 UTC; clocks go 02:00 → 03:00 on Sunday 29 March.
    const c = slaClocks(berlin, 'S1', [at('2026-03-28T22:00:00Z', 'in_progress')], t('2026-03-28T23:00:00Z'));
    expect(iso(c.resolution.dueAt)).toBe('2026-03-29T02:00:00.000Z'); // 05:00 CEST on the wall
  });

  it('keeps 09:00–17:00 local on both sides of the DST change for business clocks', () => {
    // Fri 2026-03-27 16:00 CET (15:00 UTC) + 4 h: 1 h Friday, 3 h from Mon 09:00 CEST (07:00 UTC).
    const c = slaClocks(berlin, 'S2', [at('2026-03-27T15:00:00Z')], t('2026-03-27T15:30:00Z'));
    expect(iso(c.response.dueAt)).toBe('2026-03-30T10:00:00.000Z');
    // And in autumn, New York: Fri 2026-10-30 16:00 EDT (20:00 UTC) + 4 h → Mon 12:00 EST (17:00 UTC).
    const ny = { ...berlin, timeZone: 'America/New_York', holidays: [] };
    const d = slaClocks(ny, 'S2', [at('2026-10-30T20:00:00Z')], t('2026-10-30T20:30:00Z'));
    expect(iso(d.response.dueAt)).toBe('2026-11-02T17:00:00.000Z');
  });

  it('pauses on a status the policy names', () => {
    const policy: SlaPolicy = { ...berlin, pauseStatuses: ['waiting', 'ready'] };
    const c = slaClocks(policy, 'S2', [at('2026-03-16T08:00:00Z', 'ready')], t('2026-03-16T12:00:00Z'));
    expect(c.resolution.state).toBe('paused');
    expect(c.resolution.elapsedMs).toBe(0);
  });
});
