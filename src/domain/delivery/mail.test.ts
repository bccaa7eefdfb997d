import { describe, expect, it } from 'vitest';
import { classifySmtpFailure } from './mail.ts';

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
