import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/harness.ts';
import { startTestProvider, type TestProvider } from '#testing/oidc-test-provider.ts';
import { SSO_CALLBACK, sessionOf, ssoSignIn, whoIs } from '#testing/sso-journey.ts';

/**
 * Invitations where only single sign-on signs people in (TANDEM_PASSWORD_SIGNIN=off), against a
 * real OpenID Connect provider: accepting asks for no password (the API refuses one, naming it);
 * the invited person continues with the company account, whose verified email must be the
 * invitation's, and joins with the invitation's role; no password resets either.
 */
let idp: TestProvider;
let t: TestApp;
let admin: { id: string; email: string; cookie: string };

const account = (sub: string, email: string) =>
  idp.accounts.set(sub, { sub, email, email_verified: true, name: `Person ${sub}` });
const as = (cookie: string | null, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { origin: 'http://localhost', host: 'localhost', ...(cookie ? { cookie } : {}) },
    ...(payload ? { payload } : {}),
  });
async function invite(body: { email?: string; workspaceRole: 'member' | 'admin' }) {
  const r = await as(admin.cookie, 'POST', '/api/v1/invites', body);
  expect(r.statusCode, r.body).toBe(201);
  return (r.json().url as string).split('/invite/')[1]!;
}
const count = async (sql: string, args: unknown[] = []) => (await t.pool.query(sql, args)).rowCount;

beforeAll(async () => {
  idp = await startTestProvider([SSO_CALLBACK]);
  const sso = { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, name: 'Acme ID' };
  t = await createTestApp({ signIn: { password: false, sso: { ...sso, allowSignup: false } } });
  const u = await t.store.read.users.insert({
    email: 'olive@acme.test',
    name: 'Olive Admin',
    passwordHash: null,
    workspaceRole: 'admin',
  });
  account('sub-olive', u.email);
  const { res } = await ssoSignIn(t, u.email);
  admin = { id: u.id, email: u.email, cookie: sessionOf(res)! };
  return () => idp.stop();
});

describe('invitations with single sign-on only', () => {
  it('the accept API refuses a password (400 naming it) and, without one, points to single sign-on', async () => {
    const token = await invite({ email: 'pat@acme.test', workspaceRole: 'member' });
    const url = `/api/v1/invites/${token}/accept`;
    const withPassword = await as(null, 'POST', url, {
      email: 'pat@acme.test',
      name: 'Pat',
      password: 'a long enough passphrase',
    });
    expect(withPassword.statusCode).toBe(400);
    expect(withPassword.json().error.fields).toEqual({
      password: 'Passwords are turned off here: accept the invitation with your company account',
    });
    const without = await as(null, 'POST', url, { email: 'pat@acme.test', name: 'Pat' });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('password_sign_in_off');
    expect(await count(`select 1 from users where email = 'pat@acme.test'`)).toBe(0);
    // The invitation still works, through the provider.
    expect((await as(null, 'GET', `/api/v1/invites/${token}`)).statusCode).toBe(200);
  });

  it('continuing with the company account creates the invited person with the invitation’s role, once', async () => {
    const token = await invite({ email: 'quinn@acme.test', workspaceRole: 'admin' });
    account('sub-quinn', 'quinn@acme.test');
    const { res } = await ssoSignIn(t, 'quinn@acme.test', { invite: token, returnTo: '/' });
    expect([res.statusCode, res.headers.location]).toEqual([303, '/']);
    expect(await whoIs(t, sessionOf(res))).toBe('quinn@acme.test');
    const user = await t.pool.query(
      `select id, name, workspace_role, password_hash from users where email = 'quinn@acme.test'`,
    );
    expect(user.rows).toEqual([
      { id: expect.any(String), name: 'Person sub-quinn', workspace_role: 'admin', password_hash: null },
    ]);
    const id = user.rows[0].id;
    expect(await count('select 1 from user_identities where user_id = $1', [id])).toBe(1);
    expect(await count('select 1 from invites where used_by = $1', [id])).toBe(1);
    expect(
      (await t.pool.query(`select type from events where entity_id = $1 order by id`, [id])).rows,
    ).toEqual([{ type: 'invite.accepted' }]);
    // Used up: someone else with the same link is refused, and nobody is created.
    account('sub-other', 'other@acme.test');
    const again = await ssoSignIn(t, 'other@acme.test', { invite: token });
    expect(again.res.headers.location).toBe('/signin?sso_error=sso_no_account&reason=invite_used_or_expired');
    expect(await count(`select 1 from users where email = 'other@acme.test'`)).toBe(0);
    // The invited person signs in again without the link, by (issuer, subject).
    expect(await whoIs(t, sessionOf((await ssoSignIn(t, 'quinn@acme.test')).res))).toBe('quinn@acme.test');
  });

  it('refuses a company account whose verified email is not the invitation’s', async () => {
    const token = await invite({ email: 'rae@acme.test', workspaceRole: 'member' });
    account('sub-mallory', 'mallory@acme.test');
    const { res } = await ssoSignIn(t, 'mallory@acme.test', { invite: token });
    expect(res.headers.location).toBe('/signin?sso_error=sso_no_account&reason=invite_other_email');
    expect(sessionOf(res)).toBeUndefined();
    expect(await count(`select 1 from users where email = 'mallory@acme.test'`)).toBe(0);
    expect(await count(`select 1 from invites where email = 'rae@acme.test' and used_at is null`)).toBe(1);
  });

  it('an invitation without an address takes the verified email the provider vouches for', async () => {
    const token = await invite({ workspaceRole: 'member' });
    account('sub-sam', 'sam@acme.test');
    const { res } = await ssoSignIn(t, 'sam@acme.test', { invite: token });
    expect(await whoIs(t, sessionOf(res))).toBe('sam@acme.test');
  });

  it('makes no password reset links and takes none', async () => {
    const made = await as(admin.cookie, 'POST', `/api/v1/users/${admin.id}/password-reset`, {});
    expect(made.statusCode).toBe(403);
    expect(made.json().error.code).toBe('password_sign_in_off');
    const fake = 'pwr_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
    for (const [method, payload] of [
      ['GET', undefined],
      ['POST', { newPassword: 'a long enough passphrase' }],
    ] as const) {
      const r = await as(null, method, `/api/v1/password-resets/${fake}`, payload);
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('password_sign_in_off');
    }
  });
});

describe('invitations while passwords sign in', () => {
  it('still ask for the password, naming it when it is missing', async () => {
    const p = await createTestApp();
    const owner = await p.user('Owner', { admin: true });
    const r = await p.call(owner, {
      method: 'POST',
      url: '/api/v1/invites',
      payload: { workspaceRole: 'member' },
    });
    const token = (r.json().url as string).split('/invite/')[1]!;
    const accept = await p.call(null, {
      method: 'POST',
      url: `/api/v1/invites/${token}/accept`,
      payload: { email: 'new@acme.test', name: 'New' },
    });
    expect(accept.statusCode).toBe(400);
    expect(Object.keys(accept.json().error.fields)).toEqual(['password']);
  });
});
