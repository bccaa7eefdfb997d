import { beforeAll, describe, expect, it } from 'vitest';
import { unsubscribeToken } from '#app/mail/outbox.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/**
 * The page behind a mail's unsubscribe link, as the API sees it: no sign-in, the signed token is
 * the authority. GET says what would happen and changes nothing; POST turns that one kind off;
 * undo restores it; a bad token gets a clear 404 whatever the method.
 */
let t: TestApp;
let ann: TestUser;
let token: string;

const anonymous = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { host: 'localhost' }, ...(payload ? { payload } : {}) });
const modes = async (who: TestUser) =>
  Object.fromEntries(
    (await t.call(who, { method: 'GET', url: '/api/v1/me/notification-settings' }))
      .json()
      .settings.map((s: { kind: string; mode: string }) => [s.kind, s.mode]),
  );
const events = async () =>
  (
    await t.pool.query<{ after: unknown }>(
      `select after from events where type = 'user.notification_settings_changed' and entity_id = $1 order by id`,
      [ann.id],
    )
  ).rows.map((r) => r.after);

beforeAll(async () => {
  t = await createTestApp();
  ann = await t.user('Ann');
  // Ann takes sprint news in the daily digest: undo must bring back exactly that.
  const put = await t.call(ann, {
    method: 'PUT',
    url: '/api/v1/me/notification-settings',
    payload: { settings: [{ kind: 'sprint', mode: 'digest' }] },
  });
  expect(put.statusCode, put.body).toBe(200);
  token = unsubscribeToken(await t.store.read.mail.signingKey(), ann.id, 'sprint');
});

describe('the unsubscribe link', () => {
  it('GET says which kind and whose address, and changes nothing, however often it is opened', async () => {
    const before = await modes(ann);
    const eventsBefore = await events();
    for (let n = 0; n < 3; n++) {
      const r = await anonymous('GET', `/api/v1/mail/unsubscribe/${token}`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toEqual({
        kind: 'sprint',
        label: 'Sprints started and closed',
        email: ann.email,
        mode: 'digest',
      });
    }
    expect(await modes(ann)).toEqual(before);
    expect(await events()).toEqual(eventsBefore);
  });

  it('POST turns off that one kind only; undo restores it as it was (the digest)', async () => {
    const before = await modes(ann);
    const off = await anonymous('POST', `/api/v1/mail/unsubscribe/${token}`, {});
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toEqual({ ok: true, kind: 'sprint', previousMode: 'digest' });
    expect(await modes(ann)).toEqual({ ...before, sprint: 'in_app' });
    expect((await anonymous('GET', `/api/v1/mail/unsubscribe/${token}`)).json().mode).toBe('in_app');

    const undo = await anonymous('POST', `/api/v1/mail/unsubscribe/${token}/undo`, { mode: 'digest' });
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json()).toEqual({ ok: true, kind: 'sprint', mode: 'digest' });
    expect(await modes(ann)).toEqual(before);
    expect((await events()).slice(-2)).toEqual([
      { settings: { sprint: 'in_app' }, via: 'unsubscribe' },
      { settings: { sprint: 'digest' }, via: 'unsubscribe_undone' },
    ]);
  });

  it('undo names a mode that would not mail (in_app) or none at all as the bad field', async () => {
    for (const payload of [{ mode: 'in_app' }, {}]) {
      const r = await anonymous('POST', `/api/v1/mail/unsubscribe/${token}/undo`, payload);
      expect(r.statusCode).toBe(400);
      expect(Object.keys(r.json().error.fields)).toEqual(['mode']);
    }
  });

  it('a tampered, foreign or malformed token is a clear 404 on every route, changing nothing', async () => {
    const before = await modes(ann);
    const other = await t.user('Bob');
    const [user, , mac] = token.split('.');
    const bad = [
      `${user}.mention.${mac}`, // another kind with Ann's signature for sprint
      `${other.id}.sprint.${mac}`, // another person
      `${user}.sprint.${mac!.slice(0, -2)}xx`, // a changed signature
      `${user}.sprint`, // cut short
      'nonsense',
    ];
    for (const b of bad) {
      for (const [method, url, payload] of [
        ['GET', `/api/v1/mail/unsubscribe/${b}`, undefined],
        ['POST', `/api/v1/mail/unsubscribe/${b}`, {}],
        ['POST', `/api/v1/mail/unsubscribe/${b}/undo`, { mode: 'email' }],
      ] as const) {
        const r = await anonymous(method, url, payload);
        expect(r.statusCode, `${method} ${url}`).toBe(404);
        expect(r.json().error).toEqual({
          code: 'not_found',
          message:
            'This unsubscribe link does not work: it was cut short or changed, or its account no longer exists. Sign in to choose what Tandem mails you.',
        });
      }
    }
    expect(await modes(ann)).toEqual(before);
    // A person who no longer exists: the link of a deleted account works no more.
    const gone = await t.user('Gone');
    const goneToken = unsubscribeToken(await t.store.read.mail.signingKey(), gone.id, 'sprint');
    await t.pool.query('delete from users where id = $1', [gone.id]);
    expect((await anonymous('GET', `/api/v1/mail/unsubscribe/${goneToken}`)).statusCode).toBe(404);
  });
});
