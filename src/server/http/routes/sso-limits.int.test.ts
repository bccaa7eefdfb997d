import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PENDING_SIGN_INS } from '#app/sso/sso.ts';
import { SSO_LIMITS } from '#http/sso-limits.ts';
import { createTestApp, type TestApp } from '#testing/harness.ts';
import { startTestProvider, type TestProvider } from '#testing/oidc-test-provider.ts';
import { atProvider, backAtTandem, SSO_CALLBACK, sessionOf, whoIs } from '#testing/sso-journey.ts';

/**
 * The single sign-on routes under a flood, against a real OpenID Connect provider: each address
 * (an IPv6 one by its /64) gets a bounded number of sign-in starts and callbacks a minute, then
 * 429 with Retry-After; the pending sign-ins they leave expire and are capped in total.
 */
let idp: TestProvider;
let t: TestApp;

const login = (from: string) =>
  t.app.inject({
    method: 'GET',
    url: '/api/v1/auth/oidc/login',
    remoteAddress: from,
    headers: { host: 'localhost' },
  });
const pending = async () =>
  Number((await t.pool.query<{ n: string }>('select count(*) as n from oidc_logins')).rows[0]!.n);

beforeAll(async () => {
  idp = await startTestProvider([SSO_CALLBACK]);
  t = await createTestApp({
    signIn: {
      password: true,
      sso: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        name: 'Acme ID',
        allowSignup: false,
      },
    },
  });
});
afterAll(() => idp.stop());

describe('single sign-on under a flood', () => {
  it('limits sign-in starts per address, an IPv6 one by its /64, with 429, Retry-After and a clear body', async () => {
    const before = await pending();
    for (let n = 0; n < SSO_LIMITS.perAddress; n++)
      expect((await login('2001:db8:1:1::1')).statusCode).toBe(302);
    // Another address in the same /64 is the same subscriber.
    const over = await login('2001:db8:1:1::ffff');
    expect(over.statusCode).toBe(429);
    const retryAfter = Number(over.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(SSO_LIMITS.windowSeconds);
    expect(over.json()).toEqual({
      error: {
        code: 'rate_limited',
        message: `Too many single sign-on attempts from your network. Try again in ${retryAfter} seconds.`,
        details: { retryAfterSeconds: retryAfter },
      },
    });
    // No pending sign-in was stored for the refused start, and nothing reached the provider.
    expect(await pending()).toBe(before + SSO_LIMITS.perAddress);
    expect(over.headers['set-cookie']).toBeUndefined();
    // The next /64 and an IPv4 address are not affected.
    expect((await login('2001:db8:1:2::1')).statusCode).toBe(302);
    expect((await login('198.51.100.7')).statusCode).toBe(302);
  });

  it('limits callbacks per address too, before anything is looked up', async () => {
    const from = '198.51.100.20';
    const callback = () =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/oidc/callback?code=x&state=made-up',
        remoteAddress: from,
        headers: { host: 'localhost', cookie: 'tandem_oidc_state=made-up' },
      });
    for (let n = 0; n < SSO_LIMITS.perAddress; n++) {
      const r = await callback();
      expect([r.statusCode, r.headers.location]).toEqual([
        303,
        '/signin?sso_error=sso_failed&reason=used_or_expired',
      ]);
    }
    const over = await callback();
    expect(over.statusCode).toBe(429);
    expect(over.json().error.code).toBe('rate_limited');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('caps the pending sign-ins in total, and forgets expired ones so sign-in works again', async () => {
    await t.pool.query('delete from oidc_logins');
    // A flood from many addresses, left half-way: as many pending sign-ins as the cap allows.
    await t.pool.query(
      `insert into oidc_logins (state_hash, code_verifier, nonce, redirect_uri, return_to, expires_at)
       select sha256(n::text::bytea), 'v', 'n', $1, '/', now() + interval '5 minutes'
       from generate_series(1, $2::int) n`,
      [SSO_CALLBACK, PENDING_SIGN_INS.max],
    );
    const full = await login('203.0.113.9');
    expect(full.statusCode).toBe(429);
    expect(full.headers['retry-after']).toBe('60');
    expect(full.json().error.message).toBe(
      'Too many sign-ins are under way right now. Try again in a minute.',
    );
    expect(await pending()).toBe(PENDING_SIGN_INS.max);

    // Ten minutes on, those have expired: the next start removes them and goes through.
    await t.pool.query(`update oidc_logins set expires_at = now() - interval '1 second'`);
    const member = await t.user('After the flood');
    idp.accounts.set('sub-after', { sub: 'sub-after', email: member.email, email_verified: true, name: 'A' });
    const r = await login('203.0.113.9');
    expect(r.statusCode).toBe(302);
    expect(await pending()).toBe(1);
    const cookie = String(r.headers['set-cookie']).split(';')[0]!;
    const callbackUrl = await atProvider(String(r.headers.location), member.email);
    const res = await backAtTandem(t, callbackUrl, cookie);
    expect(await whoIs(t, sessionOf(res))).toBe(member.email);
    expect(await pending()).toBe(0);
  });
});
