import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/** Backlog settings are versioned like every other resource: PATCH needs a current If-Match. */
let t: TestApp;
let owner: TestUser;
let url: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Owner');
  url = `/api/v1/products/${(await t.product(owner, 'Settings')).id}/backlog-settings`;
});

const patch = (headers: Record<string, string>, splitThreshold: number) =>
  t.call(owner, { method: 'PATCH', url, headers, payload: { splitThreshold } });

describe('PATCH backlog-settings', () => {
  it('requires If-Match (428) and a version number (400)', async () => {
    const none = await patch({}, 8);
    expect(none.statusCode).toBe(428);
    expect(none.json().error.code).toBe('precondition_required');
    for (const bad of ['abc', '-1', '99999999999999999999']) {
      const res = await patch({ 'if-match': bad }, 8);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.fields).toHaveProperty('If-Match');
    }
    expect((await t.call(owner, { method: 'GET', url })).json()).toMatchObject({
      splitThreshold: 13,
      version: 0,
    });
  });

  it('saves with the current version and refuses a stale one with 412 and the current settings', async () => {
    const first = await patch({ 'if-match': '0' }, 8);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ splitThreshold: 8, version: 1 });
    const stale = await patch({ 'if-match': '0' }, 5);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('version_conflict');
    expect(stale.json().error.details.current).toMatchObject({ splitThreshold: 8, version: 1 });
    const next = await patch({ 'if-match': '"1"' }, 5);
    expect(next.json()).toMatchObject({ splitThreshold: 5, version: 2 });
  });

  it('lets exactly one of two racing saves of the same version through', async () => {
    const [a, b] = await Promise.all([patch({ 'if-match': '2' }, 3), patch({ 'if-match': '2' }, 20)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
  });
});
