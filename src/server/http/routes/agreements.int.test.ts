import { beforeAll, describe, expect, it } from 'vitest';
import { MAIL_OFF } from '#app/mail/ports.ts';
import { toStoredEvent } from '#app/reactions/stored-event.ts';
import type { AgreementDetail } from '#contracts/agreements.ts';
import { agreementAckNotices, agreementCommentNotices } from '#jobs/agreement-notices.job.ts';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '#testing/harness.ts';

const HOUR = 3_600_000;
let clock = new Date('2026-12-01T09:00:00Z');
let t: TestApp;
let po: TestUser;
let dan: TestUser;
let tess: TestUser;
let sam: TestUser;
let vera: TestUser;
let carl: TestUser;
let stranger: TestUser;
let productId: string;
let agreementId: string;
let otherId: string;

const at = (hours: number) => new Date(clock.getTime() + hours * HOUR).toISOString();
const get = async (as: TestUser, id = agreementId) =>
  t.call(as, { method: 'GET', url: `/api/v1/agreements/${id}` });
const propose = (as: TestUser, payload: object, headers: Record<string, string> = {}) =>
  t.call(as, { method: 'POST', url: `/api/v1/agreements/${agreementId}/versions`, payload, headers });
const comment = (as: TestUser, version: number, paragraph: number, text: string) =>
  t.call(as, {
    method: 'POST',
    url: `/api/v1/agreements/${agreementId}/versions/${version}/comments`,
    payload: { paragraph, text },
  });
const acknowledge = (as: TestUser) =>
  t.call(as, { method: 'POST', url: `/api/v1/agreements/${agreementId}/acknowledge` });
const count = async (sql: string, params: unknown[] = []) =>
  Number((await t.pool.query<{ n: string }>(sql, params)).rows[0]!.n);

/** Sessions age with the test clock: after a jump of days everyone signs in again. */
async function travel(hours: number) {
  clock = new Date(clock.getTime() + hours * HOUR);
  for (const u of [po, dan, tess, sam, vera, carl, stranger]) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'http://localhost', host: 'localhost' },
      payload: { email: u.email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    u.cookie = String(res.headers['set-cookie']).split(';')[0]!;
  }
}

const V1 = `## Who decides the fix

The engineers propose the fix; the PO updates the timeline.

## Tech lead approval

Changes to the integration flow need the tech lead's approval.`;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  po = await t.user('Priya PO');
  dan = await t.user('Dan Dev');
  tess = await t.user('Tess Techlead');
  sam = await t.user('Sam Scrum');
  vera = await t.user('Vera Viewer');
  carl = await t.user('Carl Customer');
  stranger = await t.user('Stranger');
  productId = (await t.product(po, 'Notification Service', 'AGR')).id;
  await t.addMember(po, productId, dan, 'team');
  await t.addMember(po, productId, tess, 'team');
  await t.addMember(po, productId, sam, 'facilitator');
  await t.addMember(po, productId, vera, 'viewer');
  await t.addMember(po, productId, carl, 'stakeholder');
});

describe('working agreements', () => {
  it('are started by the PO or the team, from a template, once per Idempotency-Key', async () => {
    const body = { title: 'How we handle urgent bugs', template: 'urgent-bugs' };
    const headers = { 'idempotency-key': 'agreement-create-1' };
    const url = `/api/v1/products/${productId}/agreements`;
    const first = await t.call(dan, { method: 'POST', url, payload: body, headers });
    expect(first.statusCode).toBe(201);
    const a = first.json() as AgreementDetail;
    expect(a).toMatchObject({ status: 'draft', shared: false, effectiveVersion: null, versions: [] });
    expect(a.draft).toMatch(/tech lead's approval/);
    expect(a.roles).toEqual(['owner', 'team', 'facilitator', 'viewer']);
    const again = await t.call(dan, { method: 'POST', url, payload: body, headers });
    expect(again.json().id).toBe(a.id);
    expect(await count(`select count(*) as n from agreements where product_id = $1`, [productId])).toBe(1);
    agreementId = a.id;
    for (const who of [sam, vera, carl])
      expect((await t.call(who, { method: 'POST', url, payload: body })).statusCode, who.name).toBe(403);
    expect((await t.call(stranger, { method: 'POST', url, payload: body })).statusCode).toBe(404);
    expect(
      (await t.call(dan, { method: 'POST', url, payload: { title: '' } })).json().error.fields,
    ).toHaveProperty('title');
  });

  it('are shown to stakeholders only once the PO shares them; strangers get 404', async () => {
    const list = (as: TestUser) =>
      t.call(as, { method: 'GET', url: `/api/v1/products/${productId}/agreements` });
    expect((await list(carl)).json().agreements).toEqual([]);
    expect((await get(carl)).statusCode).toBe(404);
    expect((await get(stranger)).statusCode).toBe(404);
    const share = (as: TestUser, version: string) =>
      t.call(as, {
        method: 'PATCH',
        url: `/api/v1/agreements/${agreementId}`,
        payload: { shared: true },
        headers: { 'if-match': version },
      });
    expect((await share(dan, '1')).statusCode).toBe(403);
    expect((await share(po, '1')).statusCode).toBe(200);
    const stale = await share(po, '1');
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current).toMatchObject({ version: 2, shared: true });
    expect((await list(carl)).json().agreements.map((a: { id: string }) => a.id)).toEqual([agreementId]);
    const seen = await get(carl);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ draft: null, acknowledgements: null });
  });

  it('a version in effect from now asks everyone named to acknowledge it, each once', async () => {
    const res = await propose(dan, { body: V1, effectiveFrom: clock.toISOString() });
    expect(res.statusCode).toBe(201);
    const a = res.json() as AgreementDetail;
    expect(a).toMatchObject({ status: 'effective', effectiveVersion: 1, pendingVersion: null, draft: null });
    expect(a.versions[0]).toMatchObject({ number: 1, status: 'effective', commentsOpen: false });
    expect(a.versions[0]!.proposedBy?.name).toBe('Dan Dev');
    expect(a.acknowledgements!.pending.map((m) => m.name)).toEqual([
      'Dan Dev',
      'Priya PO',
      'Sam Scrum',
      'Tess Techlead',
      'Vera Viewer',
    ]);
    expect(
      (await acknowledge(dan)).json().acknowledgements.acknowledged.map((m: { name: string }) => m.name),
    ).toEqual(['Dan Dev']);
    const twice = await acknowledge(dan);
    expect(twice.json()).toMatchObject({ acknowledgedByMe: true, can: { acknowledge: false } });
    await acknowledge(po);
    expect(await count(`select count(*) as n from events where type = 'agreement.acknowledged'`)).toBe(2);
    expect(await count(`select count(*) as n from events where type = 'agreement.effective'`)).toBe(1);
    expect((await acknowledge(carl)).statusCode).toBe(403);
  });

  it('an effective version cannot be edited, only superseded', async () => {
    const edit = await t.call(dan, {
      method: 'PATCH',
      url: `/api/v1/agreements/${agreementId}/versions/1`,
      payload: { body: 'Something else' },
      headers: { 'if-match': '1' },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('agreement_version_final');
    expect((await get(dan)).json().versions[0].body).toBe(V1);
    // The same text again is no new version.
    const same = await propose(dan, { body: V1, effectiveFrom: at(48) });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.fields).toHaveProperty('body');
  });

  it('a proposal takes comments per paragraph until its period ends, anchored to the text', async () => {
    const v2 = `${V1}\n\n## Workarounds\n\nA workaround is debt with a repayment item.`;
    const bad = await propose(tess, { body: v2, commentUntil: at(50), effectiveFrom: at(48) });
    expect(bad.json().error.fields).toHaveProperty('commentUntil');
    expect((await propose(tess, { body: v2, effectiveFrom: at(-2) })).json().error.fields).toHaveProperty(
      'effectiveFrom',
    );
    const res = await propose(tess, { body: v2, commentUntil: at(24), effectiveFrom: at(48) });
    expect(res.statusCode).toBe(201);
    const a = res.json() as AgreementDetail;
    expect(a).toMatchObject({ effectiveVersion: 1, pendingVersion: 2, status: 'effective' });
    expect(
      a.versions[0]!.diff.filter((p) => p.kind === 'added').map((p) => ('text' in p ? p.text : '')),
    ).toEqual(['## Workarounds', 'A workaround is debt with a repayment item.']);
    expect((await comment(vera, 2, 3, 'Does this need the tech lead too?')).statusCode).toBe(201);
    expect((await comment(sam, 2, 5, 'Say who writes the repayment item.')).statusCode).toBe(201);
    expect((await comment(carl, 2, 1, 'As a customer…')).statusCode).toBe(403);
    expect((await comment(dan, 2, 99, 'Nowhere')).json().error.fields).toHaveProperty('paragraph');
    expect((await comment(dan, 1, 1, 'Too late')).json().error.code).toBe('comment_period_closed');

    // The proposer rewords the last paragraph: its comment is outdated, the other one stays put.
    const revised = await t.call(tess, {
      method: 'PATCH',
      url: `/api/v1/agreements/${agreementId}/versions/2`,
      payload: { body: v2.replace('with a repayment item.', 'with a repayment item and a due sprint.') },
      headers: { 'if-match': '1' },
    });
    expect(revised.statusCode).toBe(200);
    const comments = (revised.json() as AgreementDetail).versions[0]!.comments.sort(
      (a, b) => a.paragraph - b.paragraph,
    );
    expect(comments.map((c) => [c.paragraph, c.currentParagraph])).toEqual([
      [3, 3],
      [5, null],
    ]);
    expect(comments[1]!.quote).toBe('A workaround is debt with a repayment item.');

    await travel(24);
    const late = await comment(vera, 2, 3, 'One more thing');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('comment_period_closed');
    expect((await get(vera)).json().versions[0]).toMatchObject({ status: 'proposed', commentsOpen: false });
  });

  it('a retried proposal is one version; a newer proposal withdraws the pending one', async () => {
    const other = await t.call(po, {
      method: 'POST',
      url: `/api/v1/products/${productId}/agreements`,
      payload: { title: 'What protects the sprint', template: 'sprint-protection' },
    });
    const id = other.json().id as string;
    otherId = id;
    const send = (body: string, key: string) =>
      t.call(po, {
        method: 'POST',
        url: `/api/v1/agreements/${id}/versions`,
        payload: { body, commentUntil: at(10), effectiveFrom: at(20) },
        headers: { 'idempotency-key': key },
      });
    const first = await send('The sprint is closed to change.', 'propose-1');
    const retry = await send('The sprint is closed to change.', 'propose-1');
    expect(retry.json()).toEqual(first.json());
    expect(await count(`select count(*) as n from agreement_versions where agreement_id = $1`, [id])).toBe(1);
    const newer = await send('The sprint is closed to change unless the team agrees.', 'propose-2');
    expect((newer.json() as AgreementDetail).versions.map((v) => [v.number, v.status])).toEqual([
      [2, 'proposed'],
      [1, 'withdrawn'],
    ]);
    // Withdrawn: comments on it are closed, and the clock never puts it in effect.
    expect(
      (
        await t.call(dan, {
          method: 'POST',
          url: `/api/v1/agreements/${id}/versions/1/comments`,
          payload: { paragraph: 0, text: 'Late' },
        })
      ).json().error.code,
    ).toBe('comment_period_closed');
  });

  it('becomes effective when its date passes, and a new version asks everyone again', async () => {
    await travel(24);
    const a = (await get(dan)).json() as AgreementDetail;
    expect(a.versions.map((v) => [v.number, v.status])).toEqual([
      [2, 'effective'],
      [1, 'superseded'],
    ]);
    expect(a.acknowledgements).toMatchObject({ version: 2, acknowledged: [] });
    expect(a.acknowledgements!.pending.map((m) => m.name)).toContain('Dan Dev');
    expect(a.can.acknowledge).toBe(true);
    // The clock job records the event once, however often it runs.
    // Two versions came due: this one and the other agreement's version 2; its withdrawn version 1 never.
    expect(await t.services.agreements.recordDue()).toBe(2);
    expect(await t.services.agreements.recordDue()).toBe(0);
    const effective = await t.pool.query<{ entity_id: string; v: number }>(
      `select entity_id, (after->>'version')::int as v from events where type = 'agreement.effective' order by id`,
    );
    expect(effective.rows.map((e) => [e.entity_id, e.v])).toEqual([
      [agreementId, 1],
      // In the order their dates came.
      [otherId, 2],
      [agreementId, 2],
    ]);
    const acked = (await acknowledge(dan)).json() as AgreementDetail;
    expect(acked.acknowledgements!.acknowledged.map((m) => m.name)).toEqual(['Dan Dev']);
    expect(await count(`select count(*) as n from agreement_acknowledgements where version = 1`)).toBe(2);
  });

  it('tells the members by notice: comment period (not the proposer), then acknowledge, once each', async () => {
    const events = (
      await t.pool.query<{ id: string }>(
        `select id from events where type in ('agreement.proposed', 'agreement.effective') order by id`,
      )
    ).rows;
    for (let run = 0; run < 2; run++)
      for (const { id } of events)
        await t.store.transaction(async (r) => {
          const e = toStoredEvent((await r.events.byId(Number(id)))!);
          if (e.type === 'agreement.proposed')
            await agreementCommentNotices.handle(e, { repos: r, attempt: 1, mail: MAIL_OFF });
          if (e.type === 'agreement.effective')
            await agreementAckNotices.handle(e, { repos: r, attempt: 1, mail: MAIL_OFF });
        });
    const notices = (
      await t.pool.query<{ recipient: string; title: string }>(
        `select u.name as recipient, n.title from notices n join users u on u.id = n.recipient_id
          where n.kind = 'agreement' and n.agreement_id = $1 order by n.title, u.name`,
        [agreementId],
      )
    ).rows;
    const comments = notices.filter((n) => n.title.startsWith('Comment on')).map((n) => n.recipient);
    expect(comments).toEqual(['Dan Dev', 'Priya PO', 'Sam Scrum', 'Vera Viewer']);
    const acks = notices.filter((n) => n.title.startsWith('Please acknowledge'));
    // Two versions took effect: five people asked for each.
    expect(acks).toHaveLength(10);
    expect(notices.some((n) => n.recipient === 'Carl Customer')).toBe(false);
    const bell = await t.call(vera, { method: 'GET', url: '/api/v1/me/notifications' });
    expect(bell.json().notifications[0]).toMatchObject({ kind: 'agreement', agreementId });
  });
});
