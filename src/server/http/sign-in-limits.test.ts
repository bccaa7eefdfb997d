import type { FastifyReply, FastifyRequest } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '#domain/errors.ts';
import { addressKey, SIGN_IN_POLICY, SignInLimits, trustProxyOption } from './sign-in-limits.ts';

const KEY = Buffer.alloc(32, 7);
const request = (ip: string, cookie?: string) =>
  ({
    ip,
    protocol: 'http',
    cookies: cookie ? { tandem_device: cookie } : {},
    server: { publicOrigin: null },
  }) as unknown as FastifyRequest;
const replyCapturing = () => {
  const set: Record<string, string> = {};
  const reply = {
    setCookie(name: string, value: string) {
      set[name] = value;
      return reply;
    },
  } as unknown as FastifyReply;
  return { reply, set };
};
/** Seconds this caller must wait now (0 = may try). */
async function waitOf(limits: SignInLimits, req: FastifyRequest, email = 'ann@example.test') {
  try {
    await limits.begin(req, email);
    return 0;
  } catch (err) {
    if (err instanceof AppError && err.code === 'rate_limited')
      return (err.details as { retryAfterSeconds: number }).retryAfterSeconds;
    throw err;
  }
}

describe('sign-in limits', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('doubles the wait after each failure beyond the free ones, up to 15 minutes, and never locks', async () => {
    const limits = new SignInLimits(async () => KEY);
    const attacker = request('203.0.113.5');
    const waits: number[] = [];
    for (let i = 0; i < 16; i += 1) {
      const wait = await waitOf(limits, attacker);
      waits.push(wait);
      vi.advanceTimersByTime(wait * 1000);
      await (await limits.begin(attacker, 'ann@example.test')).failed();
    }
    expect(waits).toEqual([0, 0, 0, 0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900]);
    expect(await waitOf(limits, attacker)).toBe(SIGN_IN_POLICY.maxDelaySeconds);
    // The same account from another address, and another account from this one, are not slowed.
    expect(await waitOf(limits, request('198.51.100.9'))).toBe(0);
    expect(await waitOf(limits, attacker, 'bob@example.test')).toBe(0);
  });

  it('gives a known device its own count, and accepts only its own signed cookie', async () => {
    const limits = new SignInLimits(async () => KEY);
    const { reply, set } = replyCapturing();
    await (await limits.begin(request('198.51.100.9'), 'ann@example.test')).succeeded(reply);
    const cookie = set.tandem_device!;
    expect(cookie.split('.')).toHaveLength(3);
    for (let i = 0; i < 6; i += 1)
      await (await limits.begin(request('203.0.113.5'), 'ann@example.test')).failed();
    expect(await waitOf(limits, request('203.0.113.5'))).toBeGreaterThan(0);
    expect(await waitOf(limits, request('203.0.113.5', cookie))).toBe(0);
    expect(await waitOf(limits, request('203.0.113.5', `${cookie}x`))).toBeGreaterThan(0);
    const otherKey = new SignInLimits(async () => Buffer.alloc(32, 8));
    for (let i = 0; i < 6; i += 1)
      await (await otherKey.begin(request('203.0.113.5'), 'ann@example.test')).failed();
    expect(await waitOf(otherKey, request('203.0.113.5', cookie))).toBeGreaterThan(0);
  });

  it('counts an IPv6 client by its /64, and IPv4-mapped addresses as IPv4', () => {
    expect(addressKey('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:0db8:0000:0001:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(addressKey('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('203.0.113.5')).toBe('203.0.113.5');
  });

  it('turns TANDEM_TRUST_PROXY into Fastify trustProxy: nothing by default', () => {
    expect(trustProxyOption(undefined)).toBe(false);
    expect(trustProxyOption(false)).toBe(false);
    expect(trustProxyOption(['10.0.0.5'])).toEqual(['10.0.0.5']);
    const hops = trustProxyOption(1) as (a: string, i: number) => boolean;
    expect([hops('10.0.0.5', 0), hops('10.0.0.6', 1)]).toEqual([true, false]);
  });
});
