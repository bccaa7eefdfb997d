import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

let t: TestApp;
let owner: TestUser;
let member: TestUser;
let stranger: TestUser;
let productId: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Olive Owner');
  member = await t.user('Tom Team');
  stranger = await t.user('Sam Stranger');
  productId = (await t.product(owner, 'VIP Meetings', 'VIP')).id;
});

describe('products', () => {
  it('creates a product with its creator as owner, and writes an event in the same change', async () => {
    const res = await t.call(owner, { method: 'GET', url: `/api/v1/products/${productId}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'VIP Meetings', key: 'VIP', role: 'owner', version: 1 });
    const events = (
      await t.call(owner, { method: 'GET', url: `/api/v1/products/${productId}/events` })
    ).json();
    expect(events.events.map((e: { type: string }) => e.type)).toContain('product.created');
  });

  it('names every bad field', async () => {
    const res = await t.call(owner, {
      method: 'POST',
      url: '/api/v1/products',
      payload: { name: '', key: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['key', 'name']);
  });

  it('refuses a duplicate key, naming the field', async () => {
    const res = await t.call(owner, {
      method: 'POST',
      url: '/api/v1/products',
      payload: { name: 'Other', key: 'VIP' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.key).toMatch(/already/);
  });

  it('hides a product from a stranger with 404, and shows it to a member once added', async () => {
    expect((await t.call(stranger, { method: 'GET', url: `/api/v1/products/${productId}` })).statusCode).toBe(
      404,
    );
    await t.addMember(owner, productId, member, 'team');
    const res = await t.call(member, { method: 'GET', url: `/api/v1/products/${productId}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().role).toBe('team');
    const list = (await t.call(member, { method: 'GET', url: '/api/v1/products' })).json();
    expect(list.products.map((p: { id: string }) => p.id)).toContain(productId);
    expect((await t.call(stranger, { method: 'GET', url: '/api/v1/products' })).json().products).toEqual([]);
  });

  it('answers 404, not an error, for a malformed id', async () => {
    for (const url of [
      '/api/v1/products/VIP/items',
      '/api/v1/products/VIP',
      '/api/v1/items/VIP-1',
      '/api/v1/sprints/x/report',
    ]) {
      const res = await t.call(owner, { method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
  });

  it('serves self-contained API docs and the OpenAPI document', async () => {
    const docs = await t.call(null, { method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('/api/openapi.json');
    expect(docs.body).not.toMatch(/fonts\.(googleapis|scalar)|cdn\.jsdelivr/);
    const spec = (await t.call(null, { method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toContain('/api/v1/products/{productId}/items');
  });

  it('lets only the owner change members, with 403 for members and 404 for strangers', async () => {
    const payload = { userId: stranger.id, role: 'viewer' };
    expect(
      (await t.call(member, { method: 'POST', url: `/api/v1/products/${productId}/members`, payload }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.call(stranger, { method: 'POST', url: `/api/v1/products/${productId}/members`, payload }))
        .statusCode,
    ).toBe(404);
  });

  it('keeps at least one owner', async () => {
    const res = await t.call(owner, {
      method: 'PATCH',
      url: `/api/v1/products/${productId}/members/${owner.id}`,
      payload: { role: 'team' },
    });
    expect(res.statusCode).toBe(409);
  });

  it('needs If-Match to rename and answers 412 on a stale version', async () => {
    const url = `/api/v1/products/${productId}`;
    expect((await t.call(owner, { method: 'PATCH', url, payload: { name: 'VIP' } })).statusCode).toBe(428);
    const ok = await t.call(owner, {
      method: 'PATCH',
      url,
      payload: { name: 'VIP Meetings 2' },
      headers: { 'if-match': '1' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(2);
    const stale = await t.call(owner, {
      method: 'PATCH',
      url,
      payload: { name: 'Mine' },
      headers: { 'if-match': '1' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.name).toBe('VIP Meetings 2');
  });

  it('manages segments, refusing duplicate names', async () => {
    const url = `/api/v1/products/${productId}/segments`;
    const a = await t.call(owner, { method: 'POST', url, payload: { name: 'Secretariat' } });
    expect(a.statusCode).toBe(201);
    expect(a.json().id).toBeTruthy();
    const dup = await t.call(owner, { method: 'POST', url, payload: { name: 'secretariat' } });
    expect(dup.statusCode).toBe(400);
    expect(
      (await t.call(member, { method: 'GET', url })).json().segments.map((s: { name: string }) => s.name),
    ).toEqual(['Secretariat']);
    expect((await t.call(member, { method: 'POST', url, payload: { name: 'VIP' } })).statusCode).toBe(403);
  });

  it('replays a retried create with the same Idempotency-Key instead of duplicating', async () => {
    const headers = { 'idempotency-key': 'abc-123' };
    const payload = { name: 'Notification Service', key: 'NOTIF' };
    const [a, b] = await Promise.all([
      t.call(owner, { method: 'POST', url: '/api/v1/products', payload, headers }),
      t.call(owner, { method: 'POST', url: '/api/v1/products', payload, headers }),
    ]);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(a.json().id).toBe(b.json().id);
  });
});
