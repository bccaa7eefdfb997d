import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fanOutInvitations } from '#app/mail/invitation-mail.ts';
import { MAIL_OFF, type MailSetup } from '#app/mail/ports.ts';
import { allJobs } from '#capabilities/index.ts';
import { migrate } from '#db/migrate.ts';
import { startReactions } from '#jobs/reactions.ts';
import { createLogger } from '#server/logger.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/**
 * A review invitation's mails (issue 12), without a worker running, so each step is seen: the
 * request writes one batch row of fresh tokens and no mail; the `review.invited` reaction turns it
 * into one keyed mail per person and deletes it; a re-run writes nothing; a link replaced before the
 * reaction ran is not mailed; with mail off the tokens are dropped all the same. And an upgrade from
 * the JSON batches of migration 0501 keeps their pending mails.
 */
const setup: MailSetup = {
  enabled: true,
  from: 'Tandem <tandem@example.test>',
  smtpUrl: 'smtp://127.0.0.1:1',
  publicUrl: 'https://tandem.example.test',
};
let t: TestApp;
let po: TestUser;
let vips: TestUser[];
let reviewId: string;

const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  t.pool.query<T & Record<string, unknown>>(sql, params).then((r) => r.rows);
const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const invite = async (userIds: string[]) => {
  const res = await t.call(po, {
    method: 'POST',
    url: `/api/v1/reviews/${reviewId}/invitations`,
    payload: { userIds },
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().invitations as { userId: string; url: string }[]).map((i) => ({
    userId: i.userId,
    token: i.url.split('/feedback/')[1]!,
  }));
};
const fanOut = (mail: MailSetup = setup) =>
  t.store.transaction((r) => fanOutInvitations(r, mail, reviewId, po.id));
const invitationMails = () =>
  q<{ key: string; recipient_id: string; text: string }>(
    `select key, recipient_id, text from mail_deliveries where kind = 'review_invitation' order by key`,
  );

beforeAll(async () => {
  t = await createTestApp({ mail: setup });
  // The queue's schema and the subscriptions, with no worker: reactions wait, the test runs them by hand.
  await startReactions({
    store: t.store,
    databaseUrl: t.pool.options.connectionString!,
    log: createLogger('silent'),
    subscribers: allJobs,
    work: false,
  });
  po = await t.user('Olive Owner');
  vips = [await t.user('Vera Vip'), await t.user('Victor Vip'), await t.user('Valerie Vip')];
  const product = await t.product(po, 'League', 'LG');
  for (const v of vips) await t.addMember(po, product.id, v, 'stakeholder');
  const item = await t.call(po, {
    method: 'POST',
    url: `/api/v1/products/${product.id}/items`,
    payload: { type: 'story', title: 'Export fixtures', problem: 'Clubs retype fixtures.' },
  });
  const sprint = await t.call(po, {
    method: 'POST',
    url: `/api/v1/products/${product.id}/sprints`,
    payload: { name: 'Sprint 7', goal: 'Ship', startDate: '2026-11-16', endDate: '2026-11-27' },
  });
  await t.pool.query(
    `insert into sprint_items (sprint_id, item_id, product_id, review) values ($1, $2, $3, 'accepted')`,
    [sprint.json().id, item.json().id, product.id],
  );
  const review = await t.call(po, {
    method: 'POST',
    url: `/api/v1/sprints/${sprint.json().id}/review`,
    payload: {},
  });
  expect(review.statusCode, review.body).toBe(201);
  reviewId = review.json().id;
});

describe('a review invitation’s mails', () => {
  it('the request writes one row of fresh links and no mail; the reaction mails each person once', async () => {
    const links = await invite(vips.map((v) => v.id));
    const [batch, ...more] = await q<{ user_ids: string[]; tokens: string[] }>(
      'select user_ids, tokens from invitation_mail_batches',
    );
    expect(more).toHaveLength(0);
    expect(batch!.user_ids).toEqual(links.map((l) => l.userId));
    expect(batch!.tokens).toEqual(links.map((l) => l.token));
    expect(await invitationMails()).toHaveLength(0);
    // The event queued its reaction; nothing else was queued for the mails.
    const jobs = await q<{ task_identifier: string }>('select task_identifier from graphile_worker.jobs');
    expect(jobs.map((j) => j.task_identifier)).toContain('review-invitation-mail');

    expect(await fanOut()).toBe(3);
    const mails = await invitationMails();
    expect(mails.map((m) => m.key).sort()).toEqual(links.map((l) => `invite:${hash(l.token)}`).sort());
    for (const l of links) {
      const mail = mails.find((m) => m.recipient_id === l.userId)!;
      expect(mail.text).toContain(`https://tandem.example.test/feedback/${l.token}`);
      expect(mail.text).toContain('Olive Owner invites you to tell the team what you think');
      expect(mail.text).toContain('Sprint 7');
    }
    expect(await q('select 1 from invitation_mail_batches')).toHaveLength(0);
    // Run again (a retried job): nothing more.
    expect(await fanOut()).toBe(0);
    expect(await invitationMails()).toHaveLength(3);
  });

  it('a link replaced before the reaction ran is not mailed; its replacement is', async () => {
    await t.pool.query(`delete from mail_deliveries`);
    const first = await invite([vips[0]!.id, vips[1]!.id]);
    const again = await invite([vips[0]!.id]);
    expect(await q('select 1 from invitation_mail_batches')).toHaveLength(2);
    expect(await fanOut()).toBe(2);
    const keys = (await invitationMails()).map((m) => m.key).sort();
    expect(keys).toEqual([`invite:${hash(again[0]!.token)}`, `invite:${hash(first[1]!.token)}`].sort());
    expect(keys).not.toContain(`invite:${hash(first[0]!.token)}`);
  });

  it('with mail off the waiting tokens are dropped, not kept in clear', async () => {
    await t.pool.query(`delete from mail_deliveries`);
    await invite([vips[2]!.id]);
    expect(await q('select 1 from invitation_mail_batches')).toHaveLength(1);
    expect(await fanOut(MAIL_OFF)).toBe(0);
    expect(await q('select 1 from invitation_mail_batches')).toHaveLength(0);
    expect(await invitationMails()).toHaveLength(0);
  });

  it('an upgrade keeps the mails of batches queued in the JSON format of migration 0501', async () => {
    const links = await invite([vips[1]!.id, vips[2]!.id]);
    await t.pool.query('delete from invitation_mail_batches');
    // The database as the previous version left it: the old table, one batch and its job.
    await t.pool.query(`
      create table mail_batches (id uuid primary key default gen_random_uuid(), key text not null unique,
                                 payload jsonb not null, created_at timestamptz not null default now())`);
    const expiresAt = '2026-12-24T12:00:00.000Z';
    const [old] = await q<{ id: string }>(
      `insert into mail_batches (key, payload) values ($1, $2) returning id`,
      [
        `invite:${hash(links[0]!.token)}`,
        JSON.stringify({
          review: { productId: null, actorId: po.id, sprintName: 'Sprint 7', closesAt: null },
          links: [
            ...links.map((l) => ({ ...l, tokenHash: hash(l.token), expiresAt })),
            // A link replaced since: it has no row in review_invitations any more, and is left behind.
            { userId: vips[0]!.id, token: 'tfb_gone', tokenHash: hash('tfb_gone'), expiresAt },
          ],
        }),
      ],
    );
    await t.pool.query(
      `select graphile_worker.add_job('mail-fanout', json_build_object('id', $1::text),
                          job_key := 'mail-fanout:' || $1)`,
      [old!.id],
    );
    await t.pool.query(`delete from schema_migrations where name = '0530_invitation_mail_batches.sql'`);
    await t.pool.query('drop table invitation_mail_batches');

    expect((await migrate(t.pool)).applied).toEqual(['0530_invitation_mail_batches.sql']);
    const [moved, ...more] = await q<{ user_ids: string[]; tokens: string[]; expires_at: Date }>(
      'select user_ids, tokens, expires_at from invitation_mail_batches where review_id = $1',
      [reviewId],
    );
    expect(more).toHaveLength(0);
    expect(moved!.user_ids).toEqual(links.map((l) => l.userId));
    expect(moved!.tokens).toEqual(links.map((l) => l.token));
    expect(moved!.expires_at.toISOString()).toBe(expiresAt);
    expect(await q(`select to_regclass('mail_batches') as t`)).toEqual([{ t: null }]);
    const tasks = (
      await q<{ task_identifier: string; key: string | null }>(
        'select task_identifier, key from graphile_worker.jobs',
      )
    ).map((j) => j.task_identifier);
    expect(tasks).not.toContain('mail-fanout');
    const [latest] = await q<{ id: string }>(
      `select max(id) as id from events where type = 'review.invited' and entity_id = $1`,
      [reviewId],
    );
    expect(
      await q(`select 1 from graphile_worker.jobs where key = $1`, [`review-invitation-mail:${latest!.id}`]),
    ).toHaveLength(1);

    await t.pool.query(`delete from mail_deliveries`);
    expect(await fanOut()).toBe(2);
  });
});
