import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/**
 * Who the customers are (issue 10): stakeholders in segments, added from a list without a
 * password, signed in by a personal link that works once, for its person only.
 */
let t: TestApp;
let owner: TestUser;
let team: TestUser;
let viewer: TestUser;
let productId: string;
let vip: string;
let secretariat: string;

const sessionOf = (res: LightMyRequestResponse) => {
  const h = res.headers['set-cookie'];
  const first = Array.isArray(h) ? h[0] : h;
  return first ? String(first).split(';')[0]! : '';
};
const asCookie = (cookie: string): TestUser => ({ id: '', email: '', name: '', cookie });
const members = async () =>
  (await t.call(owner, { method: 'GET', url: `/api/v1/products/${productId}/members` })).json()
    .members as Array<{
    userId: string;
    email: string;
    role: string;
    segmentIds: string[];
    hasPassword: boolean;
  }>;
const importUrl = () => `/api/v1/products/${productId}/stakeholders/import`;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Olive Owner');
  team = await t.user('Tom Team');
  viewer = await t.user('Vic Viewer');
  productId = (await t.product(owner, 'VIP Meetings', 'VIP')).id;
  await t.addMember(owner, productId, team, 'team');
  await t.addMember(owner, productId, viewer, 'viewer');
  const seg = async (name: string) =>
    (
      await t.call(owner, {
        method: 'POST',
        url: `/api/v1/products/${productId}/segments`,
        payload: { name },
      })
    ).json().id as string;
  vip = await seg('VIP members');
  secretariat = await seg('Secretariat');
});

describe('member segments', () => {
  it('are set by the PO, listed with the member, recorded, and must be this product’s', async () => {
    const stan = await t.user('Stan Stakeholder');
    await t.addMember(owner, productId, stan, 'stakeholder');
    const url = `/api/v1/products/${productId}/members/${stan.id}`;
    const ok = await t.call(owner, {
      method: 'PATCH',
      url,
      payload: { segmentIds: [vip, secretariat, vip] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().segmentIds.sort()).toEqual([vip, secretariat].sort());
    expect(ok.json().role).toBe('stakeholder');
    const listed = (await members()).find((m) => m.userId === stan.id)!;
    expect(listed.segmentIds.sort()).toEqual([vip, secretariat].sort());

    const other = (await t.product(owner, 'Other', 'OTH')).id;
    const foreign = (
      await t.call(owner, {
        method: 'POST',
        url: `/api/v1/products/${other}/segments`,
        payload: { name: 'Elsewhere' },
      })
    ).json().id;
    const bad = await t.call(owner, { method: 'PATCH', url, payload: { segmentIds: [foreign] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.segmentIds).toContain(foreign);
    const none = await t.call(owner, { method: 'PATCH', url, payload: {} });
    expect(none.statusCode).toBe(400);
    expect((await t.call(team, { method: 'PATCH', url, payload: { segmentIds: [] } })).statusCode).toBe(403);

    // A workspace admin sets them too, member or not; the admin still reads nothing else here.
    const admin = await t.user('Ada Admin', { admin: true });
    const byAdmin = await t.call(admin, { method: 'PATCH', url, payload: { segmentIds: [secretariat] } });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect(byAdmin.json().segmentIds).toEqual([secretariat]);
    expect(
      (await t.call(admin, { method: 'GET', url: `/api/v1/products/${productId}/members` })).statusCode,
    ).toBe(404);
    const nowhere = `/api/v1/products/00000000-0000-4000-8000-000000000009/members/${stan.id}`;
    expect(
      (await t.call(admin, { method: 'PATCH', url: nowhere, payload: { segmentIds: [] } })).statusCode,
    ).toBe(404);

    await t.call(owner, { method: 'PATCH', url, payload: { segmentIds: [vip] } });
    const events = await t.pool.query(
      `select before, after from events where type = 'member.segments_changed' and entity_id = $1 order by id`,
      [stan.id],
    );
    expect(events.rows).toHaveLength(3);
    expect(events.rows[2].after).toEqual({ segmentIds: [vip], name: 'Stan Stakeholder' });
  });
});

describe('adding stakeholders from a list', () => {
  it('previews every row with its errors by field, and writes nothing', async () => {
    const existing = await t.user('Erin Existing');
    const csv = [
      'Name,Email,Segment',
      'Vera VIP,vera@vip.example,VIP members',
      ',nameless@vip.example,VIP members',
      'Bad Mail,not-an-email,',
      'Unknown Seg,useg@vip.example,Gold members',
      'Vera Again,VERA@vip.example,',
      `Tom Again,${team.email},`,
      `Erin Existing,${existing.email},VIP members;Secretariat`,
    ].join('\n');
    const before = await t.pool.query('select count(*)::int as n from users');
    const res = await t.call(owner, { method: 'POST', url: `${importUrl()}/preview`, payload: { csv } });
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().rows as Array<{ line: number; action: string; errors: Record<string, string> }>;
    expect(rows.map((r) => [r.line, r.action])).toEqual([
      [2, 'create'],
      [3, 'error'],
      [4, 'error'],
      [5, 'error'],
      [6, 'error'],
      [7, 'error'],
      [8, 'add'],
    ]);
    expect(rows[1]!.errors).toEqual({ name: 'Enter a name' });
    expect(rows[2]!.errors.email).toMatch(/valid email/);
    expect(rows[3]!.errors.segment).toMatch(/Gold members/);
    expect(rows[4]!.errors.email).toMatch(/line 2/);
    expect(rows[5]!.errors.email).toMatch(/Team member/);
    expect(res.json().rows[6].segments).toEqual(['VIP members', 'Secretariat']);
    expect(res.json().counts).toEqual({ create: 1, add: 1, member: 0, error: 5 });
    expect((await t.pool.query('select count(*)::int as n from users')).rows[0].n).toBe(before.rows[0].n);

    const refused = await t.call(owner, { method: 'POST', url: importUrl(), payload: { csv } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.csv).toMatch(/Line 3/);
    expect((await t.pool.query('select count(*)::int as n from users')).rows[0].n).toBe(before.rows[0].n);
    expect(
      (await t.call(team, { method: 'POST', url: `${importUrl()}/preview`, payload: { csv } })).statusCode,
    ).toBe(403);
  });

  it('adds the list in one go without passwords, with segments and events; a retry changes nothing', async () => {
    const csv =
      'Gina Guest, gina@vip.example, VIP members\nHal Host, hal@vip.example, Secretariat;VIP members\n';
    const key = { 'idempotency-key': 'stakeholders-import-1' };
    const first = await t.call(owner, { method: 'POST', url: importUrl(), payload: { csv }, headers: key });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ created: 2, added: 2, alreadyMembers: 0 });
    const again = await t.call(owner, { method: 'POST', url: importUrl(), payload: { csv }, headers: key });
    expect(again.json()).toEqual(first.json());

    const list = await members();
    const gina = list.find((m) => m.email === 'gina@vip.example')!;
    const hal = list.find((m) => m.email === 'hal@vip.example')!;
    expect(gina).toMatchObject({ role: 'stakeholder', segmentIds: [vip], hasPassword: false });
    expect(hal.segmentIds.sort()).toEqual([vip, secretariat].sort());
    const hashes = await t.pool.query(`select password_hash from users where email like '%@vip.example'`);
    expect(hashes.rows.map((r) => r.password_hash)).toEqual([null, null]);
    const events = await t.pool.query(
      `select type, after from events where product_id = $1 and type in ('member.added', 'stakeholders.imported')
        order by id`,
      [productId],
    );
    expect(events.rows.filter((e) => e.type === 'member.added').length).toBeGreaterThanOrEqual(2);
    expect(events.rows.filter((e) => e.type === 'stakeholders.imported')).toEqual([
      { type: 'stakeholders.imported', after: { added: 2, alreadyMembers: 0, created: 2 } },
    ]);

    // A passwordless account cannot sign in by password, not even with an empty one.
    const login = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'gina@vip.example', password: 'x' },
    });
    expect(login.statusCode).toBe(401);

    // The same list again, without the key: everyone is already a stakeholder.
    const repeat = await t.call(owner, { method: 'POST', url: importUrl(), payload: { csv } });
    expect(repeat.json()).toEqual({ created: 0, added: 0, alreadyMembers: 2 });
  });
});

describe('personal sign-in links', () => {
  let ida: { id: string };
  const linkFor = async (userId: string, as = owner) =>
    t.call(as, { method: 'POST', url: `/api/v1/products/${productId}/members/${userId}/sign-in-link` });
  const use = (token: string, cookie?: string) =>
    t.call(cookie ? asCookie(cookie) : null, { method: 'POST', url: `/api/v1/sign-in-links/${token}` });

  beforeAll(async () => {
    await t.call(owner, {
      method: 'POST',
      url: importUrl(),
      payload: { csv: 'Ida Invitee,ida@vip.example,VIP members' },
    });
    ida = { id: (await members()).find((m) => m.email === 'ida@vip.example')!.userId };
  });

  it('signs its person in once, lands on the portal, and stores only the token’s hash', async () => {
    const made = await linkFor(ida.id);
    expect(made.statusCode, made.body).toBe(201);
    const { url, expiresAt } = made.json();
    expect(url).toMatch(/^http:\/\/localhost\/link\/sil_/);
    const days = (new Date(expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    const token = url.split('/link/')[1] as string;
    const stored = await t.pool.query('select token_hash from sign_in_links where user_id = $1', [ida.id]);
    expect(stored.rows[0].token_hash.toString('utf8')).not.toContain(token);

    // Someone else signed in on this browser: the link signs in as its person, not as them.
    const res = await use(token, viewer.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ productKey: 'VIP', path: '/p/VIP/portal' });
    const cookie = sessionOf(res);
    expect(cookie).toMatch(/^tandem_session=/);
    const me = await t.call(asCookie(cookie), { method: 'GET', url: '/api/v1/me' });
    expect(me.json().user).toMatchObject({ id: ida.id, email: 'ida@vip.example', hasPassword: false });
    expect(me.json().memberships).toEqual([
      expect.objectContaining({ productKey: 'VIP', role: 'stakeholder' }),
    ]);
    // The stakeholder's session reads the product, not its backlog.
    const stakeholder = asCookie(cookie);
    expect(
      (await t.call(stakeholder, { method: 'GET', url: `/api/v1/products/${productId}` })).statusCode,
    ).toBe(200);
    expect(
      (await t.call(stakeholder, { method: 'GET', url: `/api/v1/products/${productId}/items` })).statusCode,
    ).toBe(403);

    expect((await use(token)).statusCode).toBe(404);
    expect((await use(`${token.slice(0, -2)}xx`)).statusCode).toBe(404);
    expect((await use('sil_not-a-real-token-at-all-000000')).statusCode).toBe(404);

    // A passwordless person sets a first password without a current one, then signs in with it.
    const set = await t.call(stakeholder, {
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { newPassword: 'ida picks a passphrase' },
    });
    expect(set.statusCode, set.body).toBe(200);
    const login = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ida@vip.example', password: 'ida picks a passphrase' },
    });
    expect(login.statusCode).toBe(200);
    const again = await t.call(stakeholder, {
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { newPassword: 'and now another one' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields.currentPassword).toBeDefined();
  });

  it('is made by the PO only, for stakeholders of this product only', async () => {
    expect((await linkFor(ida.id, team)).statusCode).toBe(403);
    expect((await linkFor(team.id)).statusCode).toBe(409);
    const stranger = await t.user('Sam Stranger');
    expect((await linkFor(stranger.id)).statusCode).toBe(404);
  });

  it('expires after 14 days, and stops working when its person is no longer a stakeholder', async () => {
    let clock = Date.now();
    const timed = await createTestApp({ now: () => new Date(clock) });
    const po = await timed.user('Pat PO');
    const pid = (await timed.product(po, 'Timed', 'TIM')).id;
    const s = await timed.user('Sue Stakeholder');
    await timed.addMember(po, pid, s, 'stakeholder');
    const mint = async () =>
      (await timed.call(po, { method: 'POST', url: `/api/v1/products/${pid}/members/${s.id}/sign-in-link` }))
        .json()
        .url.split('/link/')[1] as string;
    const use = (token: string) =>
      timed.call(null, { method: 'POST', url: `/api/v1/sign-in-links/${token}` });
    const member = `/api/v1/products/${pid}/members/${s.id}`;
    const demoted = await mint();
    await timed.call(po, { method: 'PATCH', url: member, payload: { role: 'viewer' } });
    expect((await use(demoted)).statusCode).toBe(404);
    await timed.call(po, { method: 'PATCH', url: member, payload: { role: 'stakeholder' } });
    const early = await mint();
    const late = await mint();
    clock += 14 * 86_400_000 - 60_000;
    expect((await use(early)).statusCode).toBe(200);
    clock += 120_000;
    expect((await use(late)).statusCode).toBe(404);
  });
});
