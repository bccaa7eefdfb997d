import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/** The backlog and the sprint agree: a started sprint's items are not re-sized without a reason. */
let t: TestApp;
let owner: TestUser;
let dev: TestUser;
let productId: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Paula PO');
  dev = await t.user('Dan Dev');
  productId = (await t.product(owner, 'Lock product', 'LOCK')).id;
  await t.addMember(owner, productId, dev, 'team');
});

async function sizedItem(size: number) {
  const created = await t.call(owner, {
    method: 'POST',
    url: `/api/v1/products/${productId}/items`,
    payload: {
      type: 'story',
      title: `Story of ${size}`,
      problem: 'A member cannot find the meeting room',
      acceptanceCriteria: [{ given: 'a meeting', when: 'I open it', then: 'I see the room' }],
      businessValue: 5,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const sized = await t.call(dev, {
    method: 'PATCH',
    url: `/api/v1/items/${created.json().id}`,
    payload: { size },
    headers: { 'if-match': String(created.json().version) },
  });
  expect(sized.statusCode, sized.body).toBe(200);
  return sized.json() as { id: string; version: number };
}

describe('sizes in a started sprint', () => {
  it('can be changed freely before start, and only with a reason from the sprint after it', async () => {
    const item = await sizedItem(3);
    const sprint = await t.call(dev, {
      method: 'POST',
      url: `/api/v1/products/${productId}/sprints`,
      payload: { name: 'Sprint 1', startDate: '2026-11-23', endDate: '2026-12-04' },
    });
    expect(sprint.statusCode, sprint.body).toBe(201);
    const sprintId = sprint.json().id;
    expect(
      (await t.call(dev, { method: 'POST', url: `/api/v1/sprints/${sprintId}/items/${item.id}` })).statusCode,
    ).toBe(200);
    const before = await t.call(dev, {
      method: 'PATCH',
      url: `/api/v1/items/${item.id}`,
      payload: { size: 5 },
      headers: { 'if-match': String(item.version) },
    });
    expect(before.statusCode, before.body).toBe(200);
    const started = await t.call(dev, {
      method: 'POST',
      url: `/api/v1/sprints/${sprintId}/start`,
      payload: { confirmOverForecast: true },
    });
    expect(started.statusCode, started.body).toBe(200);
    const silent = await t.call(dev, {
      method: 'PATCH',
      url: `/api/v1/items/${item.id}`,
      payload: { size: 8 },
      headers: { 'if-match': String(before.json().version) },
    });
    expect(silent.statusCode).toBe(409);
    expect(silent.json().error).toMatchObject({
      code: 'reason_required',
      fields: { size: expect.any(String) },
    });
    expect((await t.call(dev, { method: 'GET', url: `/api/v1/items/${item.id}` })).json().size).toBe(5);
    const other = await t.call(dev, {
      method: 'PATCH',
      url: `/api/v1/items/${item.id}`,
      payload: { title: 'Story of five' },
      headers: { 'if-match': String(before.json().version) },
    });
    expect(other.statusCode, 'other fields stay editable').toBe(200);
    const report = async () =>
      (await t.call(dev, { method: 'GET', url: `/api/v1/sprints/${sprintId}/report` })).json();
    expect((await report()).scopeChanges).toEqual([]);
    expect((await report()).scopeChanges).toEqual([]); // served from the cache now
    const resized = await t.call(dev, {
      method: 'POST',
      url: `/api/v1/sprints/${sprintId}/items/${item.id}/resize`,
      payload: { size: 8, reason: 'The room data comes from two systems' },
    });
    expect(resized.statusCode, resized.body).toBe(200);
    expect((await t.call(dev, { method: 'GET', url: `/api/v1/items/${item.id}` })).json().size).toBe(8);
    // The (cached) report shows the change on the very next read.
    expect((await report()).scopeChanges).toEqual([
      expect.objectContaining({
        itemId: item.id,
        change: 'resized',
        reason: 'The room data comes from two systems',
      }),
    ]);
  });
});
