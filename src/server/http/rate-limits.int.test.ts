import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';
import { EXPENSIVE_READS } from './rate-limits.ts';

let t: TestApp;
let owner: TestUser;
let viewer: TestUser;
let productId: string;
const max = EXPENSIVE_READS.max;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Rita Owner');
  viewer = await t.user('Vic Viewer');
  productId = (await t.product(owner, 'Limits product', 'LIM')).id;
  await t.addMember(owner, productId, viewer, 'viewer');
  EXPENSIVE_READS.max = 3;
});
afterAll(() => {
  EXPENSIVE_READS.max = max;
});

const list = (as: TestUser, query: string) =>
  t.call(as, { method: 'GET', url: `/api/v1/products/${productId}/items${query}` });

describe('expensive reads per user', () => {
  it('answers 429 with Retry-After once a user has used up searches, sorts and exports', async () => {
    expect((await list(viewer, '?q=alpha')).statusCode).toBe(200);
    expect((await list(viewer, '?sort=wsjf')).statusCode).toBe(200);
    const exp = await t.call(viewer, { method: 'GET', url: `/api/v1/products/${productId}/items/export` });
    expect(exp.statusCode).toBe(200);
    const over = await list(viewer, '?q=beta');
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    // The plain backlog page (cached, by the order index) is not limited.
    expect((await list(viewer, '?limit=50')).statusCode).toBe(200);
    // Another user searching the same product is not held back by the first one's flood.
    expect((await list(owner, '?q=beta')).statusCode).toBe(200);
  });
});
