import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/**
 * Exactly-once creates. A crash right after the item's write and before the key's response is
 * stored is simulated by failing that one INSERT: the item must not survive it, so the retry
 * creates exactly one. The key is bound to its request: another body or path is a 422.
 */
let t: TestApp;
let owner: TestUser;
let productId: string;
let failNextKeyInsert = false;

function injectFaults(pool: pg.Pool) {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0] as string | { text?: string };
      const text = typeof first === 'string' ? first : (first?.text ?? '');
      if (failNextKeyInsert && /insert into idempotency_keys/i.test(text)) {
        failNextKeyInsert = false;
        return Promise.reject(new Error('simulated crash: the server died here'));
      }
      return query(...args);
    };
  });
}

beforeAll(async () => {
  t = await createTestApp({ onPool: injectFaults });
  owner = await t.user('Owner');
  productId = (await t.product(owner, 'Exactly once')).id;
});

const create = (key: string, title: string) =>
  t.call(owner, {
    method: 'POST',
    url: `/api/v1/products/${productId}/items`,
    headers: { 'idempotency-key': key },
    payload: { type: 'story', title, problem: 'Retries must not duplicate it' },
  });

const countTitled = async (title: string) =>
  (
    await t.pool.query<{ n: number }>(
      'select count(*)::int as n from items where product_id = $1 and title = $2',
      [productId, title],
    )
  ).rows[0]!.n;

describe('Idempotency-Key', () => {
  it('keeps no item when the server dies between the write and storing the key; the retry creates one', async () => {
    failNextKeyInsert = true;
    const first = await create('crash-1', 'Crash between write and key');
    expect(first.statusCode).toBe(500);
    expect(await countTitled('Crash between write and key')).toBe(0);
    const retry = await create('crash-1', 'Crash between write and key');
    expect(retry.statusCode, retry.body).toBe(201);
    const again = await create('crash-1', 'Crash between write and key');
    expect(again.json().id).toBe(retry.json().id);
    expect(await countTitled('Crash between write and key')).toBe(1);
  });

  it('replays the same request, marked as a replay', async () => {
    const a = await create('same-1', 'Same body');
    const b = await create('same-1', 'Same body');
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json()).toEqual(a.json());
  });

  it('refuses the key reused with a different body or path (422), and creates nothing', async () => {
    expect((await create('reused-1', 'First body')).statusCode).toBe(201);
    const other = await create('reused-1', 'Another body');
    expect(other.statusCode, other.body).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    expect(await countTitled('Another body')).toBe(0);
    const path = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/products/${productId}/segments`,
      headers: { 'idempotency-key': 'reused-1' },
      payload: { name: 'Segment' },
    });
    expect(path.statusCode, path.body).toBe(422);
  });

  it('runs a failed request again on retry (a refusal is not stored)', async () => {
    const bad = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/products/${productId}/items`,
      headers: { 'idempotency-key': 'refused-1' },
      payload: { type: 'story', title: 'No problem stated' },
    });
    expect(bad.statusCode).toBe(400);
    const good = await create('refused-1', 'Now with a problem');
    expect(good.statusCode).toBe(201);
  });

  it('serialises racing retries: ten at once make one item', async () => {
    const all = await Promise.all(Array.from({ length: 10 }, () => create('race-1', 'Raced')));
    expect(new Set(all.map((r) => r.json().id)).size).toBe(1);
    expect(await countTitled('Raced')).toBe(1);
  });
});
