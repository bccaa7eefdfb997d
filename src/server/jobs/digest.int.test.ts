import { beforeAll, describe, expect, it } from 'vitest';
import { sendDigests } from '#app/mail/digest.ts';
import type { MailSetup } from '#app/mail/ports.ts';
import { eventually } from '#testing/eventually.ts';
import type { TestApp, TestUser } from '#testing/harness.ts';
import { createMailTestApp } from '#testing/mail-test-app.ts';
import type { SmtpCatcher } from '#testing/smtp-catcher.ts';

/**
 * The daily digest in each person's time zone (issue 12), on a real SMTP server and the real
 * worker: Ben in Berlin and Lara in Los Angeles each get one digest of their own local day,
 * sent after their own midnight; re-running the digest, at once or later, sends nothing more.
 * The held mails are dated in 2030 (after the worker's real cron could close their days), so
 * only the runs this test makes gather them.
 */
let t: TestApp;
let smtp: SmtpCatcher;
let setup: MailSetup;
let po: TestUser;
let ben: TestUser;
let lara: TestUser;
let itemId: string;

const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  t.pool.query<T & Record<string, unknown>>(sql, params).then((r) => r.rows);
const count = async (sql: string, params: unknown[] = []) =>
  Number((await q<{ n: string }>(sql, params))[0]!.n);
const api = (as: TestUser, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
  t.call(as, { method, url, ...(payload ? { payload } : {}) });
const digestsTo = (u: TestUser) =>
  smtp.mails.filter((m) => m.to === u.email && m.subject.includes('daily digest'));
const heldOf = (u: TestUser) =>
  count(`select count(*) as n from mail_deliveries where recipient_id = $1 and status = 'held'`, [u.id]);

/** Mentions `who` once per instant, then dates each held mail at its instant. */
async function mentionAt(who: TestUser, instants: readonly string[]) {
  const before = await heldOf(who);
  for (let n = 0; n < instants.length; n++) {
    const res = await api(po, 'POST', `/api/v1/items/${itemId}/comments`, {
      body: `@${who.name} note ${n + 1}`,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  await eventually(async () => (await heldOf(who)) === before + instants.length);
  const rows = await q<{ id: string }>(
    `select id from mail_deliveries where recipient_id = $1 and status = 'held' order by created_at, id offset $2`,
    [who.id, before],
  );
  for (const [n, row] of rows.entries())
    await q('update mail_deliveries set created_at = $2 where id = $1', [row.id, instants[n]]);
}

beforeAll(async () => {
  ({ t, smtp, setup } = await createMailTestApp());
  po = await t.user('Olive Owner');
  ben = await t.user('Ben Berlin');
  lara = await t.user('Lara Angeles');
  const product = await t.product(po, 'League', 'LG');
  await t.addMember(po, product.id, ben, 'team');
  await t.addMember(po, product.id, lara, 'team');
  const item = await api(po, 'POST', `/api/v1/products/${product.id}/items`, {
    type: 'story',
    title: 'Export',
    problem: 'Clubs retype their fixtures.',
  });
  if (item.statusCode !== 201) throw new Error(item.body);
  itemId = item.json().id;
});

describe('the digest’s time zone', () => {
  it('is UTC until chosen; an unknown zone is a 400 naming the field; a choice is kept and recorded', async () => {
    const fresh = (await api(ben, 'GET', '/api/v1/me/notification-settings')).json();
    expect(fresh).toMatchObject({ timeZone: 'UTC', timeZoneChosen: false });
    expect(new Date(fresh.nextDigestAt).getUTCMinutes()).toBe(5);
    const bad = await api(ben, 'PUT', '/api/v1/me/notification-settings', { timeZone: 'Mars/Olympus_Mons' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['timeZone']);
    const put = await api(ben, 'PUT', '/api/v1/me/notification-settings', {
      timeZone: 'Europe/Berlin',
      settings: [{ kind: 'mention', mode: 'digest' }],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ timeZone: 'Europe/Berlin', timeZoneChosen: true });
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(put.json().nextDigestAt));
    expect(local).toBe('00:05');
    const [ev] = await q<{ after: { timeZone?: string } }>(
      `select after from events where type = 'user.notification_settings_changed' and actor_id = $1`,
      [ben.id],
    );
    expect(ev!.after.timeZone).toBe('Europe/Berlin');
    // The zone alone, without a kind: kinds keep their modes.
    const zoneOnly = await api(lara, 'PUT', '/api/v1/me/notification-settings', {
      timeZone: 'America/Los_Angeles',
    });
    expect(zoneOnly.statusCode).toBe(200);
    expect(zoneOnly.json().settings.every((s: { mode: string }) => s.mode === 'email')).toBe(true);
    await api(lara, 'PUT', '/api/v1/me/notification-settings', {
      settings: [{ kind: 'mention', mode: 'digest' }],
    });
    expect((await api(lara, 'GET', '/api/v1/me/notification-settings')).json().timeZone).toBe(
      'America/Los_Angeles',
    );
  });
});

describe('two people, two zones', () => {
  it('each gets exactly one digest of their own local day, after their own midnight', async () => {
    // Tuesday 14 May 2030. Berlin is UTC+2, Los Angeles UTC−7.
    await mentionAt(ben, [
      '2030-05-13T22:30:00Z', // 00:30 on the 14th in Berlin (the 13th in UTC)
      '2030-05-14T12:00:00Z', // 14:00
      '2030-05-14T21:50:00Z', // 23:50
      '2030-05-14T22:10:00Z', // 00:10 on the 15th: tomorrow's digest
    ]);
    await mentionAt(lara, [
      '2030-05-14T07:30:00Z', // 00:30 on the 14th in Los Angeles
      '2030-05-15T06:50:00Z', // 23:50 on the 14th (the 15th in UTC)
    ]);

    // 00:05 in Berlin: Ben's 14th has ended, Lara's has not. Two runs at once write one digest.
    const berlinRuns = await Promise.all([
      sendDigests(t.store, setup, new Date('2030-05-14T22:05:00Z')),
      sendDigests(t.store, setup, new Date('2030-05-14T22:05:00Z')),
    ]);
    expect(berlinRuns[0] + berlinRuns[1]).toBe(1);
    expect(await heldOf(ben)).toBe(1);
    expect(await heldOf(lara)).toBe(2);

    // 00:05 in Los Angeles: Lara's 14th. Ben's 14th is sent and his 15th is still going.
    expect(await sendDigests(t.store, setup, new Date('2030-05-15T07:05:00Z'))).toBe(1);
    expect(await heldOf(lara)).toBe(0);
    expect(await heldOf(ben)).toBe(1);

    await eventually(() => digestsTo(ben).length === 1 && digestsTo(lara).length === 1);
    const benMail = digestsTo(ben)[0]!;
    const laraMail = digestsTo(lara)[0]!;
    expect(benMail.subject).toBe('[Tandem] Your daily digest for Tuesday, 14 May 2030: 3 notices');
    expect(laraMail.subject).toBe('[Tandem] Your daily digest for Tuesday, 14 May 2030: 2 notices');
    // Times in the person's zone, in the order they happened.
    expect(benMail.text).toContain('Times are in Europe/Berlin.');
    const benTimes = [...benMail.text.matchAll(/^## (\d\d:\d\d) · /gm)].map((m) => m[1]);
    expect(benTimes).toEqual(['00:30', '14:00', '23:50']);
    const laraTimes = [...laraMail.text.matchAll(/^## (\d\d:\d\d) · /gm)].map((m) => m[1]);
    expect(laraTimes).toEqual(['00:30', '23:50']);
    expect(laraMail.html).toContain('Times are in America/Los_Angeles.');
    const [key] = await q<{ key: string }>(
      `select key from mail_deliveries where kind = 'digest' and recipient_id = $1`,
      [lara.id],
    );
    expect(key!.key).toBe(`digest:${lara.id}:2030-05-14`);
  });

  it('re-running the digest sends nothing more, and the next day brings the next one', async () => {
    for (const at of ['2030-05-14T22:05:00Z', '2030-05-15T07:05:00Z', '2030-05-15T07:20:00Z'])
      expect(await sendDigests(t.store, setup, new Date(at))).toBe(0);
    // The worker's own cron task, run now, finds nothing either.
    const sentBefore = smtp.mails.length;
    await q(`select graphile_worker.add_job('mail-digest', '{}'::json, job_key := 'digest-test-run')`);
    await eventually(
      async () =>
        (await count(`select count(*) as n from graphile_worker.jobs where key = 'digest-test-run'`)) === 0,
    );
    // Ben's 15th: the note written at 00:10.
    expect(await sendDigests(t.store, setup, new Date('2030-05-15T22:05:00Z'))).toBe(1);
    await eventually(() => digestsTo(ben).length === 2);
    expect(digestsTo(ben)[1]!.subject).toBe(
      '[Tandem] Your daily digest for Wednesday, 15 May 2030: 1 notice',
    );
    expect(smtp.mails.length).toBe(sentBefore + 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(digestsTo(lara)).toHaveLength(1);
    const ids = smtp.mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      await count(`select count(*) as n from mail_deliveries where kind = 'digest' and status = 'sent'`),
    ).toBe(3);
  });
});
