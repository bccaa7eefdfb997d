import { beforeAll, describe, expect, it } from 'vitest';
import { MAIL_OFF } from '#app/mail/ports.ts';
import { type StoredEvent, toStoredEvent } from '#app/reactions/stored-event.ts';
import { fireWarnings, planWarnings } from '#app/sla/warnings.ts';
import type { SlaPolicyBody } from '#contracts/sla.ts';
import { startReactions } from '#jobs/reactions.ts';
import { slaWarningJobs } from '#jobs/sla-warnings.job.ts';
import type { ReactionContext } from '#jobs/subscriber.ts';
import { createLogger } from '#server/logger.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/**
 * Defects' severity and SLA clocks through the API (issue 13): the policy, the item's `sla` block
 * from the maintained columns, the backlog's sort and filter by due time, and the warnings.
 */
let t: TestApp;
let po: TestUser;
let dev: TestUser;
let stranger: TestUser;
let productId: string;
const HOUR = 3_600_000;

/** Calendar hours everywhere, so a due time is the creation + the hours, whatever the day. */
const policy: SlaPolicyBody = {
  timeZone: 'Europe/Berlin',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '09:00', end: '17:00' },
  holidays: ['2026-12-24'],
  pauseStatuses: ['waiting'],
  severities: {
    S1: { responseHours: 1, resolutionHours: 4, calendar: 'calendar' },
    S2: { responseHours: 4, resolutionHours: 24, calendar: 'calendar' },
    S3: { responseHours: 8, resolutionHours: 80, calendar: 'calendar' },
    S4: { responseHours: 24, resolutionHours: 160, calendar: 'calendar' },
  },
};

beforeAll(async () => {
  t = await createTestApp();
  // The queue and the SLA subscriptions, without a worker: this file runs the reactions itself.
  await startReactions({
    store: t.store,
    databaseUrl: t.pool.options.connectionString!,
    log: createLogger('silent'),
    work: false,
    subscribers: slaWarningJobs,
  });
  po = await t.user('Olive Owner');
  dev = await t.user('Dana Dev');
  stranger = await t.user('Sam Stranger');
  productId = (await t.product(po, 'Notification Service', 'NS')).id;
  await t.addMember(po, productId, dev, 'team');
  // No Definition of Ready here: defects move to ready as soon as someone picks them up.
  const dor = await t.call(po, {
    method: 'PATCH',
    url: `/api/v1/products/${productId}/backlog-settings`,
    headers: { 'if-match': '0' },
    payload: { definitionOfReady: [] },
  });
  expect(dor.statusCode, dor.body).toBe(200);
});

const url = () => `/api/v1/products/${productId}/sla-policy`;
const putPolicy = (as: TestUser, body: unknown, version: string) =>
  t.call(as, { method: 'PUT', url: url(), headers: { 'if-match': version }, payload: body as object });
const create = async (payload: Record<string, unknown>) => {
  const r = await t.call(po, { method: 'POST', url: `/api/v1/products/${productId}/items`, payload });
  return r;
};
const get = async (itemId: string) =>
  (await t.call(dev, { method: 'GET', url: `/api/v1/items/${itemId}` })).json();
const patch = async (as: TestUser, itemId: string, body: Record<string, unknown>) => {
  const current = await get(itemId);
  return t.call(as, {
    method: 'PATCH',
    url: `/api/v1/items/${itemId}`,
    headers: { 'if-match': String(current.version) },
    payload: body,
  });
};

describe('the SLA policy', () => {
  it('shows the defaults, inactive, until the PO sets one', async () => {
    const r = await t.call(dev, { method: 'GET', url: url() });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ active: false, version: 0 });
  });

  it('refuses a stranger (404), the team (403) and bad input naming each field (400)', async () => {
    expect((await putPolicy(stranger, policy, '0')).statusCode).toBe(404);
    expect((await t.call(stranger, { method: 'GET', url: url() })).statusCode).toBe(404);
    expect((await putPolicy(dev, policy, '0')).statusCode).toBe(403);
    const bad = await putPolicy(
      po,
      {
        ...policy,
        timeZone: 'Mars/Olympus',
        workingHours: { start: '17:00', end: '09:00' },
        holidays: ['2026-13-01'],
        pauseStatuses: ['lunch'],
      },
      '0',
    );
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(
      expect.arrayContaining(['timeZone', 'workingHours.end', 'holidays.0', 'pauseStatuses.0']),
    );
  });

  it('saves with If-Match and refuses a stale version with 412 and the current policy', async () => {
    const first = await putPolicy(po, policy, '0');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ active: true, version: 1, policy: { timeZone: 'Europe/Berlin' } });
    const stale = await putPolicy(po, policy, '0');
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current).toMatchObject({ version: 1 });
  });
});

describe('severity and clocks on items', () => {
  it('refuses a severity on anything but a defect, naming the field', async () => {
    const r = await create({ type: 'story', title: 'Export', problem: 'Need it.', severity: 'S2' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toHaveProperty('severity');
    expect((await create({ type: 'story', title: 'Plain', problem: 'P' })).json().sla).toBeNull();
  });

  it('starts both clocks for a defect with a severity, maintained in the database', async () => {
    const r = await create({ type: 'defect', title: 'Duplicate emails', severity: 'S2' });
    expect(r.statusCode, r.body).toBe(201);
    const item = r.json();
    const created = Date.parse(item.createdAt);
    expect(item.sla).toEqual({
      responseDueAt: new Date(created + 4 * HOUR).toISOString(),
      resolutionDueAt: new Date(created + 24 * HOUR).toISOString(),
      paused: false,
      breached: false,
    });
    // The backlog page (JSON built in SQL) says the same.
    const list = (await t.call(dev, { method: 'GET', url: `/api/v1/products/${productId}/items` })).json();
    expect(list.items.find((i: { id: string }) => i.id === item.id).sla).toEqual(item.sla);
  });

  it('responds when the item leaves new, pauses while waiting for the customer, resumes with the time left', async () => {
    const item = (await create({ type: 'defect', title: 'Wrong sender', severity: 'S3' })).json();
    const ready = await patch(dev, item.id, { status: 'ready' });
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json().sla.responseDueAt).toBeNull(); // responded
    const waiting = await patch(dev, item.id, { waiting: true });
    expect(waiting.json().sla).toMatchObject({ paused: true, resolutionDueAt: null });
    const paused = await t.call(dev, {
      method: 'GET',
      url: `/api/v1/products/${productId}/items?sla=paused`,
    });
    expect(paused.json().items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    // Two hours pass in the pause (moved in the log, as if they had).
    await t.pool.query(
      `update events set at = at - interval '2 hours' where entity_id = $1 and (after ? 'waiting' or type = 'item.created' or after ? 'status')`,
      [item.id],
    );
    await t.pool.query(`update items set created_at = created_at - interval '2 hours' where id = $1`, [
      item.id,
    ]);
    const resumed = await patch(dev, item.id, { waiting: false });
    const due = Date.parse(resumed.json().sla.resolutionDueAt);
    const createdAt = Date.parse(resumed.json().createdAt);
    // 80 h budget; the 2 hours waiting do not count, so it is due later than created + 80 h.
    expect(due - createdAt).toBeGreaterThan(80 * HOUR + 1.9 * HOUR);
    expect(resumed.json().sla.paused).toBe(false);
  });

  it('refuses waiting on finished work, naming the field', async () => {
    const item = (await create({ type: 'defect', title: 'Old', severity: 'S4' })).json();
    await patch(dev, item.id, { status: 'ready' });
    await patch(dev, item.id, { status: 'in_progress' });
    await patch(dev, item.id, { status: 'done' });
    const r = await patch(dev, item.id, { waiting: true });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toHaveProperty('waiting');
    expect((await get(item.id)).sla).toMatchObject({ resolutionDueAt: null, breached: false });
  });

  it('sorts by resolution due time and filters by severity and due time in the database', async () => {
    const soon = (await create({ type: 'defect', title: 'Outage', severity: 'S1' })).json();
    const sorted = (
      await t.call(dev, {
        method: 'GET',
        url: `/api/v1/products/${productId}/items?sort=resolutionDueAt&limit=3`,
      })
    ).json();
    expect(sorted.items[0].id).toBe(soon.id);
    const dues = sorted.items.map(
      (i: { sla: { resolutionDueAt: string | null } | null }) => i.sla?.resolutionDueAt,
    );
    expect(dues.filter(Boolean)).toEqual([...dues.filter(Boolean)].sort());
    // The cursor of a due-time page leads on without repeats.
    const next = (
      await t.call(dev, {
        method: 'GET',
        url: `/api/v1/products/${productId}/items?sort=resolutionDueAt&limit=3&cursor=${encodeURIComponent(sorted.nextCursor)}`,
      })
    ).json();
    const ids = [...sorted.items, ...next.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const s1 = (
      await t.call(dev, { method: 'GET', url: `/api/v1/products/${productId}/items?severity=S1` })
    ).json();
    expect(s1.items.map((i: { id: string }) => i.id)).toEqual([soon.id]);
    const before = new Date(Date.now() + 5 * HOUR).toISOString();
    const dueSoon = (
      await t.call(dev, { method: 'GET', url: `/api/v1/products/${productId}/items?dueBefore=${before}` })
    ).json();
    expect(dueSoon.items.map((i: { id: string }) => i.id)).toContain(soon.id);
    expect(dueSoon.items.every((i: { severity: string }) => ['S1', 'S2'].includes(i.severity))).toBe(true);
  });

  it('recomputes every defect when the policy changes, in the same transaction', async () => {
    const item = (await create({ type: 'defect', title: 'Bounce loop', severity: 'S2' })).json();
    const longer = {
      ...policy,
      severities: { ...policy.severities, S2: { ...policy.severities.S2, resolutionHours: 48 } },
    };
    const r = await putPolicy(po, longer, '1');
    expect(r.statusCode, r.body).toBe(200);
    const after = await get(item.id);
    expect(Date.parse(after.sla.resolutionDueAt) - Date.parse(after.createdAt)).toBe(48 * HOUR);
    const events = await t.pool.query(
      `select count(*)::int as n from events where type = 'sla.policy_updated'`,
    );
    expect(events.rows[0].n).toBe(2);
  });

  it('shows breaches in the item and the report', async () => {
    const item = (await create({ type: 'defect', title: 'Lost receipts', severity: 'S1' })).json();
    await t.pool.query(`update events set at = at - interval '5 hours' where entity_id = $1`, [item.id]);
    await t.pool.query(`update items set created_at = created_at - interval '5 hours' where id = $1`, [
      item.id,
    ]);
    await patch(dev, item.id, { title: 'Lost receipts (all regions)', severity: 'S1' }); // no SLA field: no recompute
    await patch(po, item.id, { severity: 'S2' });
    await patch(po, item.id, { severity: 'S1' });
    const now = await get(item.id);
    expect(now.sla.breached).toBe(true);
    const breached = (
      await t.call(dev, { method: 'GET', url: `/api/v1/products/${productId}/items?sla=breached` })
    ).json();
    expect(breached.items.map((i: { id: string }) => i.id)).toContain(item.id);
    const report = await t.call(dev, { method: 'GET', url: `/api/v1/products/${productId}/sla-report` });
    expect(report.statusCode, report.body).toBe(200);
    const row = report
      .json()
      .rows.find((x: { severity: string; clock: string }) => x.severity === 'S1' && x.clock === 'response');
    expect(row.missedItemIds).toContain(item.id);
    expect(report.json().open.find((o: { itemId: string }) => o.itemId === item.id)).toMatchObject({
      breached: true,
    });
    // Soonest breach first; clocks with no breach ahead (paused) last.
    const dues = report.json().open.map((o: { dueAt: string | null }) => o.dueAt);
    const known = dues.filter((d: string | null) => d !== null);
    expect(dues).toEqual([...[...known].sort(), ...dues.filter((d: string | null) => d === null)]);
  });
});

describe('SLA warnings', () => {
  const jobOf = async (itemId: string) =>
    (
      await t.pool.query<{ runAt: Date; task: string }>(
        `select run_at as "runAt", task_identifier as task from graphile_worker.jobs where key = $1`,
        [`sla:${itemId}`],
      )
    ).rows;
  const notices = async (itemId: string) =>
    (
      await t.pool.query<{ key: string; recipient: string }>(
        `select cause_key as key, recipient_id as recipient from notices where item_id = $1 and kind = 'sla' order by 1, 2`,
        [itemId],
      )
    ).rows;

  it('sets one timer per item at the next threshold and writes each warning once per person', async () => {
    const item = (await create({ type: 'defect', title: 'Digest twice', severity: 'S1' })).json();
    const created = Date.parse(item.createdAt);
    const [event] = (
      await t.pool.query<{ id: number }>(
        `select id::int from events where entity_id = $1 order by id limit 1`,
        [item.id],
      )
    ).rows;
    await t.store.transaction((r) => planWarnings(r, productId, [item.id], event!.id, created));
    await t.store.transaction((r) => planWarnings(r, productId, [item.id], event!.id, created)); // re-plan replaces
    const jobs = await jobOf(item.id);
    expect(jobs).toHaveLength(1);
    // S1 response: 1 h, so 75 % is at 45 minutes.
    expect(jobs[0]!.runAt.getTime()).toBe(created + 0.75 * HOUR);
    expect(jobs[0]!.task).toBe('sla-timer');

    const payload = { itemId: item.id, productId, eventId: event!.id };
    const at50min = created + 50 * 60_000;
    expect(await t.store.transaction((r) => fireWarnings(r, payload, at50min))).toBe(2); // PO and team
    expect(await t.store.transaction((r) => fireWarnings(r, payload, at50min))).toBe(0); // a retry: none
    const keys = (await notices(item.id)).map((n) => n.key);
    expect(new Set(keys)).toEqual(
      new Set([`sla:${item.id}:response:warning:${new Date(created + HOUR).toISOString()}`]),
    );
    // The timer set itself to the breach of the response.
    expect((await jobOf(item.id))[0]!.runAt.getTime()).toBe(created + HOUR);
    expect(await t.store.transaction((r) => fireWarnings(r, payload, created + HOUR + 1))).toBe(2);
    // No notice goes to a stranger or a viewer: the PO and the team only.
    const recipients = new Set((await notices(item.id)).map((n) => n.recipient));
    expect(recipients).toEqual(new Set([po.id, dev.id]));
  });

  it('a re-plan after a pause gives new, correct warnings', async () => {
    const item = (await create({ type: 'defect', title: 'Slow webhook', severity: 'S2' })).json();
    await patch(dev, item.id, { status: 'ready' }); // responded
    const [event] = (
      await t.pool.query<{ id: number }>(
        `select id::int from events where entity_id = $1 order by id limit 1`,
        [item.id],
      )
    ).rows;
    const first = await get(item.id);
    const payload = { itemId: item.id, productId, eventId: event!.id };
    const dueA = Date.parse(first.sla.resolutionDueAt);
    await t.store.transaction((r) => fireWarnings(r, payload, dueA - 1 * HOUR)); // 75 % passed
    await patch(dev, item.id, { waiting: true });
    await t.pool.query(
      `update events set at = at - interval '3 hours' where entity_id = $1 and not (after ? 'waiting')`,
      [item.id],
    );
    await t.pool.query(`update items set created_at = created_at - interval '3 hours' where id = $1`, [
      item.id,
    ]);
    const resumed = (await patch(dev, item.id, { waiting: false })).json();
    const dueB = Date.parse(resumed.sla.resolutionDueAt);
    expect(dueB).not.toBe(dueA);
    await t.store.transaction((r) => fireWarnings(r, payload, dueB - 1 * HOUR));
    const keys = (await notices(item.id)).map((n) => n.key);
    expect(new Set(keys)).toEqual(
      new Set([
        `sla:${item.id}:resolution:warning:${new Date(dueA).toISOString()}`,
        `sla:${item.id}:resolution:warning:${new Date(dueB).toISOString()}`,
      ]),
    );
  });

  it('the subscribers read the logged events back and re-plan through the queue’s own path', async () => {
    const item = (await create({ type: 'defect', title: 'Bounced twice', severity: 'S3' })).json();
    const events = await t.pool.query<{ id: string; type: string }>(
      `select id::text, type from events where type = 'sla.policy_updated' or entity_id = $1 order by id`,
      [item.id],
    );
    for (const e of events.rows) {
      const sub = slaWarningJobs.find((s) => (s.eventTypes as readonly string[]).includes(e.type))!;
      await t.store.transaction(async (r) => {
        const row = await r.events.byId(Number(e.id));
        const handle = sub.handle as (ev: StoredEvent, ctx: ReactionContext) => Promise<void>;
        await handle(toStoredEvent(row!), { repos: r, attempt: 1, mail: MAIL_OFF });
      });
    }
    expect(await jobOf(item.id)).toHaveLength(1);
  });

  it('stops the timer when the defect is resolved', async () => {
    const item = (await create({ type: 'defect', title: 'Typo in footer', severity: 'S4' })).json();
    const [event] = (
      await t.pool.query<{ id: number }>(
        `select id::int from events where entity_id = $1 order by id limit 1`,
        [item.id],
      )
    ).rows;
    await t.store.transaction((r) => planWarnings(r, productId, [item.id], event!.id, Date.now()));
    expect(await jobOf(item.id)).toHaveLength(1);
    await patch(po, item.id, { status: 'rejected' });
    await t.store.transaction((r) => planWarnings(r, productId, [item.id], event!.id, Date.now()));
    expect(await jobOf(item.id)).toHaveLength(0);
  });
});
