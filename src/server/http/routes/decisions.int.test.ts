import { beforeAll, describe, expect, it } from 'vitest';
import { flagContradictions } from '#app/decisions/contradictions.ts';
import { markOverdueRepayments } from '#app/decisions/repayments-due.ts';
import { toStoredEvent } from '#app/reactions/stored-event.ts';
import { allJobs } from '#capabilities/index.ts';
import { type Reactions, startReactions } from '#jobs/reactions.ts';
import { createLogger } from '#server/logger.ts';
import { eventually } from '#testing/eventually.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/**
 * Decision records and workarounds (issue 13, seed 002) through the API, with the real reaction
 * worker: an accepted decision's rules flag the change that goes around them, once, with the
 * cause's actor; its participants hear of it; a workaround is refused without its repayment.
 */
let t: TestApp;
let worker: Reactions;
let po: TestUser;
let tina: TestUser;
let tom: TestUser;
let vera: TestUser;
let stan: TestUser;
let stranger: TestUser;
let productId: string;
let defectId: string;
let digestId: string;
let sprint12: string;

const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  t.pool.query<T & Record<string, unknown>>(sql, params).then((r) => r.rows);
const count = async (sql: string, params: unknown[] = []) =>
  Number((await q<{ n: string }>(sql, params))[0]!.n);

const queueEmpty = () =>
  eventually(async () => (await count('select count(*) as n from graphile_worker.jobs')) === 0);

const api = (as: TestUser, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.call(as, { method, url, ...(payload ? { payload } : {}) });
const item = async (title: string, type = 'story') => {
  const r = await api(po, 'POST', `/api/v1/products/${productId}/items`, {
    type,
    title,
    problem: `${title} hurts our customers.`,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
};
const decide = async (as: TestUser, payload: object) => {
  const r = await api(as, 'POST', `/api/v1/products/${productId}/decisions`, {
    context: 'Some notifications go out twice.',
    decision: 'Fix the root cause in sprint 12.',
    ...payload,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
};
const accept = async (id: string, as: TestUser = po) => {
  const r = await api(as, 'POST', `/api/v1/decisions/${id}/accept`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const flags = (decisionId: string) =>
  q<{ actor_id: string; cause_event_id: string; summary: string }>(
    `select actor_id, cause_event_id, summary from decision_contradictions where decision_id = $1 order by at`,
    [decisionId],
  );

beforeAll(async () => {
  t = await createTestApp();
  worker = await startReactions({
    store: t.store,
    databaseUrl: t.pool.options.connectionString!,
    log: createLogger('silent'),
    subscribers: allJobs,
    pollInterval: 100,
    heartbeatMs: 500,
  });
  po = await t.user('Olive Owner');
  tina = await t.user('Tina Lead');
  tom = await t.user('Tom Team');
  vera = await t.user('Vera Viewer');
  stan = await t.user('Stan Stakeholder');
  stranger = await t.user('Sam Stranger');
  productId = (await t.product(po, 'Notification Service', 'NOTIF')).id;
  await t.addMember(po, productId, tina, 'team');
  await t.addMember(po, productId, tom, 'team');
  await t.addMember(po, productId, vera, 'viewer');
  await t.addMember(po, productId, stan, 'stakeholder');
  defectId = await item('Duplicate emails', 'defect');
  digestId = await item('Weekly digest');
  const s = await api(tina, 'POST', `/api/v1/products/${productId}/sprints`, {
    name: 'Sprint 12',
    startDate: '2026-11-23',
    endDate: '2026-12-04',
  });
  expect(s.statusCode, s.body).toBe(201);
  sprint12 = s.json().id;
  return () => worker.stop();
});

describe('decision records', () => {
  it('are proposed with their sections, items, participants and rules in words', async () => {
    const d = await decide(po, {
      title: 'Fix the duplicate emails properly',
      consequences: 'Customers see a few more duplicates this week.',
      itemIds: [defectId],
      participants: [po.id, tina.id, tom.id],
      rules: [{ kind: 'stays_in_sprint', itemId: defectId, sprintId: sprint12 }],
    });
    expect(d).toMatchObject({
      number: 1,
      status: 'proposed',
      acceptedAt: null,
      proposedBy: { id: po.id, name: 'Olive Owner' },
      items: [{ id: defectId, key: 'NOTIF-1', title: 'Duplicate emails' }],
      rules: [{ words: 'NOTIF-1 stays in Sprint 12' }],
      contradictions: [],
      can: { accept: true, supersede: false },
    });
    expect(d.participants.map((p: { name: string }) => p.name)).toEqual([
      'Olive Owner',
      'Tina Lead',
      'Tom Team',
    ]);
    const list = await api(vera, 'GET', `/api/v1/products/${productId}/decisions`);
    expect(list.statusCode).toBe(200);
    expect(list.json().decisions[0]).toMatchObject({ id: d.id, status: 'proposed', contradictions: 0 });
  });

  it('name each bad field: foreign items, strangers as participants, unknown rule targets', async () => {
    const other = (await t.product(stranger, 'Elsewhere', 'ELSE')).id;
    const foreign = await api(stranger, 'POST', `/api/v1/products/${other}/items`, {
      type: 'story',
      title: 'Not yours',
      problem: 'Someone else has it.',
    });
    const r = await api(po, 'POST', `/api/v1/products/${productId}/decisions`, {
      title: 'Bad refs',
      context: 'c',
      decision: 'd',
      itemIds: [foreign.json().id],
      participants: [stranger.id, stan.id],
      rules: [
        { kind: 'no_scope_change', sprintId: defectId },
        { kind: 'done_before', itemId: digestId, beforeItemId: digestId },
      ],
    });
    expect(r.statusCode).toBe(400);
    expect(Object.keys(r.json().error.fields).sort()).toEqual([
      'itemIds',
      'participants',
      'rules.0.sprintId',
      'rules.1.beforeItemId',
    ]);
    const empty = await api(po, 'POST', `/api/v1/products/${productId}/decisions`, { title: '' });
    expect(Object.keys(empty.json().error.fields).sort()).toEqual(['context', 'decision', 'title']);
  });

  it('are accepted by the PO, or by the team when technical, once', async () => {
    const product = await decide(tina, { title: 'Ship the digest on Mondays' });
    const teamTry = await api(tina, 'POST', `/api/v1/decisions/${product.id}/accept`);
    expect(teamTry.statusCode).toBe(403);
    const accepted = await accept(product.id);
    expect(accepted).toMatchObject({ status: 'accepted', acceptedBy: { id: po.id }, can: { accept: false } });
    expect((await api(po, 'POST', `/api/v1/decisions/${product.id}/accept`)).statusCode).toBe(409);
    const technical = await decide(tina, { title: 'Idempotency keys on sends', technical: true });
    expect((await accept(technical.id, tom)).status).toBe('accepted');
    const viewerTry = await api(vera, 'POST', `/api/v1/decisions/${technical.id}/accept`);
    expect(viewerTry.statusCode).toBe(403);
  });

  it('are superseded only when accepted, by another decision of the product', async () => {
    const old = await decide(po, { title: 'Digest on Fridays' });
    const next = await decide(po, { title: 'Digest on Mondays instead' });
    const early = await api(po, 'POST', `/api/v1/decisions/${old.id}/supersede`, { byDecisionId: next.id });
    expect(early.statusCode).toBe(409);
    await accept(old.id);
    const self = await api(po, 'POST', `/api/v1/decisions/${old.id}/supersede`, { byDecisionId: old.id });
    expect(self.json().error.fields).toEqual({ byDecisionId: 'A decision cannot supersede itself' });
    const done = await api(po, 'POST', `/api/v1/decisions/${old.id}/supersede`, { byDecisionId: next.id });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'superseded',
      supersededBy: { id: next.id, title: 'Digest on Mondays instead' },
    });
  });

  it('are hidden from strangers (404) and closed to stakeholders (403)', async () => {
    const d = await decide(po, { title: 'Private' });
    expect((await api(stranger, 'GET', `/api/v1/decisions/${d.id}`)).statusCode).toBe(404);
    expect((await api(stranger, 'GET', `/api/v1/products/${productId}/decisions`)).statusCode).toBe(404);
    expect((await api(stan, 'GET', `/api/v1/decisions/${d.id}`)).statusCode).toBe(403);
    expect((await api(stan, 'GET', `/api/v1/items/${defectId}/decisions`)).statusCode).toBe(403);
  });
});

describe('workarounds must be repaid (seed 002)', () => {
  it('refuses a workaround without a repayment item, naming repayment, and changes nothing', async () => {
    const target = await item('Bounced emails', 'defect');
    const r = await api(po, 'POST', `/api/v1/items/${target}/resolve`, { resolution: 'workaround' });
    expect(r.statusCode).toBe(400);
    expect(Object.keys(r.json().error.fields)).toEqual(['repayment']);
    const noDue = await api(po, 'POST', `/api/v1/items/${target}/resolve`, {
      resolution: 'workaround',
      repayment: { title: 'Replace it' },
    });
    expect(noDue.json().error.fields.repayment).toMatch(/due sprint or a due date/);
    expect(
      await count(`select count(*) as n from items where product_id = $1 and type = 'debt'`, [productId]),
    ).toBe(0);
    expect((await q(`select status from items where id = $1`, [target]))[0]!.status).toBe('new');
  });

  it('resolves by a fix without any repayment', async () => {
    const target = await item('Wrong sender name', 'defect');
    const r = await api(tina, 'POST', `/api/v1/items/${target}/resolve`, { resolution: 'fixed' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ resolution: 'fixed', status: 'done', repaymentItemId: null });
    const again = await api(tina, 'POST', `/api/v1/items/${target}/resolve`, { resolution: 'fixed' });
    expect(again.statusCode).toBe(409);
  });

  it('flags the PO’s workaround against the accepted "no workaround" decision, once, as hers', async () => {
    const d = await decide(po, {
      title: 'Fix the root cause in sprint 12, no workaround',
      itemIds: [defectId],
      participants: [po.id, tina.id, tom.id],
      rules: [
        { kind: 'no_workaround', itemId: defectId },
        { kind: 'stays_in_sprint', itemId: defectId, sprintId: sprint12 },
      ],
    });
    await accept(d.id);
    const r = await api(po, 'POST', `/api/v1/items/${defectId}/resolve`, {
      resolution: 'workaround',
      repayment: { title: 'Replace the push-queue workaround with the agreed fix', dueSprintId: sprint12 },
    });
    expect(r.statusCode, r.body).toBe(200);
    const repaymentItemId = r.json().repaymentItemId as string;
    expect(r.json()).toMatchObject({ resolution: 'workaround', status: 'done' });
    const [debt] = await q(`select type, title from items where id = $1`, [repaymentItemId]);
    expect(debt).toEqual({ type: 'debt', title: 'Replace the push-queue workaround with the agreed fix' });
    const [link] = await q(`select kind, from_item_id, to_item_id from item_links where from_item_id = $1`, [
      repaymentItemId,
    ]);
    expect(link).toEqual({ kind: 'repays', from_item_id: repaymentItemId, to_item_id: defectId });

    await queueEmpty();
    const rows = await flags(d.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_id: po.id,
      summary:
        'NOTIF-1 was resolved by a workaround, though the decision says: NOTIF-1 is fixed at the root cause: no workaround.',
    });
    const view = (await api(tom, 'GET', `/api/v1/decisions/${d.id}`)).json();
    expect(view.contradictions).toEqual([
      expect.objectContaining({
        actorId: po.id,
        actorName: 'Olive Owner',
        itemId: defectId,
        summary: rows[0]!.summary,
      }),
    ]);
    // The event is recorded once, as the PO's; checking the same cause again adds nothing.
    const events = await q<{ actor_id: string; after: { causeEventId: number } }>(
      `select actor_id, after from events where type = 'decision.contradicted' and entity_id = $1`,
      [d.id],
    );
    expect(events).toEqual([expect.objectContaining({ actor_id: po.id })]);
    const cause = await t.store.read.events.byId(events[0]!.after.causeEventId);
    const again = await t.store.transaction((tx) =>
      flagContradictions(tx, toStoredEvent(cause!) as Parameters<typeof flagContradictions>[1]),
    );
    expect(again).toBe(0);
    expect(await flags(d.id)).toHaveLength(1);

    // The participants hear of it, the one who made the change does not.
    await queueEmpty();
    const notices = await q<{ recipient_id: string; title: string }>(
      `select recipient_id, title from notices where kind = 'decision_contradicted' and product_id = $1`,
      [productId],
    );
    expect(notices.map((n) => n.recipient_id).sort()).toEqual([tina.id, tom.id].sort());
    expect(notices[0]!.title).toMatch(
      /went around decision \d+: Fix the root cause in sprint 12, no workaround/,
    );

    // The item panel shows the flag, the resolution and the open repayment.
    const panel = (await api(vera, 'GET', `/api/v1/items/${defectId}/decisions`)).json();
    expect(panel.contradictions).toHaveLength(1);
    expect(panel.resolution).toMatchObject({ resolution: 'workaround', resolvedBy: { id: po.id } });
    expect(panel.repayments).toEqual([
      expect.objectContaining({
        itemId: repaymentItemId,
        dueSprint: { id: sprint12, name: 'Sprint 12' },
        state: 'open',
      }),
    ]);
  });
});

describe('contradiction flags per rule', () => {
  it('stays_in_sprint: taking the item out of the agreed sprint is flagged as the remover’s', async () => {
    const x = await item('Retry storms');
    await q(`update items set status = 'ready', size = 3 where id = $1`, [x]);
    const add = await api(tina, 'POST', `/api/v1/sprints/${sprint12}/items/${x}`, {});
    expect(add.statusCode, add.body).toBe(200);
    const d = await decide(po, {
      title: 'Retry storms in sprint 12',
      rules: [{ kind: 'stays_in_sprint', itemId: x, sprintId: sprint12 }],
    });
    await accept(d.id);
    const out = await t.call(tom, {
      method: 'DELETE',
      url: `/api/v1/sprints/${sprint12}/items/${x}`,
      payload: {},
    });
    expect(out.statusCode, out.body).toBe(200);
    await queueEmpty();
    const rows = await flags(d.id);
    expect(rows).toEqual([expect.objectContaining({ actor_id: tom.id })]);
    expect(rows[0]!.summary).toMatch(/was taken out of Sprint 12/);
  });

  it('done_before: finishing the later item first is flagged; in the agreed order it is not', async () => {
    const first = await item('Dedupe sends');
    const later = await item('Digest');
    const d = await decide(tina, {
      title: 'Dedupe before digest',
      technical: true,
      rules: [{ kind: 'done_before', itemId: first, beforeItemId: later }],
    });
    await accept(d.id, tina);
    const r = await api(tom, 'POST', `/api/v1/items/${later}/resolve`, { resolution: 'fixed' });
    expect(r.statusCode, r.body).toBe(200);
    await queueEmpty();
    expect(await flags(d.id)).toEqual([expect.objectContaining({ actor_id: tom.id })]);
    // Judged as things stood at the change: a check that runs after the first item was finished
    // too (a worker behind) still flags it.
    const fix = await api(tom, 'POST', `/api/v1/items/${first}/resolve`, { resolution: 'fixed' });
    expect(fix.statusCode, fix.body).toBe(200);
    await queueEmpty();
    const [row] = await q<{ cause_event_id: string }>(
      `select cause_event_id from decision_contradictions where decision_id = $1`,
      [d.id],
    );
    await q(`delete from decision_contradictions where decision_id = $1`, [d.id]);
    const cause = await t.store.read.events.byId(Number(row!.cause_event_id));
    const late = await t.store.transaction((tx) =>
      flagContradictions(tx, toStoredEvent(cause!) as Parameters<typeof flagContradictions>[1]),
    );
    expect(late).toBe(1);
  });

  it('no_workaround: a workaround item linked to the decided item is flagged', async () => {
    const target = await item('Slow SMTP', 'defect');
    const d = await decide(po, {
      title: 'Fix SMTP properly',
      rules: [{ kind: 'no_workaround', itemId: target }],
    });
    await accept(d.id);
    const hack = await api(po, 'POST', `/api/v1/products/${productId}/items`, {
      type: 'story',
      title: 'Send through the push queue',
      problem: 'Emails are slow.',
      labels: ['workaround'],
    });
    const link = await api(po, 'POST', `/api/v1/items/${hack.json().id}/links`, {
      kind: 'relates',
      toItemId: target,
    });
    expect(link.statusCode, link.body).toBe(201);
    await queueEmpty();
    const rows = await flags(d.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.summary).toMatch(/\(a workaround\) was filed against/);
  });

  it('no_scope_change: adding to the sprint is flagged; proposed and superseded decisions flag nothing', async () => {
    const s = await api(tina, 'POST', `/api/v1/products/${productId}/sprints`, {
      name: 'Sprint 13',
      startDate: '2026-12-07',
      endDate: '2026-12-18',
    });
    const sprint13 = s.json().id as string;
    const proposed = await decide(po, {
      title: 'Lock sprint 13 (draft)',
      rules: [{ kind: 'no_scope_change', sprintId: sprint13 }],
    });
    const retired = await decide(po, {
      title: 'Lock sprint 13 (old)',
      rules: [{ kind: 'no_scope_change', sprintId: sprint13 }],
    });
    await accept(retired.id);
    await api(po, 'POST', `/api/v1/decisions/${retired.id}/supersede`, { byDecisionId: proposed.id });
    const live = await decide(po, {
      title: 'Lock sprint 13',
      rules: [{ kind: 'no_scope_change', sprintId: sprint13 }],
    });
    await accept(live.id);
    const x = await item('Late addition');
    await q(`update items set status = 'ready', size = 2 where id = $1`, [x]);
    const add = await api(tina, 'POST', `/api/v1/sprints/${sprint13}/items/${x}`, {});
    expect(add.statusCode, add.body).toBe(200);
    await queueEmpty();
    expect(await flags(live.id)).toEqual([expect.objectContaining({ actor_id: tina.id })]);
    expect(await flags(proposed.id)).toEqual([]);
    expect(await flags(retired.id)).toEqual([]);
    const list = (await api(po, 'GET', `/api/v1/products/${productId}/decisions`)).json().decisions;
    expect(list.find((x: { id: string }) => x.id === live.id).contradictions).toBe(1);
  });

  it('counts every flag in the trust radar, with its evidence', async () => {
    const radar = await api(vera, 'GET', `/api/v1/products/${productId}/trust?from=2026-01-01&to=2027-01-01`);
    expect(radar.statusCode, radar.body).toBe(200);
    const signal = radar.json().signals.find((s: { key: string }) => s.key === 'went_around_agreements');
    const flagged = await count('select count(*) as n from decision_contradictions where product_id = $1', [
      productId,
    ]);
    expect(flagged).toBe(5);
    expect(signal).toMatchObject({ value: flagged, evidenceTotal: flagged });
    expect(signal.explanation).toMatch(/\(2 by the Product Owner\)/);
  });
});

describe('repayments past due', () => {
  it('the hourly sweep marks each late repayment once, and the PO and team hear of it once', async () => {
    const target = await item('Stale unsubscribe links', 'defect');
    const r = await api(tina, 'POST', `/api/v1/items/${target}/resolve`, {
      resolution: 'workaround',
      repayment: { title: 'Replace the redirect workaround with the agreed fix', dueDate: '2026-12-10' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const repaymentItemId = r.json().repaymentItemId as string;
    const sweep = (at: string) => t.store.transaction((tx) => markOverdueRepayments(tx, new Date(at)));
    const marked = async () =>
      (
        await q<{ overdue_at: Date | null }>(
          `select overdue_at from repayments where repayment_item_id = $1`,
          [repaymentItemId],
        )
      )[0]!.overdue_at !== null;
    // On its due day it is still open; the day after it is late, once (earlier repayments of
    // this file, due with Sprint 12, are marked by the first sweep).
    await sweep('2026-12-10T23:00:00Z');
    expect(await marked()).toBe(false);
    expect(await sweep('2026-12-11T00:05:00Z')).toBe(1);
    expect(await marked()).toBe(true);
    expect(await sweep('2026-12-11T01:05:00Z')).toBe(0);
    await queueEmpty();
    const notices = await q<{ recipient_id: string; title: string }>(
      `select recipient_id, title from notices where kind = 'repayment_overdue' and item_id = $1`,
      [repaymentItemId],
    );
    expect(notices.map((n) => n.recipient_id).sort()).toEqual([po.id, tina.id, tom.id].sort());
    expect(notices[0]!.title).toMatch(/still not repaid: NOTIF-\d+ Replace the redirect workaround/);
    const panel = (await api(po, 'GET', `/api/v1/items/${target}/decisions`)).json();
    expect(panel.repayments[0]).toMatchObject({ itemId: repaymentItemId, dueDate: '2026-12-10' });
  });

  it('a repaid repayment is never late', async () => {
    const target = await item('Slow digest', 'defect');
    const r = await api(tina, 'POST', `/api/v1/items/${target}/resolve`, {
      resolution: 'workaround',
      repayment: { title: 'Replace the cache workaround', dueDate: '2026-12-01' },
    });
    const done = await api(tina, 'POST', `/api/v1/items/${r.json().repaymentItemId}/resolve`, {
      resolution: 'fixed',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(
      await t.store.transaction((tx) => markOverdueRepayments(tx, new Date('2026-12-20T00:00:00Z'))),
    ).toBe(0);
  });

  it('lists the repayments for the boards, each with its workaround; closed to stakeholders and strangers', async () => {
    const target = await item('Bounced mails retried forever', 'defect');
    const r = await api(tina, 'POST', `/api/v1/items/${target}/resolve`, {
      resolution: 'workaround',
      repayment: { title: 'Replace the retry cap workaround', dueDate: '2027-01-15' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const url = `/api/v1/products/${productId}/repayments`;
    const list = await api(vera, 'GET', url);
    expect(list.statusCode, list.body).toBe(200);
    const mine = list
      .json()
      .repayments.find((x: { itemId: string }) => x.itemId === r.json().repaymentItemId);
    expect(mine).toMatchObject({
      workaroundItemId: target,
      dueDate: '2027-01-15',
      state: 'open',
      title: 'Replace the retry cap workaround',
    });
    expect(mine.workaroundKey).toMatch(/^NOTIF-\d+$/);
    // The earlier one fixed in 'a repaid repayment is never late' reads as repaid.
    expect(list.json().repayments.some((x: { state: string }) => x.state === 'repaid')).toBe(true);
    expect((await api(stan, 'GET', url)).statusCode).toBe(403);
    expect((await api(stranger, 'GET', url)).statusCode).toBe(404);
  });
});
