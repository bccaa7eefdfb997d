import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '#capabilities/index.ts';
import { buildServer } from '#http/server.ts';
import { createLogger } from '#server/logger.ts';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '#testing/harness.ts';

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.user('Ada Admin', { admin: true });
});

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.call(null, { method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers });
const cookieOf = (res: { headers: Record<string, unknown> }) =>
  String(res.headers['set-cookie']).split(';')[0]!;

describe('setup', () => {
  it('refuses a second first-admin once anyone exists', async () => {
    expect((await t.call(null, { method: 'GET', url: '/api/v1/setup' })).json().needsSetup).toBe(false);
    const res = await t.call(null, {
      method: 'POST',
      url: '/api/v1/setup',
      payload: { email: 'x@y.zz', name: 'X', password: 'longenough' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('setup_done');
  });
});

describe('sign-in and sessions', () => {
  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await login('nobody@example.test', 'whatever123');
    const wrong = await login(admin.email, 'wrong password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('sets an HttpOnly SameSite=Lax cookie with a fresh random id at each sign-in', async () => {
    const a = await login(admin.email, TEST_PASSWORD);
    const b = await login(admin.email, TEST_PASSWORD);
    const header = String(a.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(cookieOf(a)).not.toEqual(cookieOf(b));
    expect(cookieOf(a).split('=')[1]!.length).toBeGreaterThanOrEqual(40);
  });

  it('marks the cookie Secure behind https, believing X-Forwarded-Proto only from a trusted proxy', async () => {
    const viaProxy = (app: typeof t.app) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { origin: 'https://localhost', host: 'localhost', 'x-forwarded-proto': 'https' },
        payload: { email: admin.email, password: TEST_PASSWORD },
      });
    const behind = await buildServer({
      routes: allRoutes,
      services: t.services,
      logger: createLogger('silent'),
      trustProxy: ['127.0.0.1'],
    });
    const res = await viaProxy(behind);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    await behind.close();
    // With no proxy trusted (the default), the header is a client's claim: ignored.
    expect(String((await viaProxy(t.app)).headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
    expect(String((await login(admin.email, TEST_PASSWORD)).headers['set-cookie'])).not.toMatch(
      /;\s*Secure/i,
    );
  });

  it('stores only a hash of the session id', async () => {
    const res = await login(admin.email, TEST_PASSWORD);
    const raw = cookieOf(res).split('=')[1]!;
    const rows = await t.pool.query("select encode(id_hash, 'escape') as h from sessions");
    expect(rows.rows.some((r) => String(r.h).includes(raw))).toBe(false);
  });

  it('ends the session on the server at sign-out', async () => {
    const user = await t.user('Leo Logout');
    expect((await t.call(user, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(200);
    expect((await t.call(user, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('expires idle sessions and sessions past their absolute lifetime', async () => {
    let clock = Date.now();
    const t = await createTestApp({ now: () => new Date(clock) });
    const user = await t.user('Ivy Idle');
    clock += 2 * 3600_000; // idle limit in the harness is 1 hour
    expect((await t.call(user, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const busy = await t.user('Bo Busy');
    for (let minutes = 55; minutes < 24 * 60 + 55; minutes += 55) {
      clock += 55 * 60_000; // active every 55 minutes, but the absolute limit is 24 hours
      const res = await t.call(busy, { method: 'GET', url: '/api/v1/me' });
      expect(res.statusCode).toBe(minutes < 24 * 60 ? 200 : 401);
    }
  });

  it('kills every session of a user who is disabled', async () => {
    const user = await t.user('Dee Disabled');
    const res = await t.call(admin, {
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { disabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect((await t.call(user, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(401);
  });
  // Sign-in limits: accounts.int.test.ts.
});

describe('CSRF', () => {
  it('refuses a cookie-carried change from another origin or with no origin', async () => {
    const evil = await t.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: { cookie: admin.cookie, origin: 'https://evil.example', host: 'localhost' },
      payload: { name: 'X', key: 'EVIL' },
    });
    expect(evil.statusCode).toBe(403);
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: { cookie: admin.cookie, host: 'localhost' },
      payload: { name: 'X', key: 'EVIL' },
    });
    expect(none.statusCode).toBe(403);
  });
});

describe('personal API tokens', () => {
  it('shows the secret once, works as Bearer, stores only a hash, and stops working when revoked', async () => {
    const created = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/me/tokens',
      payload: { name: 'CI script' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^tdm_/);
    const listed = (await t.call(admin, { method: 'GET', url: '/api/v1/me/tokens' })).json();
    expect(listed.tokens[0].token).toBeUndefined();
    const stored = await t.pool.query('select token_hash from api_tokens where id = $1', [id]);
    expect(stored.rows[0].token_hash.toString('utf8')).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer });
    expect(me.json().user.email).toBe(admin.email);
    // Bearer requests are not cookie-borne, so no Origin is needed.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/products',
          headers: bearer,
          payload: { name: 'Via token', key: 'TOK' },
        })
      ).statusCode,
    ).toBe(201);
    expect((await t.call(admin, { method: 'DELETE', url: `/api/v1/me/tokens/${id}` })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(401);
  });
});

describe('users and invitations', () => {
  it('lets only admins list and create users, naming bad fields', async () => {
    const member = await t.user('Mo Member');
    expect((await t.call(member, { method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
    const bad = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'nope', name: '', password: 'short' },
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['email', 'name', 'password']);
    const ok = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'New.Person@Example.test', name: 'New Person', password: 'long enough' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().email).toBe('new.person@example.test');
    expect(ok.json().passwordHash).toBeUndefined();
  });

  it('shows an admin the active people in the workspace, without secrets', async () => {
    const member = await t.user('Pia Product');
    const gone = await t.user('Gus Gone');
    await t.call(admin, { method: 'PATCH', url: `/api/v1/users/${gone.id}`, payload: { disabled: true } });
    const res = await t.call(admin, { method: 'GET', url: '/api/v1/directory' });
    expect(res.statusCode).toBe(200);
    const people = res.json().people as Array<Record<string, unknown>>;
    expect(people.map((p) => p.email)).toContain(member.email);
    expect(people.map((p) => p.email)).not.toContain(gone.email);
    expect(Object.keys(people[0]!).sort()).toEqual(['email', 'id', 'name']);
    expect((await t.call(null, { method: 'GET', url: '/api/v1/directory' })).statusCode).toBe(401);
  });

  it('turns an invitation link into an account once', async () => {
    const inv = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/invites',
      payload: { email: 'invited@example.test' },
    });
    expect(inv.statusCode).toBe(201);
    const token = inv.json().url.split('/invite/')[1];
    expect((await t.call(null, { method: 'GET', url: `/api/v1/invites/${token}` })).json().email).toBe(
      'invited@example.test',
    );
    const wrongEmail = await t.call(null, {
      method: 'POST',
      url: `/api/v1/invites/${token}/accept`,
      payload: { email: 'other@example.test', name: 'I', password: 'long enough' },
    });
    expect(wrongEmail.statusCode).toBe(400);
    const ok = await t.call(null, {
      method: 'POST',
      url: `/api/v1/invites/${token}/accept`,
      payload: { email: 'invited@example.test', name: 'Ines', password: 'long enough' },
    });
    expect(ok.statusCode).toBe(201);
    expect(String(ok.headers['set-cookie'])).toMatch(/tandem_session=/);
    const again = await t.call(null, {
      method: 'POST',
      url: `/api/v1/invites/${token}/accept`,
      payload: { email: 'invited@example.test', name: 'Ines', password: 'long enough' },
    });
    expect(again.statusCode).toBe(404);
  });
});

describe('errors', () => {
  it('answers malformed JSON with a 400 in the standard shape', async () => {
    const res = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/products',
      payload: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed' });
  });
  it('answers unknown API paths with 404 and a code', async () => {
    const res = await t.call(admin, { method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
