import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '#contracts/events.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

let t: TestApp;
let owner: TestUser;
let productId: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Olive Owner');
  productId = (await t.product(owner, 'VIP Meetings', 'VIP')).id;
});

describe('the event catalog on the API', () => {
  it('names the event types as an enum in the OpenAPI document', async () => {
    const spec = (await t.call(null, { method: 'GET', url: '/api/openapi.json' })).json();
    const list = spec.paths['/api/v1/products/{productId}/events'].get;
    const schema = list.responses['200'].content['application/json'].schema;
    expect(schema.properties.events.items.properties.type.enum).toEqual(EVENT_TYPES);
  });

  it('answers the admin jobs endpoints before any worker installed the queue', async () => {
    const admin = await t.user('Ada Admin', { admin: true });
    const list = await t.call(admin, { method: 'GET', url: '/api/v1/admin/jobs?state=failed' });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toEqual({ jobs: [] });
    const retry = await t.call(admin, { method: 'POST', url: '/api/v1/admin/jobs/1/retry' });
    expect(retry.statusCode).toBe(404);
  });

  it('records typed events through real writes and lists them with catalog types', async () => {
    const created = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/products/${productId}/items`,
      payload: { type: 'story', title: 'Import profiles', problem: 'Members retype their profiles by hand.' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const item = created.json();
    const res = await t.call(owner, {
      method: 'PATCH',
      url: `/api/v1/items/${item.id}`,
      headers: { 'if-match': String(item.version) },
      payload: { title: 'Import member profiles', labels: ['sso'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const events = (
      await t.call(owner, { method: 'GET', url: `/api/v1/products/${productId}/events` })
    ).json().events as Array<{ type: string; before: unknown; after: unknown }>;
    for (const e of events) expect(EVENT_TYPES).toContain(e.type);
    const updated = events.find((e) => e.type === 'item.updated');
    expect(updated).toMatchObject({
      before: { title: 'Import profiles', labels: [] },
      after: { title: 'Import member profiles', labels: ['sso'] },
    });
  });
});
