import { beforeAll, describe, expect, it } from 'vitest';
import { ItemConflictDetails } from '#contracts/items.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

let t: TestApp;
let owner: TestUser;
let team: TestUser;
let holder: TestUser;
let vera: TestUser;
let stranger: TestUser;
let productId: string;
let segmentId: string;

const story = (title: string, extra: Record<string, unknown> = {}) => ({
  type: 'story',
  title,
  problem: 'Secretariat staff re-type guest lists for every meeting.',
  ...extra,
});

async function create(as: TestUser, payload: Record<string, unknown>) {
  return t.call(as, { method: 'POST', url: `/api/v1/products/${productId}/items`, payload });
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Olive Owner');
  team = await t.user('Tom Team');
  holder = await t.user('Stella Stakeholder');
  vera = await t.user('Vera Viewer');
  stranger = await t.user('Sam Stranger');
  productId = (await t.product(owner, 'VIP Meetings', 'VIP')).id;
  await t.addMember(owner, productId, team, 'team');
  await t.addMember(owner, productId, holder, 'stakeholder');
  await t.addMember(owner, productId, vera, 'viewer');
  const seg = await t.call(owner, {
    method: 'POST',
    url: `/api/v1/products/${productId}/segments`,
    payload: { name: 'Secretariat' },
  });
  segmentId = seg.json().id;
});

describe('items CRUD', () => {
  it('creates an item with every field, a key, a default category and WSJF', async () => {
    const res = await create(
      owner,
      story('Guest list import', {
        description: '**Markdown**',
        acceptanceCriteria: [{ given: 'a guest list', when: 'I import it', then: 'guests appear' }],
        segmentIds: [segmentId],
        labels: ['guests'],
        assigneeId: team.id,
        businessValue: 8,
        timeCriticality: 5,
        riskReduction: 3,
        releaseCritical: true,
      }),
    );
    expect(res.statusCode).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({
      key: 'VIP-1',
      productId,
      category: 'feature',
      status: 'new',
      segmentIds: [segmentId],
      labels: ['guests'],
      assigneeId: team.id,
      costOfDelay: 16,
      size: null,
      wsjf: null,
      releaseCritical: true,
      version: 1,
    });
    expect(item.acceptanceCriteria).toHaveLength(1);
  });

  it('names every bad field', async () => {
    const res = await create(owner, {
      type: 'saga',
      title: '',
      businessValue: 4,
      segmentIds: ['nope'],
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(
      ['businessValue', 'segmentIds.0', 'title', 'type'].sort(),
    );
    const noProblem = await create(owner, { type: 'story', title: 'A solution' });
    expect(noProblem.json().error.fields.problem).toMatch(/problem/);
    const foreign = await create(owner, story('x', { assigneeId: stranger.id }));
    expect(foreign.json().error.fields.assigneeId).toMatch(/member/);
  });

  it('lets only the team set size (403 estimate_by_team_only), and only the PO set value', async () => {
    const po = await create(owner, story('Sized by PO', { size: 3 }));
    expect(po.statusCode).toBe(403);
    expect(po.json().error.code).toBe('estimate_by_team_only');
    const item = (await create(owner, story('To estimate'))).json();
    for (const who of [owner]) {
      const r = await t.call(who, {
        method: 'PATCH',
        url: `/api/v1/items/${item.id}`,
        headers: { 'if-match': '1' },
        payload: { size: 5 },
      });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('estimate_by_team_only');
    }
    const byTeam = await t.call(team, {
      method: 'PATCH',
      url: `/api/v1/items/${item.id}`,
      headers: { 'if-match': '1' },
      payload: { size: 5 },
    });
    expect(byTeam.statusCode).toBe(200);
    expect(byTeam.json()).toMatchObject({ size: 5, version: 2 });
    const value = await t.call(team, {
      method: 'PATCH',
      url: `/api/v1/items/${item.id}`,
      headers: { 'if-match': '2' },
      payload: { businessValue: 13 },
    });
    expect(value.statusCode).toBe(403);
    const po2 = await t.call(owner, {
      method: 'PATCH',
      url: `/api/v1/items/${item.id}`,
      headers: { 'if-match': '2' },
      payload: { businessValue: 13, timeCriticality: 5, riskReduction: 2, size: 5 },
    });
    expect(po2.statusCode).toBe(200);
    expect(po2.json().wsjf).toBe(4);
  });

  it('requires If-Match and answers a stale version with 412 and the current item', async () => {
    const item = (await create(owner, story('Concurrent'))).json();
    const url = `/api/v1/items/${item.id}`;
    expect((await t.call(owner, { method: 'PATCH', url, payload: { title: 'x' } })).statusCode).toBe(428);
    const first = await t.call(owner, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '1' },
      payload: { title: 'Mine' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await t.call(team, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '1' },
      payload: { title: 'Theirs' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current).toMatchObject({ title: 'Mine', version: 2, key: item.key });
    // It names who saved last, so the notice can say "Olive saved…", not "Someone saved…".
    const details = ItemConflictDetails.parse(stale.json().error.details);
    expect(details.by).toEqual({ id: owner.id, name: owner.name });
  });

  it('replays a retried create with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'create-once-1' };
    const url = `/api/v1/products/${productId}/items`;
    const a = await t.call(owner, { method: 'POST', url, headers, payload: story('Once') });
    const b = await t.call(owner, { method: 'POST', url, headers, payload: story('Once') });
    expect(b.json().id).toBe(a.json().id);
    const list = await t.call(owner, { method: 'GET', url: `${url}?q=Once` });
    expect(list.json().items.filter((i: { title: string }) => i.title === 'Once')).toHaveLength(1);
  });

  it('hides items from strangers (404) and refuses deletes by non-owners', async () => {
    const item = (await create(owner, story('Private'))).json();
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const r = await t.call(stranger, {
        method,
        url: `/api/v1/items/${item.id}`,
        headers: { 'if-match': '1' },
        payload: method === 'PATCH' ? { title: 'x' } : undefined,
      });
      expect(r.statusCode).toBe(404);
    }
    expect((await t.call(stranger, { method: 'GET', url: '/api/v1/items/not-a-uuid' })).statusCode).toBe(404);
    expect((await t.call(team, { method: 'DELETE', url: `/api/v1/items/${item.id}` })).statusCode).toBe(403);
    expect((await t.call(owner, { method: 'DELETE', url: `/api/v1/items/${item.id}` })).statusCode).toBe(204);
    expect((await t.call(owner, { method: 'GET', url: `/api/v1/items/${item.id}` })).statusCode).toBe(404);
  });
});

describe('readiness, INVEST and history', () => {
  it('gates ready on the Definition of Ready and explains INVEST findings', async () => {
    const item = (await create(owner, story('Not ready'))).json();
    const url = `/api/v1/items/${item.id}`;
    const invest = (await t.call(team, { method: 'GET', url: `${url}/invest` })).json();
    expect(invest.ready).toBe(false);
    expect(invest.readinessGaps.sort()).toEqual(['estimable', 'testable', 'valuable']);
    const refused = await t.call(owner, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '1' },
      payload: { status: 'ready' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('not_ready');
    await t.call(owner, {
      method: 'PATCH',
      url: `/api/v1/products/${productId}/backlog-settings`,
      headers: { 'if-match': '0' },
      payload: { definitionOfReady: ['negotiable'] },
    });
    const ok = await t.call(owner, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '1' },
      payload: { status: 'ready' },
    });
    expect(ok.statusCode).toBe(200);
    const bad = await t.call(owner, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '2' },
      payload: { status: 'accepted' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.status).toMatch(/cannot go/);
  });

  it('keeps every field change with before and after', async () => {
    const item = (await create(owner, story('Tracked'))).json();
    const url = `/api/v1/items/${item.id}`;
    await t.call(owner, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '1' },
      payload: { title: 'Tracked 2', labels: ['a'] },
    });
    expect((await t.call(holder, { method: 'GET', url: `${url}/history` })).statusCode).toBe(403);
    const h = (await t.call(vera, { method: 'GET', url: `${url}/history` })).json();
    expect(h.entries.map((e: { type: string }) => e.type)).toEqual(['item.created', 'item.updated']);
    expect(h.entries[1].changes).toEqual(
      expect.arrayContaining([
        { field: 'title', before: 'Tracked', after: 'Tracked 2' },
        { field: 'labels', before: [], after: ['a'] },
      ]),
    );
    expect(h.entries[1].actor.name).toBe('Olive Owner');
  });

  it('records comments with @mentions and links that make INVEST fail Independent', async () => {
    const a = (await create(owner, story('Blocked one'))).json();
    const spike = (await create(owner, { type: 'spike', title: 'Investigate import' })).json();
    // Comments are internal: the customers' role neither writes nor reads them (issue 10).
    const byStakeholder = {
      method: 'POST' as const,
      url: `/api/v1/items/${a.id}/comments`,
      payload: { body: 'Mine' },
    };
    expect((await t.call(holder, byStakeholder)).statusCode).toBe(403);
    expect((await t.call(holder, { method: 'GET', url: `/api/v1/items/${a.id}/comments` })).statusCode).toBe(
      403,
    );
    const c = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/items/${a.id}/comments`,
      payload: { body: 'Ask @Tom Team please' },
    });
    expect(c.statusCode).toBe(201);
    expect(c.json().mentions).toEqual([{ id: team.id, name: 'Tom Team' }]);
    const link = await t.call(team, {
      method: 'POST',
      url: `/api/v1/items/${spike.id}/links`,
      payload: { kind: 'blocks', toItemId: a.id },
    });
    expect(link.statusCode).toBe(201);
    const invest = (await t.call(team, { method: 'GET', url: `/api/v1/items/${a.id}/invest` })).json();
    const independent = invest.findings.find((f: { check: string }) => f.check === 'independent');
    expect(independent).toMatchObject({ ok: false });
    expect(independent.reason).toContain(spike.key);
  });
});
