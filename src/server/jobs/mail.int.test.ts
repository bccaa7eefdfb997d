import { beforeAll, describe, expect, it } from 'vitest';
import { sendDigests } from '#app/mail/digest.ts';
import { mailUseCases } from '#app/mail/mail.ts';
import { MAIL_OFF, type MailSetup } from '#app/mail/ports.ts';
import { eventually } from '#testing/eventually.ts';
import type { TestApp, TestUser } from '#testing/harness.ts';
import { createMailTestApp } from '#testing/mail-test-app.ts';
import type { SmtpCatcher } from '#testing/smtp-catcher.ts';

/**
 * Mail end to end (issue 12): a real SMTP server, the real worker. Each cause writes its outbox
 * row in its own transaction and is mailed once with a Message-ID derived from its key; replays
 * write nothing; 4xx retries, 5xx fails with the reason; settings, digest, unsubscribe, admin.
 */
let t: TestApp;
let smtp: SmtpCatcher;
let setup: MailSetup;
let po: TestUser;
let tom: TestUser;
let admin: TestUser;
let vip: TestUser;
let productId: string;
let itemId: string;
/** Addresses the SMTP server refuses, with the reply. */
const refusals = new Map<string, { code: number; message: string; times: number }>();

const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  t.pool.query<T & Record<string, unknown>>(sql, params).then((r) => r.rows);
const count = async (sql: string, params: unknown[] = []) =>
  Number((await q<{ n: string }>(sql, params))[0]!.n);
const mailsTo = (u: TestUser) => smtp.mails.filter((m) => m.to === u.email);
const api = (as: TestUser | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.call(as, { method, url, ...(payload ? { payload } : {}) });
const comment = (body: string) => api(po, 'POST', `/api/v1/items/${itemId}/comments`, { body });

beforeAll(async () => {
  ({ t, smtp, setup } = await createMailTestApp({
    refuse: (to) => {
      const r = refusals.get(to);
      if (!r || r.times <= 0) return null;
      r.times -= 1;
      return r;
    },
  }));
  po = await t.user('Olive Owner');
  tom = await t.user('Tom Team');
  admin = await t.user('Ada Admin', { admin: true });
  vip = await t.user('Vera Vip');
  const product = await t.product(po, 'League', 'LG');
  productId = product.id;
  await t.addMember(po, productId, tom, 'team');
  await t.addMember(po, productId, vip, 'stakeholder');
  const item = await api(po, 'POST', `/api/v1/products/${productId}/items`, {
    type: 'story',
    title: 'Export',
    problem: 'Clubs retype their fixtures.',
  });
  if (item.statusCode !== 201) throw new Error(item.body);
  itemId = item.json().id;
});

describe('mail settings', () => {
  it('every kind is mailed at once until the person chooses; a choice is kept and recorded', async () => {
    const res = await api(tom, 'GET', '/api/v1/me/notification-settings');
    expect(res.statusCode).toBe(200);
    expect(res.json().mailEnabled).toBe(true);
    expect(res.json().settings.map((s: { mode: string }) => s.mode)).toEqual(Array(10).fill('email'));
    const bad = await api(tom, 'PUT', '/api/v1/me/notification-settings', {
      settings: [{ kind: 'x', mode: 'sms' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['settings.0.kind', 'settings.0.mode']);
    const put = await api(tom, 'PUT', '/api/v1/me/notification-settings', {
      settings: [{ kind: 'sprint', mode: 'digest' }],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().settings.find((s: { kind: string }) => s.kind === 'sprint').mode).toBe('digest');
    expect(
      await count(
        `select count(*) as n from events where type = 'user.notification_settings_changed' and actor_id = $1`,
        [tom.id],
      ),
    ).toBe(1);
    expect((await api(null, 'GET', '/api/v1/me/notification-settings')).statusCode).toBe(401);
  });
});

describe('a mention by mail', () => {
  it('is mailed once, with the stable Message-ID, both parts, the link and RFC 8058 headers', async () => {
    expect((await comment('@Tom Team can you look at the export?')).statusCode).toBe(201);
    await eventually(() => mailsTo(tom).length === 1);
    const [row] = await q<{ message_id: string; status: string; key: string; attempts: number }>(
      `select message_id, status, key, attempts from mail_deliveries where recipient_id = $1 and kind = 'mention'`,
      [tom.id],
    );
    const mail = mailsTo(tom)[0]!;
    expect(mail.messageId).toBe(row!.message_id);
    expect(row!.message_id).toMatch(/^<[0-9a-f]{40}@tandem\.example\.test>$/);
    expect(mail.subject).toBe('[Tandem · League] Olive Owner mentioned you on LG-1');
    expect(mail.headers.get('list-unsubscribe')).toMatch(
      /^<https:\/\/tandem\.example\.test\/api\/v1\/mail\/unsubscribe\/[^>]+>$/,
    );
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers.get('content-type')).toMatch(/^multipart\/alternative/);
    const link = `https://tandem.example.test/p/LG/backlog?item=${itemId}`;
    expect(mail.text).toContain(`Open the comment: ${link}`);
    expect(mail.text).toContain('> @Tom Team can you look at the export?');
    expect(mail.html).toContain(`href="${link}"`);
    await eventually(
      async () =>
        (await q(`select 1 from mail_deliveries where status = 'sent' and recipient_id = $1`, [tom.id]))
          .length === 1,
    );
  });

  it('a replayed reaction writes no second mail', async () => {
    const before = await count('select count(*) as n from mail_deliveries');
    const [ev] = await q<{ id: string }>(
      `select id from events where type = 'item.commented' order by id desc limit 1`,
    );
    const { mentionNotices } = await import('#jobs/mention-notices.job.ts');
    const { toStoredEvent } = await import('#app/reactions/stored-event.ts');
    await t.store.transaction(async (r) => {
      const event = toStoredEvent((await r.events.byId(Number(ev!.id)))!);
      if (event.type === 'item.commented')
        await mentionNotices.handle(event, { repos: r, attempt: 2, mail: setup });
    });
    expect(await count('select count(*) as n from mail_deliveries')).toBe(before);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo(tom)).toHaveLength(1);
  });

  it('one click on List-Unsubscribe turns that kind off for that person; a forged token is 404', async () => {
    const url = new URL(mailsTo(tom)[0]!.headers.get('list-unsubscribe')!.slice(1, -1));
    const forged = url.pathname.replace('.mention.', '.sprint.');
    const res = await t.app.inject({
      method: 'POST',
      url: url.pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, kind: 'mention', previousMode: 'email' });
    expect((await t.app.inject({ method: 'POST', url: forged, payload: {} })).statusCode).toBe(404);
    const settings = (await api(tom, 'GET', '/api/v1/me/notification-settings')).json().settings;
    expect(settings.find((s: { kind: string }) => s.kind === 'mention').mode).toBe('in_app');
    expect((await comment('@Tom Team once more')).statusCode).toBe(201);
    await eventually(
      async () => (await count(`select count(*) as n from notices where recipient_id = $1`, [tom.id])) === 2,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await count(`select count(*) as n from mail_deliveries where recipient_id = $1`, [tom.id])).toBe(
      1,
    );
    // A form body anywhere else is refused as before.
    const form = await t.call(tom, {
      method: 'PUT',
      url: '/api/v1/me/notification-settings',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'settings=1',
    });
    expect([400, 415]).toContain(form.statusCode);
  });
});

describe('failures', () => {
  it('a 4xx reply is retried with back-off and then delivered; a 5xx fails at once with the reason', async () => {
    refusals.set(po.email, { code: 451, message: 'Greylisted, try later', times: 2 });
    refusals.set(admin.email, { code: 550, message: 'No such mailbox', times: 1 });
    await api(admin, 'POST', '/api/v1/admin/mail/test');
    await api(po, 'PUT', '/api/v1/me/notification-settings', {
      settings: [{ kind: 'mention', mode: 'email' }],
    });
    expect(
      (await api(tom, 'POST', `/api/v1/items/${itemId}/comments`, { body: '@Olive Owner ok' })).statusCode,
    ).toBe(201);
    await eventually(() => mailsTo(po).length === 1);
    const [greylisted] = await q<{ attempts: number; status: string; last_error: string | null }>(
      `select attempts, status, last_error from mail_deliveries where recipient_id = $1`,
      [po.id],
    );
    await eventually(
      async () =>
        (await q(`select 1 from mail_deliveries where recipient_id = $1 and status = 'sent'`, [po.id]))
          .length === 1,
    );
    expect(greylisted!.attempts).toBe(3);
    await eventually(
      async () =>
        (await q(`select 1 from mail_deliveries where recipient_id = $1 and status = 'failed'`, [admin.id]))
          .length === 1,
    );
    const [failed] = await q<{ attempts: number; last_error: string }>(
      `select attempts, last_error from mail_deliveries where recipient_id = $1`,
      [admin.id],
    );
    expect(failed!.attempts).toBe(1);
    expect(failed!.last_error).toMatch(/^550: .*No such mailbox/);
  });

  it('admins see the failure, re-send it by hand (same Message-ID), and the queue figures', async () => {
    expect((await api(tom, 'GET', '/api/v1/admin/deliveries?status=failed')).statusCode).toBe(403);
    const list = await api(admin, 'GET', '/api/v1/admin/deliveries?channel=email&status=failed');
    expect(list.statusCode).toBe(200);
    const [d] = list.json().deliveries;
    expect(d).toMatchObject({
      channel: 'email',
      status: 'failed',
      attempts: 1,
      kind: 'test',
      recipient: admin.email,
    });
    expect((await api(admin, 'GET', '/api/v1/admin/deliveries?channel=sms')).statusCode).toBe(400);
    // The webhook outbox has none of these mails.
    const hooks = await api(admin, 'GET', '/api/v1/admin/deliveries?channel=webhook&status=failed');
    expect(hooks.json().deliveries.some((x: { id: string }) => x.id === d.id)).toBe(false);
    const resend = await api(admin, 'POST', `/api/v1/admin/deliveries/${d.id}/resend`);
    expect(resend.statusCode).toBe(200);
    await eventually(() => mailsTo(admin).length === 1);
    expect(mailsTo(admin)[0]!.messageId).toBe(d.messageId);
    expect(mailsTo(admin)[0]!.subject).toBe('[Tandem] Test mail');
    const again = await api(admin, 'POST', `/api/v1/admin/deliveries/${d.id}/resend`);
    expect([200, 404]).toContain(again.statusCode); // sent again (200) or still pending (404)
    const status = (await api(admin, 'GET', '/api/v1/admin/mail')).json();
    expect(status).toMatchObject({
      enabled: true,
      from: 'Tandem <tandem@example.test>',
      server: `smtp:${smtp.url.slice(5)}`,
    });
    expect(status.queue.failed).toBe(0);
  });
});

describe('review invitations', () => {
  it('each invited customer gets their personal link by mail; once sent the link is not kept', async () => {
    const sprint = await api(po, 'POST', `/api/v1/products/${productId}/sprints`, {
      name: 'Sprint 7',
      goal: 'Ship',
      startDate: '2026-11-16',
      endDate: '2026-11-27',
    });
    const sprintId = sprint.json().id;
    await t.pool.query(
      `insert into sprint_items (sprint_id, item_id, product_id, review) values ($1, $2, $3, 'accepted')`,
      [sprintId, itemId, productId],
    );
    const review = await api(po, 'POST', `/api/v1/sprints/${sprintId}/review`, {});
    expect(review.statusCode, review.body).toBe(201);
    const invite = await api(po, 'POST', `/api/v1/reviews/${review.json().id}/invitations`, {
      userIds: [vip.id],
    });
    expect(invite.statusCode, invite.body).toBe(200);
    const link: string = invite.json().invitations[0].url;
    await eventually(() => mailsTo(vip).length === 1);
    const mail = mailsTo(vip)[0]!;
    expect(mail.subject).toBe('[Tandem · League] You are invited to review Sprint 7');
    const token = link.split('/feedback/')[1]!;
    expect(mail.text).toContain(`Give your feedback: https://tandem.example.test/feedback/${token}`);
    expect(mail.html).toContain(token);
    expect((await api(null, 'GET', `/api/v1/feedback/${token}`)).statusCode).toBe(200);
    await eventually(
      async () =>
        (await q(`select 1 from mail_deliveries where recipient_id = $1 and status = 'sent'`, [vip.id]))
          .length === 1,
    );
    const [row] = await q<{ text: string; html: string; id: string }>(
      `select id, text, html from mail_deliveries where recipient_id = $1`,
      [vip.id],
    );
    expect(row!.text).not.toContain(token);
    expect(row!.html).not.toContain(token);
    expect(row!.text).toContain('/feedback/[the personal link was sent and is not kept]');
    // Re-sending it would mail a dead link: refused, invite again instead.
    expect((await api(admin, 'POST', `/api/v1/admin/deliveries/${row!.id}/resend`)).statusCode).toBe(409);
  });
});

describe('the daily digest', () => {
  it('gathers the day’s held mails into one mail, exactly once however often it runs', async () => {
    await api(po, 'PUT', '/api/v1/me/notification-settings', {
      settings: [{ kind: 'mention', mode: 'digest' }],
    });
    for (const n of [1, 2, 3])
      expect(
        (await api(tom, 'POST', `/api/v1/items/${itemId}/comments`, { body: `@Olive Owner point ${n}` }))
          .statusCode,
      ).toBe(201);
    await eventually(
      async () =>
        (await count(
          `select count(*) as n from mail_deliveries where recipient_id = $1 and status = 'held'`,
          [po.id],
        )) === 3,
    );
    const tomorrow = new Date(Date.now() + 86_400_000);
    const runs = await Promise.all([
      sendDigests(t.store, setup, tomorrow),
      sendDigests(t.store, setup, tomorrow),
    ]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await sendDigests(t.store, setup, tomorrow)).toBe(0);
    await eventually(() => mailsTo(po).some((m) => m.subject.includes('daily digest')));
    const digest = mailsTo(po).find((m) => m.subject.includes('daily digest'))!;
    expect(digest.subject).toMatch(/^\[Tandem\] Your daily digest for \w+day, \d{1,2} \w+ \d{4}: 3 notices$/);
    expect(digest.text).toContain('Times are in UTC.');
    expect(
      await count(
        `select count(*) as n from mail_deliveries where recipient_id = $1 and status = 'bundled'`,
        [po.id],
      ),
    ).toBe(3);
    for (const n of [1, 2, 3]) expect(digest.text).toContain(`@Olive Owner point ${n}`);
  });
});

describe('notices about the work', () => {
  it('an agreement asking for comments reaches the team by mail once, linking to the agreement', async () => {
    const created = await api(po, 'POST', `/api/v1/products/${productId}/agreements`, {
      title: 'How we handle urgent bugs',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
    const proposed = await api(po, 'POST', `/api/v1/agreements/${id}/versions`, {
      body: 'S1 defects are fixed at the root, with the tech lead.',
      commentUntil: hours(48),
      effectiveFrom: hours(96),
    });
    expect(proposed.statusCode).toBe(201);
    const subject = 'Comment on “How we handle urgent bugs”';
    await eventually(() => mailsTo(tom).some((m) => m.subject.includes(subject)));
    const mail = mailsTo(tom).find((m) => m.subject.includes(subject))!;
    expect(mail.text).toContain(`https://tandem.example.test/p/LG/agreements/${id}`);
    expect(mail.text).toContain('the working agreement names you');
    // The proposer is not asked, and a stakeholder is not among the people it names.
    expect(mailsTo(po).some((m) => m.subject.includes(subject))).toBe(false);
    expect(mailsTo(vip).some((m) => m.subject.includes(subject))).toBe(false);
    expect(
      await count(
        `select count(*) as n from mail_deliveries where kind = 'agreement' and recipient_id = $1`,
        [tom.id],
      ),
    ).toBe(1);
  });
});

describe('mail off', () => {
  it('says so and writes nothing', async () => {
    const off = mailUseCases(t.store, MAIL_OFF, () => new Date());
    expect(
      (await off.settings({ userId: tom.id, name: 'Tom', email: tom.email, workspaceRole: 'member' }))
        .mailEnabled,
    ).toBe(false);
    await expect(
      off.sendTest({ userId: admin.id, name: 'Ada', email: admin.email, workspaceRole: 'admin' }),
    ).rejects.toMatchObject({
      code: 'mail_off',
    });
    expect((await off.status()).enabled).toBe(false);
  });
});
