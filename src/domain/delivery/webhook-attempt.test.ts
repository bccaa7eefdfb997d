import { describe, expect, it } from 'vitest';
import { judgeAttempt, retryAfterMs, WEBHOOK_MAX_ATTEMPTS } from './webhook-attempt.ts';

const now = new Date('2026-12-01T12:00:00Z');
const ctx = { attempts: 1, random: 0.5, now };
const response = (status: number, retryAfter: string | null = null) =>
  ({ kind: 'response', status, retryAfter }) as const;

describe('judging a webhook attempt', () => {
  it('counts any 2xx as sent', () => {
    for (const s of [200, 201, 202, 204, 299])
      expect(judgeAttempt(response(s), ctx)).toEqual({ status: 'sent' });
  });

  it('retries 5xx, 408, 429, timeouts and network errors with jittered back-off', () => {
    for (const s of [500, 502, 503, 504, 408, 429])
      expect(judgeAttempt(response(s), ctx)).toEqual({
        status: 'retry',
        delayMs: 5_000,
        reason: `HTTP ${s}`,
      });
    expect(
      judgeAttempt({ kind: 'error', message: 'No answer within 10 s' }, { ...ctx, attempts: 3 }),
    ).toEqual({
      status: 'retry',
      delayMs: 20_000,
      reason: 'No answer within 10 s',
    });
  });

  it('waits at least what Retry-After asks, in seconds or as a date, up to the cap', () => {
    expect(judgeAttempt(response(429, '120'), ctx)).toMatchObject({ status: 'retry', delayMs: 120_000 });
    expect(judgeAttempt(response(503, 'Tue, 01 Dec 2026 12:05:00 GMT'), ctx)).toMatchObject({
      delayMs: 300_000,
    });
    expect(judgeAttempt(response(503, '999999'), ctx)).toMatchObject({ delayMs: 3_600_000 });
    expect(retryAfterMs('soon', now)).toBeNull();
  });

  it('fails other 4xx, redirects and refused targets at once, with the reason', () => {
    expect(judgeAttempt(response(400), ctx)).toEqual({ status: 'failed', reason: 'HTTP 400' });
    expect(judgeAttempt(response(410), ctx)).toEqual({ status: 'failed', reason: 'HTTP 410' });
    expect(judgeAttempt(response(301), ctx)).toEqual({
      status: 'failed',
      reason: 'HTTP 301: redirects are not followed',
    });
    expect(judgeAttempt({ kind: 'refused', message: 'x resolves to 10.0.0.1' }, ctx)).toEqual({
      status: 'failed',
      reason: 'x resolves to 10.0.0.1',
    });
  });

  it('gives up on a transient failure after the last attempt', () => {
    expect(judgeAttempt(response(503), { ...ctx, attempts: WEBHOOK_MAX_ATTEMPTS })).toEqual({
      status: 'failed',
      reason: `HTTP 503 (gave up after ${WEBHOOK_MAX_ATTEMPTS} attempts)`,
    });
  });
});
