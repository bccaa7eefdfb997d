import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes, wire } from '#capabilities/index.ts';
import { buildServer } from '#http/server.ts';
import { createLogger } from '#server/logger.ts';
import { createTestApp, type TestApp } from '#testing/harness.ts';
import { startTestProvider, type TestProvider } from '#testing/oidc-test-provider.ts';
import {
  atProvider,
  backAtTandem,
  SSO_CALLBACK as CALLBACK,
  sessionOf,
  ssoSignIn,
  startSignIn,
  whoIs,
} from '#testing/sso-journey.ts';

/**
 * Single sign-on end to end against a real OpenID Connect provider (oidc-provider) on a local
 * port: Tandem redirects there, the provider signs the person in and sends the browser back with
 * a code, Tandem redeems it (PKCE, state, nonce, signed ID token) and opens a session. Then the
 * attacks: a foreign or replayed state, a replayed code, a wrong nonce, an unverified email.
 */
let idp: TestProvider;
let t: TestApp;
let open: TestApp;
let ssoSettings: { issuer: string; clientId: string; clientSecret: string; name: string };

const account = (sub: string, email: string, verified = true) => {
  idp.accounts.set(sub, { sub, email, email_verified: verified, name: `Person ${sub}` });
  return email;
};

const start = (app: TestApp, returnTo?: string) => startSignIn(app, returnTo ? { returnTo } : {});
const back = backAtTandem;
const me = whoIs;
const signIn = (app: TestApp, email: string, returnTo?: string) =>
  ssoSignIn(app, email, returnTo ? { returnTo } : {});

const refusedWith = (res: Awaited<ReturnType<typeof back>>, code: string, reason: string) => {
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe(`/signin?sso_error=${code}&reason=${reason}`);
  expect(sessionOf(res)).toBeUndefined();
};

beforeAll(async () => {
  idp = await startTestProvider([CALLBACK]);
  ssoSettings = {
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    name: 'Acme ID',
  };
  const sso = ssoSettings;
  t = await createTestApp({ signIn: { password: true, sso: { ...sso, allowSignup: false } } });
  open = await createTestApp({ signIn: { password: false, sso: { ...sso, allowSignup: true } } });
});
afterAll(() => idp.stop());

describe('single sign-on (OpenID Connect)', () => {
  it('tells the sign-in page what it offers', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/auth/methods' });
    expect(r.json()).toEqual({
      password: true,
      sso: { name: 'Acme ID', loginUrl: '/api/v1/auth/oidc/login' },
    });
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
    const s = await start(t);
    const url = new URL(s.url);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBe(s.state);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK);
    // The verifier never leaves the server; only the state's hash is stored.
    const rows = await t.pool.query('select * from oidc_logins');
    expect(JSON.stringify(rows.rows)).not.toContain(s.state);
  });

  it('links the first sign-in to the existing account by verified email and signs in with a session', async () => {
    const member = await t.user('Linked member');
    account('sub-linked', member.email);
    const { res } = await signIn(t, member.email, '/p/ABC/backlog');
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe('/p/ABC/backlog');
    expect(await me(t, sessionOf(res))).toBe(member.email);
    const linked = await t.pool.query('select user_id from user_identities where subject = $1', [
      'sub-linked',
    ]);
    expect(linked.rows).toEqual([{ user_id: member.id }]);
    const events = await t.pool.query(
      `select type from events where entity_id = $1 and type like 'user.sso%'`,
      [member.id],
    );
    expect(events.rows).toEqual([{ type: 'user.sso_linked' }]);
    // Later sign-ins find the person by (issuer, subject), even when the provider's email changes.
    idp.accounts.set('sub-linked', { ...idp.accounts.get('sub-linked')!, email: 'renamed@acme.test' });
    const again = await signIn(t, 'renamed@acme.test');
    expect(await me(t, sessionOf(again.res))).toBe(member.email);
  });

  it('follows only paths of this app after sign-in (no open redirect)', async () => {
    const member = await t.user('Redirected member');
    account('sub-redirect', member.email);
    const { res } = await signIn(t, member.email, '//evil.example/steal');
    expect(res.headers.location).toBe('/');
  });

  it('refuses a callback this browser did not start (foreign state) and a state it made up', async () => {
    const member = await t.user('Victim');
    account('sub-victim', member.email);
    // An attacker starts a sign-in and sends the victim the callback: the victim's browser has no such state.
    const attacker = await start(t);
    const callbackUrl = await atProvider(attacker.url, member.email);
    const victim = await start(t);
    refusedWith(await back(t, callbackUrl, victim.cookie), 'sso_failed', 'foreign_state');
    const madeUp = new URL(callbackUrl);
    madeUp.searchParams.set('state', 'made-up-state-value');
    refusedWith(
      await back(t, madeUp.href, 'tandem_oidc_state=made-up-state-value'),
      'sso_failed',
      'used_or_expired',
    );
    refusedWith(await back(t, callbackUrl, ''), 'sso_failed', 'foreign_state');
  });

  it('refuses a replayed callback and a replayed code', async () => {
    const member = await t.user('Replayed');
    account('sub-replay', member.email);
    const first = await signIn(t, member.email);
    expect(sessionOf(first.res)).toBeDefined();
    // The same callback again: its state was used.
    refusedWith(await back(t, first.callbackUrl, first.cookie), 'sso_failed', 'used_or_expired');
    // The old code with a fresh, valid state of this browser: the provider refuses the used code.
    const fresh = await start(t);
    const replay = new URL(first.callbackUrl);
    replay.searchParams.set('state', fresh.state);
    // Straight to the use case, to see the provider's own refusal of the used code.
    await expect(
      t.services.sso.finish({ query: replay.searchParams, browserState: fresh.state }),
    ).rejects.toThrow(/invalid_grant|grant request is invalid/);
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const member = await t.user('Nonce');
    account('sub-nonce', member.email);
    const s = await start(t);
    const callbackUrl = await atProvider(s.url, member.email);
    await t.pool.query(`update oidc_logins set nonce = 'someone-elses-nonce'`);
    await expect(
      t.services.sso.finish({ query: new URL(callbackUrl).searchParams, browserState: s.state }),
    ).rejects.toThrow(/nonce/);
    // Used up by the failed attempt: the same callback cannot be tried again.
    const left = await t.pool.query('select 1 from oidc_logins where state_hash = $1', [
      createHash('sha256').update(s.state).digest(),
    ]);
    expect(left.rowCount).toBe(0);
  });

  it('never links by an unverified email, and creates nobody while sign-up is off', async () => {
    const admin = await t.user('Admin to take over', { admin: true });
    account('sub-unverified', admin.email, false);
    refusedWith((await signIn(t, admin.email)).res, 'sso_no_account', 'unverified_email');
    expect(
      (await t.pool.query(`select 1 from user_identities where subject = 'sub-unverified'`)).rowCount,
    ).toBe(0);
    account('sub-newcomer', 'newcomer@acme.test');
    refusedWith((await signIn(t, 'newcomer@acme.test')).res, 'sso_no_account', 'no_account');
    expect((await t.pool.query(`select 1 from users where email = 'newcomer@acme.test'`)).rowCount).toBe(0);
  });

  it('refuses a disabled account, linking nothing', async () => {
    const member = await t.user('Disabled member');
    await t.pool.query('update users set disabled = true where id = $1', [member.id]);
    account('sub-disabled', member.email);
    refusedWith((await signIn(t, member.email)).res, 'sso_no_account', 'disabled');
    expect(
      (await t.pool.query(`select 1 from user_identities where subject = 'sub-disabled'`)).rowCount,
    ).toBe(0);
  });

  it('creates the person at the first sign-in when sign-up is on; password sign-in can be off', async () => {
    account('sub-signup', 'signup@acme.test');
    const { res } = await signIn(open, 'signup@acme.test');
    expect(await me(open, sessionOf(res))).toBe('signup@acme.test');
    const user = await open.pool.query(
      `select name, password_hash from users where email = 'signup@acme.test'`,
    );
    expect(user.rows).toEqual([{ name: 'Person sub-signup', password_hash: null }]);
    const events = await open.pool.query(`select type from events where type = 'user.sso_signed_up'`);
    expect(events.rowCount).toBe(1);
    // Signing in again neither creates nor links anew.
    await signIn(open, 'signup@acme.test');
    expect((await open.pool.query(`select 1 from users where email = 'signup@acme.test'`)).rowCount).toBe(1);
    const methods = await open.app.inject({ method: 'GET', url: '/api/v1/auth/methods' });
    expect(methods.json().password).toBe(false);
    const login = await open.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'http://localhost', host: 'localhost' },
      payload: { email: 'signup@acme.test', password: 'anything at all' },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('password_sign_in_off');
  });

  it('creates the person once when two callbacks of a first sign-in arrive together', async () => {
    account('sub-twice', 'twice@acme.test');
    const tabs = [await start(open), await start(open)];
    const callbacks = await Promise.all(tabs.map((tab) => atProvider(tab.url, 'twice@acme.test')));
    const answers = await Promise.all(tabs.map((tab, i) => back(open, callbacks[i]!, tab.cookie)));
    for (const a of answers) expect(await me(open, sessionOf(a))).toBe('twice@acme.test');
    expect((await open.pool.query(`select 1 from users where email = 'twice@acme.test'`)).rowCount).toBe(1);
    expect(
      (await open.pool.query(`select 1 from user_identities where subject = 'sub-twice'`)).rowCount,
    ).toBe(1);
  });

  it('takes the callback on another instance than the one that started the sign-in', async () => {
    const member = await t.user('Two instances');
    account('sub-instances', member.email);
    const other = wire(t.pool, {
      session: { idleMs: 3600_000, maxMs: 24 * 3600_000 },
      signIn: { password: true, sso: { ...ssoSettings, allowSignup: false } },
    });
    const second = await buildServer({
      services: other.services,
      routes: allRoutes,
      logger: createLogger('silent'),
    });
    try {
      const s = await start(t);
      const callbackUrl = new URL(await atProvider(s.url, member.email));
      const r = await second.inject({
        method: 'GET',
        url: `${callbackUrl.pathname}${callbackUrl.search}`,
        headers: { host: 'localhost', cookie: s.cookie },
      });
      expect(r.headers.location).toBe('/');
      expect(await me(t, sessionOf(r))).toBe(member.email);
    } finally {
      await second.close();
      await other.services.close();
    }
  });

  it('sends people back to the sign-in page when the provider cannot be reached', async () => {
    const down = await createTestApp({
      signIn: {
        password: true,
        sso: { ...ssoSettings, issuer: 'http://127.0.0.1:9', allowSignup: false },
      },
    });
    const r = await down.app.inject({
      method: 'GET',
      url: '/api/v1/auth/oidc/login',
      headers: { host: 'localhost' },
    });
    expect([r.statusCode, r.headers.location]).toEqual([
      303,
      '/signin?sso_error=sso_failed&reason=unreachable',
    ]);
    expect((await down.pool.query('select 1 from oidc_logins')).rowCount).toBe(0);
  });

  it('answers 404 on the SSO routes where it is not configured', async () => {
    const plain = await createTestApp();
    const r = await plain.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
    expect([r.statusCode, r.headers.location]).toEqual([303, '/signin?sso_error=not_found']);
    expect((await plain.app.inject({ method: 'GET', url: '/api/v1/auth/methods' })).json()).toEqual({
      password: true,
      sso: null,
    });
  });
});
