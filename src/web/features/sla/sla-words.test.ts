import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '#domain/sla/policy.ts';
import { badgeLine, clockLines } from './sla-words.ts';

const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY, timeZone: 'Europe/Berlin' };
// Tuesday 2026-03-17 10:00 CET.
const now = Date.parse('2026-03-17T09:00:00Z');
const sla = (s: Partial<NonNullable<Parameters<typeof clockLines>[0]['sla']>>) => ({
  responseDueAt: null,
  resolutionDueAt: null,
  paused: false,
  breached: false,
  ...s,
});

describe('SLA clocks in words', () => {
  it('counts working hours left for business clocks (10:00 → 16:00 = 6 working hours)', () => {
    const lines = clockLines(
      { severity: 'S2', waiting: false, sla: sla({ resolutionDueAt: '2026-03-17T15:00:00.000Z' }) },
      policy,
      now,
    );
    expect(lines.map((l) => l.text)).toEqual(['Resolution due in 6 working hours']);
  });

  it('skips the night: due tomorrow 10:00 is 8 working hours away, not 24', () => {
    const lines = clockLines(
      { severity: 'S3', waiting: false, sla: sla({ resolutionDueAt: '2026-03-18T09:00:00.000Z' }) },
      policy,
      now,
    );
    expect(lines[0]?.text).toBe('Resolution due in 8 working hours');
  });

  it('says how long ago a clock ran out, in real time', () => {
    const lines = clockLines(
      {
        severity: 'S1',
        waiting: false,
        sla: sla({ responseDueAt: '2026-03-17T07:00:00.000Z', breached: true }),
      },
      policy,
      now,
    );
    expect(badgeLine(lines)?.text).toBe('Response breached 2 h ago');
    expect(badgeLine(lines)?.tone).toBe('danger');
  });

  it('names a pause for the customer', () => {
    const lines = clockLines({ severity: 'S2', waiting: true, sla: sla({ paused: true }) }, policy, now);
    expect(badgeLine(lines)?.text).toBe('Paused: waiting for the customer');
  });

  it('says nothing for items without an SLA', () => {
    expect(clockLines({ severity: null, waiting: false, sla: null }, policy, now)).toEqual([]);
  });
});
