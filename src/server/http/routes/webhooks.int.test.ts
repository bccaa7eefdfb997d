import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allJobs, allTasks } from '#capabilities/index.ts';
import { type Reactions, startReactions } from '#jobs/reactions.ts';
import { createLogger } from '#server/logger.ts';
import { eventually } from '#testing/eventually.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';
import { startReceiver } from '#testing/webhook-receiver.ts';

/**
 * Webhooks end to end (issue 12): a real HTTP receiver verifies every delivery with the
 * `standardwebhooks` package; transient failures are retried (the queue's clock moved forward
 * by hand), permanent ones fail at once with the reason; a re-send carries the same webhook-id;
 * an endpoint failing for a day is turned off and its owner told.
 */
const SECRET_KEY = 'a-test-key-that-is-long-enough-for-aes-256';
let t: TestApp;
let worker: Reactions;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let po: TestUser;
let team: TestUser;
let productId: string;

const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  t.pool.query<T & Record<string, unknown>>(sql, params).then((r) => r.rows);

/** Moves the queue's clock: a retry scheduled for later runs now. */
const runRetriesNow = () =>
  q(`update graphile_worker._private_jobs set run_at = now() where locked_at is null`);

async function register(path: string, events: string[] = ['item.created']) {
  const res = await t.call(po, {
    method: 'POST',
    url: `/api/v1/products/${productId}/webhooks`,
    payload: { url: receiver.url(path), events, description: `Receiver at ${path}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json();
  receiver.trust(path, body.secret);
  return body as { id: string; secret: string; version: number };
}
const createItem = async (title: string) => {
  const res = await t.call(team, {
    method: 'POST',
    url: `/api/v1/products/${productId}/items`,
    payload: { type: 'story', title, problem: 'A receiver wants to hear about it' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const deliveries = async (webhookId: string) => {
  const res = await t.call(po, { method: 'GET', url: `/api/v1/webhooks/${webhookId}/deliveries` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().deliveries as Array<Record<string, unknown>>;
};
const at = (path: string) => receiver.received.filter((r) => r.path === path);

beforeAll(async () => {
  receiver = await startReceiver();
  t = await createTestApp({ webhooks: { allowPrivate: true, secretKey: SECRET_KEY } });
  worker = await startReactions({
    store: t.store,
    databaseUrl: t.pool.options.connectionString!,
    log: createLogger('silent'),
    subscribers: allJobs,
    tasks: allTasks(t.services),
    pollInterval: 100,
    heartbeatMs: 500,
  });
  po = await t.user('Olive Owner');
  team = await t.user('Tom Team');
  ({ id: productId } = await t.product(po, 'Webhook product', 'WHK'));
  await t.addMember(po, productId, team, 'team');
});
afterAll(async () => {
  await worker?.stop();
  await receiver?.close();
});

describe('webhook endpoints', () => {
  it('shows the whsec_ secret once, keeps it sealed, and never returns it again', async () => {
    const hook = await register('/once');
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const got = await t.call(po, { method: 'GET', url: `/api/v1/webhooks/${hook.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.body).not.toContain(hook.secret.slice(6));
    expect(got.json()).not.toHaveProperty('secret');
    const list = await t.call(po, { method: 'GET', url: `/api/v1/products/${productId}/webhooks` });
    expect(list.body).not.toContain(hook.secret.slice(6));
    const [row] = await q<{ secret_sealed: string }>(
      'select secret_sealed from webhook_endpoints where id = $1',
      [hook.id],
    );
    expect(row!.secret_sealed).toMatch(/^v1\./);
    expect(row!.secret_sealed).not.toContain(hook.secret.slice(6, 20));
  });

  it('refuses what is not http(s), and a stale If-Match with the current endpoint', async () => {
    const bad = await t.call(po, {
      method: 'POST',
      url: `/api/v1/products/${productId}/webhooks`,
      payload: { url: 'ftp://example.com/x', events: ['item.nonsense'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['events.0']);
    const scheme = await t.call(po, {
      method: 'POST',
      url: `/api/v1/products/${productId}/webhooks`,
      payload: { url: 'ftp://example.com/x', events: ['item.created'] },
    });
    expect(scheme.statusCode).toBe(400);
    expect(scheme.json().error.fields.url).toMatch(/http/);

    const hook = await register('/edit');
    const patch = (version: number, payload: object) =>
      t.call(po, {
        method: 'PATCH',
        url: `/api/v1/webhooks/${hook.id}`,
        headers: { 'if-match': String(version) },
        payload,
      });
    const ok = await patch(hook.version, { events: ['item.created', 'item.deleted'] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().events).toEqual(['item.created', 'item.deleted']);
    const stale = await patch(hook.version, { description: 'late' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.version).toBe(hook.version + 1);
    const del = await t.call(po, { method: 'DELETE', url: `/api/v1/webhooks/${hook.id}` });
    expect(del.statusCode).toBe(204);
    expect((await t.call(po, { method: 'GET', url: `/api/v1/webhooks/${hook.id}` })).statusCode).toBe(404);
  });

  it('lets only the PO (or a workspace admin) manage them; a stranger gets 404', async () => {
    const hook = await register('/who');
    const stranger = await t.user('Sam Stranger');
    const admin = await t.user('Ada Admin', { admin: true });
    expect((await t.call(team, { method: 'GET', url: `/api/v1/webhooks/${hook.id}` })).statusCode).toBe(403);
    expect((await t.call(stranger, { method: 'GET', url: `/api/v1/webhooks/${hook.id}` })).statusCode).toBe(
      404,
    );
    expect((await t.call(admin, { method: 'GET', url: `/api/v1/webhooks/${hook.id}` })).statusCode).toBe(200);
  });
});

describe('deliveries', () => {
  it('delivers an event signed per Standard Webhooks, with the documented payload', async () => {
    const hook = await register('/events');
    const itemId = await createItem('Export the guest list');
    const got = await eventually(async () => at('/events')[0]);
    expect(got.error).toBeNull();
    const payload = got.verified as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(payload.type).toBe('item.created');
    expect(payload.data).toMatchObject({
      product: { id: productId, key: 'WHK', name: 'Webhook product' },
      entity: { type: 'item', id: itemId },
      actorId: team.id,
      before: null,
      after: { title: 'Export the guest list' },
    });
    const [d] = await eventually(async () => {
      const list = await deliveries(hook.id);
      return list[0]?.status === 'sent' ? list : undefined;
    });
    expect(d).toMatchObject({ id: got.id, eventType: 'item.created', attempts: 1, responseCode: 200 });
    expect(d!.latencyMs).toEqual(expect.any(Number));
    // Events of other types, and other products' events, make no delivery.
    await t.call(team, {
      method: 'PATCH',
      url: `/api/v1/items/${itemId}`,
      headers: { 'if-match': '1' },
      payload: { title: 'Renamed' },
    });
    expect(await deliveries(hook.id)).toHaveLength(1);
  });

  it('queues no fan-out for products without an endpoint wanting the type (the outbox gate)', async () => {
    const other = await t.product(po, 'Quiet product', 'QUI');
    const res = await t.call(po, {
      method: 'POST',
      url: `/api/v1/products/${other.id}/items`,
      payload: { type: 'story', title: 'Nobody hooks this', problem: 'No endpoint here' },
    });
    expect(res.statusCode).toBe(201);
    const fanOuts = async (productKey: string) => {
      const [row] = await q<{ n: number }>(
        `select count(*)::int as n from events e
           join products p on p.id = e.product_id and p.key = $1
          where e.type = 'item.created'
            and (exists (select 1 from reaction_receipts r where r.event_id = e.id and r.subscriber = 'webhook-fan-out')
              or exists (select 1 from graphile_worker.jobs j where j.key = 'webhook-fan-out:' || e.id))`,
        [productKey],
      );
      return row!.n;
    };
    // The hooked product's item.created events were fanned out; the quiet product's never queued.
    await eventually(async () => (await fanOuts('WHK')) > 0);
    expect(await fanOuts('QUI')).toBe(0);
  });

  it('retries 5xx and 429 (keeping Retry-After), then delivers with the same webhook-id', async () => {
    const hook = await register('/flaky');
    let calls = 0;
    receiver.answerWith((r) => {
      if (r.path !== '/flaky') return { status: 200 };
      calls += 1;
      if (calls === 1) return { status: 503 };
      if (calls === 2) return { status: 429, headers: { 'retry-after': '120' } };
      return { status: 200 };
    });
    await createItem('Flaky receiver');
    const first = await eventually(async () => {
      const [d] = await deliveries(hook.id);
      return d?.attempts === 1 ? d : undefined;
    });
    expect(first).toMatchObject({ status: 'pending', responseCode: 503, lastError: 'HTTP 503' });
    await runRetriesNow();
    const second = await eventually(async () => {
      const [d] = await deliveries(hook.id);
      return d?.attempts === 2 ? d : undefined;
    });
    expect(second).toMatchObject({ status: 'pending', responseCode: 429 });
    const wait =
      new Date(String(second.nextAttemptAt)).getTime() - new Date(String(second.lastAttemptAt)).getTime();
    expect(wait).toBeGreaterThanOrEqual(120_000);
    await runRetriesNow();
    const done = await eventually(async () => {
      const [d] = await deliveries(hook.id);
      return d?.status === 'sent' ? d : undefined;
    });
    expect(done.attempts).toBe(3);
    const ids = at('/flaky').map((r) => r.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    expect(at('/flaky').every((r) => r.error === null)).toBe(true);
    receiver.answerWith(() => ({ status: 200 }));
  });

  it('fails a 4xx at once with the reason; a re-send carries the same webhook-id', async () => {
    const hook = await register('/gone');
    receiver.answerWith((r) => ({ status: r.path === '/gone' ? 410 : 200 }));
    await createItem('Nobody listens');
    const failed = await eventually(async () => {
      const [d] = await deliveries(hook.id);
      return d?.status === 'failed' ? d : undefined;
    });
    expect(failed).toMatchObject({
      attempts: 1,
      responseCode: 410,
      lastError: 'HTTP 410',
      nextAttemptAt: null,
    });
    await runRetriesNow();
    await new Promise((r) => setTimeout(r, 300));
    expect(at('/gone')).toHaveLength(1);

    receiver.answerWith(() => ({ status: 204 }));
    const resent = await t.call(po, {
      method: 'POST',
      url: `/api/v1/webhooks/${hook.id}/deliveries/${failed.id}/resend`,
    });
    expect(resent.statusCode, resent.body).toBe(202);
    await eventually(async () => at('/gone')[1]);
    expect(at('/gone').map((r) => r.id)).toEqual([failed.id, failed.id]);
    expect(at('/gone')[1]!.body).toBe(at('/gone')[0]!.body);
    const [sent] = await eventually(async () => {
      const list = await deliveries(hook.id);
      return list[0]?.status === 'sent' ? list : undefined;
    });
    expect(sent!.responseCode).toBe(204);
  });

  it('the workspace admin sees webhook deliveries beside mail, and re-sends one with the same webhook-id', async () => {
    const admin = await t.user('Ada Admin', { admin: true });
    const hook = await register('/admin-view');
    receiver.answerWith((r) => ({ status: r.path === '/admin-view' ? 404 : 200 }));
    await createItem('Seen by the admin');
    const failed = await eventually(async () => {
      const [d] = await deliveries(hook.id);
      return d?.status === 'failed' ? d : undefined;
    });
    const list = await t.call(admin, {
      method: 'GET',
      url: '/api/v1/admin/deliveries?channel=webhook&status=failed',
    });
    expect(list.statusCode, list.body).toBe(200);
    const row = list.json().deliveries.find((d: { id: string }) => d.id === failed.id);
    expect(row).toMatchObject({
      channel: 'webhook',
      status: 'failed',
      subject: 'item.created',
      messageId: failed.id,
    });
    expect(row.recipient).toContain('/admin-view');
    const mailOnly = await t.call(admin, { method: 'GET', url: '/api/v1/admin/deliveries?channel=email' });
    expect(mailOnly.json().deliveries.some((d: { id: string }) => d.id === failed.id)).toBe(false);
    expect((await t.call(po, { method: 'GET', url: '/api/v1/admin/deliveries' })).statusCode).toBe(403);

    receiver.answerWith(() => ({ status: 204 }));
    const resent = await t.call(admin, {
      method: 'POST',
      url: `/api/v1/admin/deliveries/${failed.id}/resend`,
    });
    expect(resent.statusCode, resent.body).toBe(200);
    await eventually(async () => at('/admin-view')[1]);
    expect(at('/admin-view').map((r) => r.id)).toEqual([failed.id, failed.id]);
  });

  it('sends a test event on request, verified like any other', async () => {
    const hook = await register('/ping');
    const res = await t.call(po, { method: 'POST', url: `/api/v1/webhooks/${hook.id}/test` });
    expect(res.statusCode, res.body).toBe(202);
    const got = await eventually(async () => at('/ping')[0]);
    expect(got.error).toBeNull();
    expect(got.id).toBe(res.json().id);
    expect((got.verified as { type: string }).type).toBe('webhook.test');
  });

  it('turns an endpoint off after a day of failures and tells its owner, once', async () => {
    const hook = await register('/down');
    receiver.answerWith((r) => ({ status: r.path === '/down' ? 500 : 200 }));
    // The endpoint has been failing for a day already; this attempt fails too.
    await q(`update webhook_endpoints set failing_since = now() - interval '25 hours' where id = $1`, [
      hook.id,
    ]);
    await createItem('Still down');
    const off = await eventually(async () => {
      const res = await t.call(po, { method: 'GET', url: `/api/v1/webhooks/${hook.id}` });
      const w = res.json() as { enabled: boolean; disabledReason: string; version: number };
      return w.enabled ? undefined : w;
    });
    expect(off.disabledReason).toMatch(/HTTP 500/);
    const notices = await eventually(async () => {
      const rows = await q<{ recipient_id: string; title: string }>(
        `select recipient_id, title from notices where kind = 'webhook_disabled'`,
      );
      return rows.length ? rows : undefined;
    });
    expect(notices).toEqual([{ recipient_id: po.id, title: expect.stringContaining('/down') }]);
    // Off means no new deliveries; turning it on again restarts the clock.
    const before = at('/down').length;
    await runRetriesNow();
    await createItem('While off');
    await new Promise((r) => setTimeout(r, 500));
    expect(at('/down')).toHaveLength(before);
    const on = await t.call(po, {
      method: 'PATCH',
      url: `/api/v1/webhooks/${hook.id}`,
      headers: { 'if-match': String(off.version) },
      payload: { enabled: true },
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    receiver.answerWith(() => ({ status: 200 }));
  });
});

describe('without TANDEM_WEBHOOK_ALLOW_PRIVATE', () => {
  it('refuses endpoints in the host network with a 400 naming the url', async () => {
    const strict = await createTestApp();
    const owner = await strict.user('Strict Owner');
    const product = await strict.product(owner, 'Strict product');
    for (const url of [
      receiver.url('/x'),
      'http://[::1]:8080/',
      'http://169.254.169.254/latest',
      'http://localhost/',
    ]) {
      const res = await strict.call(owner, {
        method: 'POST',
        url: `/api/v1/products/${product.id}/webhooks`,
        payload: { url, events: ['item.created'] },
      });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.fields.url, url).toMatch(/public addresses only/);
    }
    expect(await strict.pool.query('select 1 from webhook_endpoints')).toMatchObject({ rowCount: 0 });
  });
});
