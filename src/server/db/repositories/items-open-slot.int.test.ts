import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/**
 * A new item lands at the bottom of the OPEN work: below everything still to do, above items
 * that are done, accepted or rejected (a new user saw theirs vanish under finished work).
 */
let t: TestApp;
let owner: TestUser;
let productId: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Olive Owner');
  productId = (await t.product(owner, 'Slot product', 'SLOT')).id;
});

const create = async (title: string) => {
  const r = await t.call(owner, {
    method: 'POST',
    url: `/api/v1/products/${productId}/items`,
    payload: { type: 'enabler', title },
  });
  expect(r.statusCode).toBe(201);
  return r.json<{ id: string; key: string }>();
};
const order = async () =>
  (await t.call(owner, { method: 'GET', url: `/api/v1/products/${productId}/items?limit=100` }))
    .json<{ items: Array<{ title: string }> }>()
    .items.map((i) => i.title);
/** Arranged directly: the status paths to done and accepted are not what this test is about. */
const finish = (id: string, status: 'done' | 'accepted' | 'rejected') =>
  t.pool.query('update items set status = $2 where id = $1', [id, status]);

describe('where a new item goes', () => {
  it('goes first when the backlog holds only finished work', async () => {
    const done = await create('Done one');
    await finish(done.id, 'done');
    await create('Open A');
    expect(await order()).toEqual(['Open A', 'Done one']);
  });

  it('goes under the last open item and above accepted and rejected work', async () => {
    const accepted = await create('Accepted one');
    await finish(accepted.id, 'accepted');
    const rejected = await create('Rejected one');
    await finish(rejected.id, 'rejected');
    await create('Open B');
    await create('Open C');
    // Each finished item was open when created, so it went straight under Open A: the newest first.
    expect(await order()).toEqual(['Open A', 'Open B', 'Open C', 'Rejected one', 'Accepted one', 'Done one']);
  });

  it('repository: the slot is between the last open rank and the next one', async () => {
    const slot = await t.store.read.items.openSlot(productId);
    expect(slot.after).not.toBeNull();
    expect(slot.before).not.toBeNull();
    expect(slot.after! < slot.before!).toBe(true);
  });
});
