import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

let t: TestApp;
let owner: TestUser;
let team: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let productId: string;
let otherProductId: string;

const url = () => `/api/v1/products/${productId}/views`;
const save = (as: TestUser, payload: Record<string, unknown>, pid = productId) =>
  t.call(as, { method: 'POST', url: `/api/v1/products/${pid}/views`, payload });
const list = async (as: TestUser, pid = productId) =>
  (await t.call(as, { method: 'GET', url: `/api/v1/products/${pid}/views` })).json().views as Array<{
    id: string;
    name: string;
    query: string;
    createdAt: string;
  }>;
const viewEvents = async (viewId: string) =>
  (
    await t.pool.query<{ type: string; product_id: string | null; actor_id: string }>(
      `select type, product_id, actor_id from events where entity_type = 'backlog_view' and entity_id = $1 order by id`,
      [viewId],
    )
  ).rows;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Olive Owner');
  team = await t.user('Tom Team');
  viewer = await t.user('Vera Viewer');
  stranger = await t.user('Sam Stranger');
  productId = (await t.product(owner, 'VIP Meetings', 'VIP')).id;
  otherProductId = (await t.product(owner, 'League Platform', 'LEA')).id;
  await t.addMember(owner, productId, team, 'team');
  await t.addMember(owner, productId, viewer, 'viewer');
});

describe('saved backlog views', () => {
  it('saves a view for its owner only, with an event in the same change', async () => {
    const res = await save(owner, { name: 'Ready stories', query: '?status=ready&type=story&sort=wsjf' });
    expect(res.statusCode).toBe(201);
    const view = res.json();
    expect(view).toMatchObject({ name: 'Ready stories', query: '?status=ready&type=story&sort=wsjf' });
    expect(Object.keys(view).sort()).toEqual(['createdAt', 'id', 'name', 'query']);
    expect((await list(owner)).map((v) => v.id)).toEqual([view.id]);
    // Another member of the same product sees none of mine, and neither does the owner elsewhere.
    expect(await list(team)).toEqual([]);
    expect(await list(owner, otherProductId)).toEqual([]);
    const events = await viewEvents(view.id);
    expect(events).toEqual([{ type: 'backlog_view.created', product_id: null, actor_id: owner.id }]);
  });

  it('lets any member, a viewer too, keep views of their own, listed by name', async () => {
    expect((await save(viewer, { name: 'b mine', query: '?q=invoice' })).statusCode).toBe(201);
    expect((await save(viewer, { name: 'A mine', query: '' })).statusCode).toBe(201);
    expect((await list(viewer)).map((v) => v.name)).toEqual(['A mine', 'b mine']);
    expect((await list(owner)).map((v) => v.name)).toEqual(['Ready stories']);
  });

  it('replaces the query when the same person saves the same name again (same id)', async () => {
    const first = (await save(team, { name: 'Mine', query: '?assignee=me' })).json();
    const again = await save(team, { name: '  Mine ', query: '?assignee=me&sort=size' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id: first.id, name: 'Mine', query: '?assignee=me&sort=size' });
    expect(await list(team)).toEqual([again.json()]);
    expect((await viewEvents(first.id)).map((e) => e.type)).toEqual([
      'backlog_view.created',
      'backlog_view.replaced',
    ]);
    // The same name by someone else is a separate view.
    const owners = (await save(owner, { name: 'Mine', query: '?status=new' })).json();
    expect(owners.id).not.toBe(first.id);
    expect((await list(team))[0]!.query).toBe('?assignee=me&sort=size');
  });

  it('names every bad field', async () => {
    const res = await save(owner, { name: '   ', query: 'x'.repeat(2001) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['name', 'query']);
    expect(res.json().error.fields.query).toMatch(/2000/);
    const notSearch = await save(owner, { name: 'ok', query: 'status=ready' });
    expect(notSearch.statusCode).toBe(400);
    expect(Object.keys(notSearch.json().error.fields)).toEqual(['query']);
    const missing = await save(owner, {});
    expect(Object.keys(missing.json().error.fields).sort()).toEqual(['name', 'query']);
    expect((await save(owner, { name: 'n'.repeat(81), query: '' })).json().error.fields.name).toMatch(/80/);
    // The longest allowed query is kept whole.
    const longest = `?q=${'a'.repeat(1997)}`;
    const ok = await save(owner, { name: 'Longest', query: longest });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().query).toBe(longest);
  });

  it('hides the views of a product from a stranger with 404', async () => {
    const get = await t.call(stranger, { method: 'GET', url: url() });
    expect(get.statusCode).toBe(404);
    expect(get.body).not.toContain('Ready stories');
    expect((await save(stranger, { name: 'Sneaky', query: '' })).statusCode).toBe(404);
    const [mine] = await list(owner);
    const del = await t.call(stranger, { method: 'DELETE', url: `${url()}/${mine!.id}` });
    expect(del.statusCode).toBe(404);
    expect((await list(owner)).map((v) => v.id)).toContain(mine!.id);
  });

  it('deletes only your own views: another member’s view id answers 404 and stays', async () => {
    const mine = (await save(team, { name: 'Doomed', query: '?status=done' })).json();
    const theirs = (await list(owner)).find((v) => v.name === 'Ready stories')!;

    const other = await t.call(team, { method: 'DELETE', url: `${url()}/${theirs.id}` });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('not_found');
    expect((await list(owner)).map((v) => v.id)).toContain(theirs.id);

    // My own view, but through a product it does not belong to: also not found.
    await t.addMember(owner, otherProductId, team, 'team');
    const wrongProduct = await t.call(team, {
      method: 'DELETE',
      url: `/api/v1/products/${otherProductId}/views/${mine.id}`,
    });
    expect(wrongProduct.statusCode).toBe(404);

    const del = await t.call(team, { method: 'DELETE', url: `${url()}/${mine.id}` });
    expect(del.statusCode).toBe(204);
    expect((await list(team)).map((v) => v.name)).toEqual(['Mine']);
    expect((await viewEvents(mine.id)).map((e) => e.type)).toEqual([
      'backlog_view.created',
      'backlog_view.deleted',
    ]);
    const again = await t.call(team, { method: 'DELETE', url: `${url()}/${mine.id}` });
    expect(again.statusCode).toBe(404);
    const malformed = await t.call(team, { method: 'DELETE', url: `${url()}/not-a-uuid` });
    expect(malformed.statusCode).toBe(404);
  });

  it('keeps one view when two saves of the same name race', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => save(viewer, { name: 'Raced', query: `?n=${i}` })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    const raced = (await list(viewer)).filter((v) => v.name === 'Raced');
    expect(raced).toHaveLength(1);
    expect(new Set(results.map((r) => r.json().id))).toEqual(new Set([raced[0]!.id]));
  });

  it('keeps personal views out of the product activity feed', async () => {
    const events = (
      await t.call(owner, { method: 'GET', url: `/api/v1/products/${productId}/events` })
    ).json();
    expect(events.events.map((e: { entityType: string }) => e.entityType)).not.toContain('backlog_view');
  });
});
