import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '#capabilities/index.ts';
import { buildServer } from '#http/server.ts';
import { createLogger } from '#server/logger.ts';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '#testing/harness.ts';

/** ASVS 5.0 V6: sign-in limits that slow attackers without locking owners out, passwords, recovery. */
let t: TestApp;
let admin: TestUser;
const ATTACKER = '203.0.113.66';
const OWNER_HOME = '198.51.100.7';
const web = { origin: 'http://localhost', host: 'localhost' };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.user('Ada Admin', { admin: true });
});

type Inject = TestApp['app']['inject'];
const loginOn =
  (inject: Inject) =>
  (
    email: string,
    password: string,
    opts: { from?: string; cookie?: string; headers?: Record<string, string> } = {},
  ) =>
    inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: opts.from ?? '127.0.0.1',
      headers: { ...web, ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.headers },
      payload: { email, password },
    });
const login = (...args: Parameters<ReturnType<typeof loginOn>>) => loginOn(t.app.inject.bind(t.app))(...args);

const setCookies = (res: LightMyRequestResponse): string[] => {
  const h = res.headers['set-cookie'];
  return Array.isArray(h) ? h : h ? [String(h)] : [];
};
const cookieNamed = (res: LightMyRequestResponse, name: string) =>
  setCookies(res)
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

describe('sign-in limits: slow the attacker, never lock out the owner', () => {
  it('slows an address that keeps failing on an account, with a growing Retry-After', async () => {
    const victim = await t.user('Vic Victim');
    const codes: number[] = [];
    for (let i = 0; i < 6; i += 1)
      codes.push((await login(victim.email, 'wrong guess', { from: ATTACKER })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 401]);
    const slowed = await login(victim.email, 'wrong guess', { from: ATTACKER });
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json().error.code).toBe('rate_limited');
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(2);
    // Even the right password waits on that address: the attacker learns nothing while slowed.
    expect((await login(victim.email, TEST_PASSWORD, { from: ATTACKER })).statusCode).toBe(429);
  });

  it('lets the owner in from their own address and from a known device while an attacker fails', async () => {
    const victim = await t.user('Olga Owner');
    // The owner signed in on this browser before: it holds a known-device cookie.
    const first = await login(victim.email, TEST_PASSWORD, { from: OWNER_HOME });
    const device = cookieNamed(first, 'tandem_device');
    expect(device).toBeDefined();
    expect(setCookies(first).find((c) => c.startsWith('tandem_device='))).toMatch(/HttpOnly/i);
    let refused = 0;
    for (let i = 0; i < 40; i += 1) {
      const r = await login(victim.email, `guess ${i}`, { from: ATTACKER });
      if (r.statusCode === 429) refused += 1;
    }
    expect(refused).toBeGreaterThan(30);
    expect((await login(victim.email, TEST_PASSWORD, { from: OWNER_HOME })).statusCode).toBe(200);
    // On the attacker's own network (same address), the known device still gets in.
    expect((await login(victim.email, TEST_PASSWORD, { from: ATTACKER, cookie: device! })).statusCode).toBe(
      200,
    );
    // A forged or foreign device cookie does not.
    const forged = `${device!.slice(0, -4)}AAAA`;
    expect((await login(victim.email, TEST_PASSWORD, { from: ATTACKER, cookie: forged })).statusCode).toBe(
      429,
    );
    const other = await t.user('Otto Other');
    expect((await login(other.email, 'wrong guess', { from: OWNER_HOME, cookie: device! })).statusCode).toBe(
      401,
    );
  });

  it('slows failures from a known device on that device alone', async () => {
    const u = await t.user('Dora Device');
    const device = cookieNamed(await login(u.email, TEST_PASSWORD, { from: OWNER_HOME }), 'tandem_device')!;
    for (let i = 0; i < 6; i += 1) await login(u.email, 'typo typo', { from: OWNER_HOME, cookie: device });
    expect((await login(u.email, TEST_PASSWORD, { from: OWNER_HOME, cookie: device })).statusCode).toBe(429);
    expect((await login(u.email, TEST_PASSWORD, { from: OWNER_HOME })).statusCode).toBe(200);
  });

  it('caps failures per address across accounts (password spraying), except for known devices', async () => {
    const sprayer = '203.0.113.77';
    const u = await t.user('Kim Known');
    const device = cookieNamed(await login(u.email, TEST_PASSWORD, { from: sprayer }), 'tandem_device')!;
    const codes: number[] = [];
    for (let i = 0; i < 52; i += 1)
      codes.push((await login(`spray${i}@example.test`, 'Summer2026!', { from: sprayer })).statusCode);
    expect(codes.slice(0, 50).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    expect((await login(u.email, TEST_PASSWORD, { from: sprayer, cookie: device })).statusCode).toBe(200);
  });
});

describe('trusted proxies', () => {
  it('ignores X-Forwarded-For by default, so rotating it escapes no limit', async () => {
    const u = await t.user('Rhea Rotate');
    const codes: number[] = [];
    for (let i = 0; i < 8; i += 1)
      codes.push(
        (
          await login(u.email, 'wrong guess', {
            from: '203.0.113.88',
            headers: { 'x-forwarded-for': `10.1.0.${i}` },
          })
        ).statusCode,
      );
    expect(codes.at(-1)).toBe(429);
  });

  it('with TANDEM_TRUST_PROXY, limits each client behind the proxy on its own', async () => {
    const behind = await buildServer({
      services: t.services,
      routes: allRoutes,
      logger: createLogger('silent'),
      trustProxy: 1,
    });
    await behind.ready();
    const viaProxy = loginOn(behind.inject.bind(behind));
    const u = await t.user('Pat Proxy');
    const proxy = '10.0.0.2';
    for (let i = 0; i < 7; i += 1)
      await viaProxy(u.email, 'wrong guess', { from: proxy, headers: { 'x-forwarded-for': ATTACKER } });
    const attacker = await viaProxy(u.email, 'wrong guess', {
      from: proxy,
      headers: { 'x-forwarded-for': ATTACKER },
    });
    expect(attacker.statusCode).toBe(429);
    const owner = await viaProxy(u.email, TEST_PASSWORD, {
      from: proxy,
      headers: { 'x-forwarded-for': OWNER_HOME },
    });
    expect(owner.statusCode).toBe(200);
    await behind.close();
  });
});

describe('password rules (setup, invitation, admin create, change, reset)', () => {
  const refusals = (email: string, name: string) =>
    [
      ['password1', /commonly used/],
      ['iloveyou', /commonly used/],
      [email, /email/],
      [email.split('@')[0]!, /email/],
      [name, /name/],
      ['          ', /only spaces/],
    ] as const;

  it('refuses common, personal and blank passwords at setup, saying why', async () => {
    const fresh = await createTestApp();
    for (const [password, why] of refusals('first.admin@example.test', 'First Admin Person')) {
      const res = await fresh.call(null, {
        method: 'POST',
        url: '/api/v1/setup',
        payload: { email: 'first.admin@example.test', name: 'First Admin Person', password },
      });
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error.fields.password, password).toMatch(why);
    }
  });

  it('refuses them when accepting an invitation and when an admin creates an account', async () => {
    const inv = await t.call(admin, { method: 'POST', url: '/api/v1/invites', payload: {} });
    const token = inv.json().url.split('/invite/')[1];
    for (const [password, why] of refusals('ines.invited@example.test', 'Ines Invitee')) {
      const accept = await t.call(null, {
        method: 'POST',
        url: `/api/v1/invites/${token}/accept`,
        payload: { email: 'ines.invited@example.test', name: 'Ines Invitee', password },
      });
      expect(accept.statusCode, password).toBe(400);
      expect(accept.json().error.fields.password).toMatch(why);
      const created = await t.call(admin, {
        method: 'POST',
        url: '/api/v1/users',
        payload: { email: 'ines.invited@example.test', name: 'Ines Invitee', password },
      });
      expect(created.statusCode, password).toBe(400);
      expect(created.json().error.fields.password).toMatch(why);
    }
  });

  it('refuses a common TANDEM_ADMIN_PASSWORD when creating the admin from the environment', async () => {
    const fresh = await createTestApp();
    await expect(
      fresh.services.auth.ensureAdmin({ email: 'env.admin@example.test', password: 'password123' }),
    ).rejects.toThrow(/TANDEM_ADMIN_PASSWORD: This is one of the most commonly used passwords/);
    expect((await fresh.call(null, { method: 'GET', url: '/api/v1/setup' })).json().needsSetup).toBe(true);
  });
});

describe('changing your password', () => {
  it('checks the current one, ends your other sessions and keeps this one', async () => {
    const u = await t.user('Cora Change');
    const other = await login(u.email, TEST_PASSWORD);
    const otherCookie = cookieNamed(other, 'tandem_session')!;
    const change = (body: Record<string, string>) =>
      t.call(u, { method: 'POST', url: '/api/v1/me/password', payload: body });

    const wrong = await change({ currentPassword: 'not it at all', newPassword: 'a fresh long secret' });
    expect(wrong.statusCode).toBe(400);
    expect(Object.keys(wrong.json().error.fields)).toEqual(['currentPassword']);
    const weak = await change({ currentPassword: TEST_PASSWORD, newPassword: 'password1' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields.newPassword).toMatch(/commonly used/);
    const mine = await change({ currentPassword: TEST_PASSWORD, newPassword: u.email });
    expect(mine.json().error.fields.newPassword).toMatch(/email/);
    const missing = await change({});
    expect(Object.keys(missing.json().error.fields).sort()).toEqual(['newPassword']);
    // The current password may be left out only by someone who has none (added from a list).
    const noCurrent = await change({ newPassword: 'a fresh long secret' });
    expect(noCurrent.statusCode).toBe(400);
    expect(Object.keys(noCurrent.json().error.fields)).toEqual(['currentPassword']);

    expect(
      (await change({ currentPassword: TEST_PASSWORD, newPassword: 'a fresh long secret' })).statusCode,
    ).toBe(200);
    expect((await t.call(u, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    expect(
      (await t.call({ ...u, cookie: otherCookie }, { method: 'GET', url: '/api/v1/me' })).statusCode,
    ).toBe(401);
    expect((await login(u.email, TEST_PASSWORD, { from: OWNER_HOME })).statusCode).toBe(401);
    expect((await login(u.email, 'a fresh long secret', { from: OWNER_HOME })).statusCode).toBe(200);
  });
});

describe('admin password reset links', () => {
  const resetOf = (userId: string, as: TestUser = admin) =>
    t.call(as, { method: 'POST', url: `/api/v1/users/${userId}/password-reset` });

  it('are made by admins only and work once, ending every session of that user', async () => {
    const u = await t.user('Rosa Reset');
    expect((await resetOf(u.id, u)).statusCode).toBe(403);
    const made = await resetOf(u.id);
    expect(made.statusCode).toBe(201);
    const { url, expiresAt } = made.json();
    expect(url).toMatch(/^http:\/\/localhost\/reset-password\/pwr_/);
    const hours = (new Date(expiresAt).getTime() - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(23);
    expect(hours).toBeLessThanOrEqual(24);
    const token = url.split('/reset-password/')[1];
    const stored = await t.pool.query('select token_hash from password_resets where user_id = $1', [u.id]);
    expect(stored.rows[0].token_hash.toString('utf8')).not.toContain(token);

    const info = await t.call(null, { method: 'GET', url: `/api/v1/password-resets/${token}` });
    expect(info.json()).toEqual({ email: u.email, name: u.name });
    const weak = await t.call(null, {
      method: 'POST',
      url: `/api/v1/password-resets/${token}`,
      payload: { newPassword: 'qwertyuiop' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields.newPassword).toMatch(/commonly used/);
    const ok = await t.call(null, {
      method: 'POST',
      url: `/api/v1/password-resets/${token}`,
      payload: { newPassword: 'brand new secret' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await t.call(u, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await login(u.email, 'brand new secret', { from: OWNER_HOME })).statusCode).toBe(200);
    const again = await t.call(null, {
      method: 'POST',
      url: `/api/v1/password-resets/${token}`,
      payload: { newPassword: 'another new secret' },
    });
    expect(again.statusCode).toBe(404);
    expect((await t.call(null, { method: 'GET', url: `/api/v1/password-resets/${token}` })).statusCode).toBe(
      404,
    );
  });

  it('expire after 24 hours, and only the newest link works', async () => {
    let clock = Date.now();
    const timed = await createTestApp({ now: () => new Date(clock) });
    const boss = await timed.user('Boss', { admin: true });
    const u = await timed.user('Eve Expire');
    const link = async () =>
      (await timed.call(boss, { method: 'POST', url: `/api/v1/users/${u.id}/password-reset` }))
        .json()
        .url.split('/reset-password/')[1];
    const older = await link();
    const newer = await link();
    const use = (token: string) =>
      timed.call(null, {
        method: 'POST',
        url: `/api/v1/password-resets/${token}`,
        payload: { newPassword: 'brand new secret' },
      });
    expect((await use(older)).statusCode).toBe(404);
    clock += 25 * 3600_000;
    expect((await use(newer)).statusCode).toBe(404);
  });
});

describe('disabling a user', () => {
  it('revokes their API tokens for good: re-enabling does not bring them back', async () => {
    const u = await t.user('Tia Token');
    const token = (
      await t.call(u, { method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'script' } })
    ).json().token;
    const me = () =>
      t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect((await me()).statusCode).toBe(200);
    await t.call(admin, { method: 'PATCH', url: `/api/v1/users/${u.id}`, payload: { disabled: true } });
    expect((await me()).statusCode).toBe(401);
    await t.call(admin, { method: 'PATCH', url: `/api/v1/users/${u.id}`, payload: { disabled: false } });
    expect((await me()).statusCode).toBe(401);
  });
});

describe('the directory', () => {
  it('shows admins everyone, and others only the people they share a product with', async () => {
    const owner = await t.user('Dir Owner');
    const teammate = await t.user('Dir Teammate');
    const stranger = await t.user('Dir Stranger');
    const product = await t.product(owner, 'Directory product');
    await t.addMember(owner, product.id, teammate, 'team');
    const emails = async (as: TestUser) =>
      (
        (await t.call(as, { method: 'GET', url: '/api/v1/directory' })).json().people as Array<{
          email: string;
        }>
      ).map((p) => p.email);
    expect(await emails(stranger)).toEqual([]);
    const seen = await emails(teammate);
    expect(seen).toContain(owner.email);
    expect(seen).not.toContain(stranger.email);
    expect(seen).not.toContain(admin.email);
    const all = await emails(admin);
    for (const who of [owner, teammate, stranger]) expect(all).toContain(who.email);
  });
});
