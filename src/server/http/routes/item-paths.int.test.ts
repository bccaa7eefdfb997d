import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/**
 * Every path that changes a backlog item goes through the item aggregate: each test here would
 * fail if its path wrote around it (import, sprint done/review/close, poker, concurrent creates,
 * sprint planning's Definition of Ready).
 */
let t: TestApp;
let owner: TestUser;
let dev: TestUser;
let fay: TestUser;
let productId: string;
let n = 0;

type Call = Parameters<TestApp['call']>[1];
const call = (as: TestUser, method: Call['method'], url: string, payload?: object, headers?: object) =>
  t.call(as, {
    method,
    url,
    ...(payload ? { payload } : {}),
    ...(headers ? { headers: headers as Record<string, string> } : {}),
  });
const itemsUrl = () => `/api/v1/products/${productId}/items`;
const get = async (id: string) => (await call(owner, 'GET', `/api/v1/items/${id}`)).json();
const historyTypes = async (id: string): Promise<string[]> =>
  (await call(owner, 'GET', `/api/v1/items/${id}/history`))
    .json()
    .entries.map((e: { type: string }) => e.type);

/** A story that meets the default Definition of Ready once sized by the team. */
async function readyItem(size = 3, status: 'new' | 'ready' = 'ready') {
  n += 1;
  const created = await call(owner, 'POST', itemsUrl(), {
    type: 'story',
    title: `Story ${n}`,
    problem: 'A member cannot find the meeting room',
    acceptanceCriteria: [{ given: 'a meeting', when: 'I open it', then: 'I see the room' }],
    businessValue: 5,
    segmentIds: [segmentId],
  });
  expect(created.statusCode, created.body).toBe(201);
  const sized = await call(
    dev,
    'PATCH',
    `/api/v1/items/${created.json().id}`,
    { size, ...(status === 'ready' ? { status } : {}) },
    { 'if-match': '1' },
  );
  expect(sized.statusCode, sized.body).toBe(200);
  return sized.json() as { id: string; key: string; version: number; size: number; status: string };
}

let segmentId: string;
let dod: string[];

async function activeSprint(itemIds: string[]) {
  n += 1;
  const s = await call(dev, 'POST', `/api/v1/products/${productId}/sprints`, {
    name: `Sprint ${n}`,
    startDate: '2026-11-23',
    endDate: '2026-12-04',
  });
  expect(s.statusCode, s.body).toBe(201);
  const id = s.json().id as string;
  for (const i of itemIds)
    expect((await call(dev, 'POST', `/api/v1/sprints/${id}/items/${i}`)).statusCode).toBe(200);
  const started = await call(dev, 'POST', `/api/v1/sprints/${id}/start`, { confirmOverForecast: true });
  expect(started.statusCode, started.body).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Paula PO');
  dev = await t.user('Dan Dev');
  fay = await t.user('Fay Facilitator');
  productId = (await t.product(owner, 'Paths product', 'PATH')).id;
  await t.addMember(owner, productId, dev, 'team');
  await t.addMember(owner, productId, fay, 'facilitator');
  const seg = await call(owner, 'POST', `/api/v1/products/${productId}/segments`, { name: 'Members' });
  expect(seg.statusCode, seg.body).toBe(201);
  segmentId = seg.json().id;
  dod = (await call(dev, 'GET', `/api/v1/products/${productId}/definition-of-done`)).json().checklist;
});

describe('CSV import', () => {
  it('leaves out the story points of a file the PO imports, and reports them', async () => {
    const csv = 'Summary,Issue key,Issue Type,Story Points\nImported with points,IMP-1,Story,8';
    const r = await call(owner, 'POST', `${itemsUrl()}/import`, { csv });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      created: 1,
      updated: 0,
      leftOut: [{ line: 2, field: 'size', reason: expect.stringMatching(/team/) }],
    });
    const list = (await call(owner, 'GET', `${itemsUrl()}?q=Imported+with+points`)).json().items;
    expect(list).toHaveLength(1);
    expect(list[0].size).toBeNull();
  });

  it('refuses a whole file whose row breaks a status rule or the Definition of Ready', async () => {
    const before = (await call(owner, 'GET', `${itemsUrl()}?limit=500`)).json().items.length;
    const accepted = 'Summary,Issue Type,Status\nFine row,Story,new\nFinished elsewhere,Story,accepted';
    const preview = (await call(owner, 'POST', `${itemsUrl()}/import/preview`, { csv: accepted })).json();
    expect(preview.counts).toEqual({ create: 1, update: 0, error: 1 });
    expect(preview.rows[1].errors.status).toMatch(/new or ready/);
    const r = await call(owner, 'POST', `${itemsUrl()}/import`, { csv: accepted });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields['line 3.status']).toMatch(/new or ready/);
    const unready = 'Summary,Issue Type,Status\nNot ready at all,Story,ready';
    const r2 = await call(owner, 'POST', `${itemsUrl()}/import`, { csv: unready });
    expect(r2.statusCode).toBe(409);
    expect(r2.json().error.code).toBe('not_ready');
    expect((await call(owner, 'GET', `${itemsUrl()}?limit=500`)).json().items.length).toBe(before);
  });

  it('re-imports through the same rules: a transition the backlog refuses, and no event without a change', async () => {
    const item = await readyItem(3, 'new');
    const bad = `Summary,Issue key,Issue Type,Status\n${'Story'},${item.key},Story,done`;
    const r = await call(owner, 'POST', `${itemsUrl()}/import`, { csv: bad });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields['line 2.status']).toMatch(/cannot go from new to done/);
    expect((await get(item.id)).status).toBe('new');
    const current = await get(item.id);
    const same = `Summary,Issue key,Issue Type,Story Points\n${current.title},${item.key},Story,3`;
    const unchanged = await call(owner, 'POST', `${itemsUrl()}/import`, { csv: same });
    expect(unchanged.json()).toEqual({ created: 0, updated: 1 });
    expect((await get(item.id)).version).toBe(current.version);
    expect(await historyTypes(item.id)).not.toContain('item.reimported');
    const renamed = `Summary,Issue key,Issue Type,Story Points\nRenamed by file,${item.key},Story,3`;
    expect((await call(owner, 'POST', `${itemsUrl()}/import`, { csv: renamed })).statusCode).toBe(200);
    expect(await historyTypes(item.id)).toContain('item.reimported');
    expect((await get(item.id)).title).toBe('Renamed by file');
  });

  it('keeps a started sprint’s sizes: a file’s new size for one of its items is left out', async () => {
    const item = await readyItem(3);
    await activeSprint([item.id]);
    const csv = `Summary,Issue key,Issue Type,Story Points\nResized by file,${item.key},Story,13`;
    const r = await call(owner, 'POST', `${itemsUrl()}/import`, { csv });
    expect(r.json().leftOut).toEqual([expect.objectContaining({ line: 2, field: 'size' })]);
    expect((await get(item.id)).size).toBe(3);
    await closeRunning();
  });
});

async function closeRunning() {
  const sprints = (await call(dev, 'GET', `/api/v1/products/${productId}/sprints`)).json().sprints;
  for (const s of sprints.filter((x: { state: string }) => x.state === 'active'))
    expect((await call(dev, 'POST', `/api/v1/sprints/${s.id}/close`, {})).statusCode).toBe(200);
}

describe('sprint done, review and close', () => {
  it('moves status only along the sprint’s moves, through the one writer (the item’s version changes)', async () => {
    const a = await readyItem(3);
    const b = await readyItem(2);
    const sprint = await activeSprint([a.id, b.id]);
    const early = await call(owner, 'POST', `/api/v1/sprints/${sprint}/items/${a.id}/accept`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(`${a.key} is ready; only done work can be accepted.`);
    expect((await get(a.id)).status).toBe('ready');
    const before = (await get(a.id)).version;
    const done = await call(dev, 'POST', `/api/v1/sprints/${sprint}/items/${a.id}/done`, { checked: dod });
    expect(done.statusCode, done.body).toBe(200);
    expect(await get(a.id)).toMatchObject({ status: 'done', version: before + 1 });
    const again = await call(dev, 'POST', `/api/v1/sprints/${sprint}/items/${a.id}/done`, { checked: dod });
    expect(again.statusCode).toBe(409);
    expect(
      (await call(owner, 'POST', `/api/v1/sprints/${sprint}/items/${a.id}/accept`, { comment: 'ok' }))
        .statusCode,
    ).toBe(200);
    const rejected = await call(owner, 'POST', `/api/v1/sprints/${sprint}/items/${a.id}/reject`, {
      comment: 'Changed my mind',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect((await get(a.id)).status).toBe('rejected');
    // Close: the rejected item and the untouched one go back; the rejected one as ready.
    expect((await call(dev, 'POST', `/api/v1/sprints/${sprint}/close`, {})).statusCode).toBe(200);
    expect((await get(a.id)).status).toBe('ready');
    expect((await get(b.id)).status).toBe('ready');
    const history = (await call(owner, 'GET', `/api/v1/items/${a.id}/history`)).json().entries;
    expect(history.at(-1).changes).toEqual(
      expect.arrayContaining([
        { field: 'status', before: 'rejected', after: 'ready' },
        { field: 'returnedFromSprint', before: null, after: sprint },
      ]),
    );
  });
});

describe('planning poker', () => {
  it('does not re-size an item of a started sprint silently: the sprint asks for a reason', async () => {
    const item = await readyItem(3);
    const session = await call(fay, 'POST', `/api/v1/products/${productId}/poker`, {
      itemIds: [item.id],
      title: 'Re-estimate',
    });
    expect(session.statusCode, session.body).toBe(201);
    const id = session.json().id;
    await activeSprint([item.id]);
    expect((await call(dev, 'POST', `/api/v1/poker/${id}/votes`, { value: '8' })).statusCode).toBe(200);
    expect((await call(fay, 'POST', `/api/v1/poker/${id}/reveal`)).statusCode).toBe(200);
    const agreed = await call(dev, 'POST', `/api/v1/poker/${id}/agree`, { value: '8' });
    expect(agreed.statusCode).toBe(409);
    expect(agreed.json().error.code).toBe('reason_required');
    expect((await get(item.id)).size).toBe(3);
    await closeRunning();
    const after = await call(dev, 'POST', `/api/v1/poker/${id}/agree`, { value: '8' });
    expect(after.statusCode, after.body).toBe(200);
    expect((await get(item.id)).size).toBe(8);
  });
});

describe('sprint planning readiness', () => {
  it('uses the backlog’s Definition of Ready: an open spike keeps an item from being estimable', async () => {
    const saved = await call(
      owner,
      'PATCH',
      `/api/v1/products/${productId}/backlog-settings`,
      { definitionOfReady: ['estimable'] },
      { 'if-match': '0' },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const item = await readyItem(3);
    const spike = await call(owner, 'POST', itemsUrl(), { type: 'spike', title: 'Which room API?' });
    expect(spike.statusCode, spike.body).toBe(201);
    const link = await call(dev, 'POST', `/api/v1/items/${spike.json().id}/links`, {
      kind: 'blocks',
      toItemId: item.id,
    });
    expect(link.statusCode, link.body).toBe(201);
    const invest = (await call(owner, 'GET', `/api/v1/items/${item.id}/invest`)).json();
    expect(invest.readinessGaps).toEqual(['estimable']);
    n += 1;
    const s = await call(dev, 'POST', `/api/v1/products/${productId}/sprints`, {
      name: `Planning ${n}`,
      startDate: '2026-12-07',
      endDate: '2026-12-18',
    });
    const board = (await call(dev, 'POST', `/api/v1/sprints/${s.json().id}/items/${item.id}`)).json();
    const card = board.items.find((i: { itemId: string }) => i.itemId === item.id);
    expect(card.ready).toBe(false);
    expect(card.notReadyReasons).toEqual([
      `Waiting for spike ${spike.json().key} before it can be estimated`,
    ]);
  });
});

describe('creates racing for the bottom of the backlog', () => {
  it('gives 50 concurrent creates 50 distinct keys and places, none answered 5xx', async () => {
    // Moves to the bottom race them for the same key (the one after the last item).
    for (let i = 0; i < 11; i += 1)
      expect(
        (await call(owner, 'POST', itemsUrl(), { type: 'enabler', title: `Before ${i}` })).statusCode,
      ).toBe(201);
    const order = (await call(owner, 'GET', `${itemsUrl()}?limit=500`)).json().items as Array<{ id: string }>;
    const last = order.at(-1)!.id;
    const movers = order.slice(0, 10).map((i) => i.id);
    const [results, moves] = await Promise.all([
      Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          call(owner, 'POST', itemsUrl(), { type: 'enabler', title: `Racing ${i}` }),
        ),
      ),
      Promise.all(movers.map((id) => call(owner, 'POST', `/api/v1/items/${id}/move`, { after: last }))),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    expect(moves.every((m) => m.statusCode < 500)).toBe(true);
    const created = results.map((r) => r.json() as { key: string; rank: string });
    expect(new Set(created.map((c) => c.key)).size).toBe(50);
    const ranks = (await call(owner, 'GET', `${itemsUrl()}?limit=500`))
      .json()
      .items.map((i: { rank: string }) => i.rank);
    expect(new Set(ranks).size).toBe(ranks.length);
    expect(new Set(created.map((c) => c.rank)).size).toBe(50);
  });
});
