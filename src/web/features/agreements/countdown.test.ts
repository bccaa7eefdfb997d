import { describe, expect, it } from 'vitest';
import { timeLeft } from './countdown.ts';

describe('the comment period countdown', () => {
  const now = new Date('2026-12-01T09:00:00Z');
  it('counts days, hours and minutes down to closed', () => {
    expect(timeLeft('2026-12-03T13:00:00Z', now)).toBe('2 days 4 h left');
    expect(timeLeft('2026-12-02T10:30:00Z', now)).toBe('1 day 1 h left');
    expect(timeLeft('2026-12-01T11:15:00Z', now)).toBe('2 h 15 min left');
    expect(timeLeft('2026-12-01T09:00:20Z', now)).toBe('1 min left');
    expect(timeLeft('2026-12-01T09:00:00Z', now)).toBe('closed');
    expect(timeLeft('2026-11-30T09:00:00Z', now)).toBe('closed');
  });
});
