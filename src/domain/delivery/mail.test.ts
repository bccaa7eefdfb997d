import { describe, expect, it } from 'vitest';
import { classifySmtpFailure, digestDay } from './mail.ts';

describe('SMTP failures', () => {
  it('a 5xx reply is permanent; 4xx and no reply at all (connection errors) are transient', () => {
    expect(classifySmtpFailure(550)).toBe('permanent');
    expect(classifySmtpFailure(554)).toBe('permanent');
    expect(classifySmtpFailure(500)).toBe('permanent');
    expect(classifySmtpFailure(451)).toBe('transient');
    expect(classifySmtpFailure(421)).toBe('transient');
    expect(classifySmtpFailure(undefined)).toBe('transient');
  });
});

describe('digest day', () => {
  it('is the UTC date', () => {
    expect(digestDay(new Date('2026-12-01T23:59:59Z'))).toBe('2026-12-01');
    expect(digestDay(new Date('2026-12-02T00:00:00Z'))).toBe('2026-12-02');
  });
});
