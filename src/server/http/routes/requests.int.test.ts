import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

let t: TestApp;
let po: TestUser;
let tina: TestUser;
let sara: TestUser;
let sven: TestUser;
let vic: TestUser;
let stranger: TestUser;
let productId: string;
let vipId: string;
let secId: string;

const api = (
  as: TestUser,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: object,
  headers?: Record<string, string>,
) => t.call(as, { method, url, ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) });

async function ask(as: TestUser, title: string, extra: object = {}) {
  const r = await api(as, 'POST', `/api/v1/products/${productId}/requests`, {
    title,
    problem: `${title}: it is hard because we re-type everything`,
    ...extra,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

const publish = async (id: string) => {
  const cur = (await api(po, 'GET', `/api/v1/requests/${id}`)).json();
  const r = await api(
    po,
    'PATCH',
    `/api/v1/requests/${id}`,
    { published: true },
    { 'if-match': String(cur.version) },
  );
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

async function segmentOf(user: TestUser, segmentId: string) {
  await t.pool.query('insert into member_segments (product_id, user_id, segment_id) values ($1, $2, $3)', [
    productId,
    user.id,
    segmentId,
  ]);
}

beforeAll(async () => {
  t = await createTestApp();
  po = await t.user('Paula PO');
  tina = await t.user('Tina Team');
  sara = await t.user('Sara Stakeholder');
  sven = await t.user('Sven Stakeholder');
  vic = await t.user('Vic Viewer');
  stranger = await t.user('Stranger');
  productId = (await t.product(po, 'VIP Meetings')).id;
  await t.addMember(po, productId, tina, 'team');
  await t.addMember(po, productId, sara, 'stakeholder');
  await t.addMember(po, productId, sven, 'stakeholder');
  await t.addMember(po, productId, vic, 'viewer');
  const seg = async (name: string) =>
    (await api(po, 'POST', `/api/v1/products/${productId}/segments`, { name })).json().id as string;
  vipId = await seg('VIP members');
  secId = await seg('Secretariat');
  await segmentOf(sara, vipId);
  await segmentOf(sven, vipId);
  await segmentOf(tina, secId);
});

describe('asking', () => {
  it('lets any member ask, reads the documented shape, and records request.created', async () => {
    const q = await ask(sara, 'Guest list on my phone', { segmentId: vipId });
    expect(q).toMatchObject({
      productId,
      title: 'Guest list on my phone',
      segmentId: vipId,
      status: 'open',
      itemId: null,
      requesterId: sara.id,
      supporters: 1,
      published: false,
      supportedByMe: true,
      mine: true,
      declineReason: null,
    });
    for (const k of ['id', 'productId', 'title', 'problem', 'segmentId', 'status', 'itemId', 'requesterId'])
      expect(q).toHaveProperty(k);
    const ev = await t.pool.query(`select type, after from events where entity_id = $1`, [q.id]);
    expect(ev.rows).toEqual([
      {
        type: 'request.created',
        after: { title: q.title, problem: q.problem, segmentId: vipId },
      },
    ]);
    // Unsaid, the segment is the requester's own (Tina belongs to the Secretariat only).
    expect(await ask(tina, 'Team asks too')).toMatchObject({ requesterId: tina.id, segmentId: secId });
    expect((await ask(tina, 'No segment', { segmentId: null })).segmentId).toBeNull();
  });

  it('names each bad field, and refuses another product’s segment', async () => {
    const r = await api(sara, 'POST', `/api/v1/products/${productId}/requests`, { title: ' ', problem: '' });
    expect(r.statusCode).toBe(400);
    expect(Object.keys(r.json().error.fields).sort()).toEqual(['problem', 'title']);
    const other = (await t.product(po, 'Other')).id;
    const foreign = (await api(po, 'POST', `/api/v1/products/${other}/segments`, { name: 'X' })).json().id;
    const s = await api(sara, 'POST', `/api/v1/products/${productId}/requests`, {
      title: 'A',
      problem: 'B',
      segmentId: foreign,
    });
    expect(s.statusCode).toBe(400);
    expect(s.json().error.fields).toHaveProperty('segmentId');
  });
});

describe('who sees what', () => {
  it('shows a stakeholder their own and the published ones; another’s unpublished one is a 404', async () => {
    const mine = await ask(sara, 'Sara private');
    const svens = await ask(sven, 'Sven private');
    const shared = await ask(sven, 'Sven shared');
    await publish(shared.id);
    const list = (await api(sara, 'GET', `/api/v1/products/${productId}/requests`)).json().requests;
    const titles = list.map((q: { title: string }) => q.title);
    expect(titles).toContain('Sara private');
    expect(titles).toContain('Sven shared');
    expect(titles).not.toContain('Sven private');
    expect(titles).not.toContain('Team asks too');
    expect((await api(sara, 'GET', `/api/v1/requests/${svens.id}`)).statusCode).toBe(404);
    expect((await api(sara, 'POST', `/api/v1/requests/${svens.id}/support`)).statusCode).toBe(404);
    expect((await api(sara, 'GET', `/api/v1/requests/${mine.id}`)).statusCode).toBe(200);
    // The PO, the team and viewers read them all.
    for (const who of [po, tina, vic]) {
      const all = (await api(who, 'GET', `/api/v1/products/${productId}/requests`)).json().requests;
      expect(all.map((q: { title: string }) => q.title)).toEqual(
        expect.arrayContaining(['Sara private', 'Sven private', 'Sven shared']),
      );
    }
  });

  it('gives a stranger 404 on every request route', async () => {
    const q = await ask(sara, 'For strangers');
    for (const [m, url] of [
      ['GET', `/api/v1/products/${productId}/requests`],
      ['POST', `/api/v1/products/${productId}/requests`],
      ['GET', `/api/v1/requests/${q.id}`],
      ['POST', `/api/v1/requests/${q.id}/support`],
      ['POST', `/api/v1/requests/${q.id}/triage`],
      ['GET', `/api/v1/products/${productId}/portal`],
    ] as const) {
      const r = await api(stranger, m, url, m === 'POST' ? { title: 'x', problem: 'y' } : undefined);
      expect(r.statusCode, `${m} ${url}`).toBe(404);
      expect(r.body).not.toContain('For strangers');
    }
  });

  it('lets only the PO publish, edit and triage', async () => {
    const q = await ask(sara, 'Only the PO');
    const h = { 'if-match': String(q.version) };
    expect((await api(tina, 'PATCH', `/api/v1/requests/${q.id}`, { published: true }, h)).statusCode).toBe(
      403,
    );
    expect((await api(sara, 'PATCH', `/api/v1/requests/${q.id}`, { title: 'Mine' }, h)).statusCode).toBe(403);
    expect(
      (await api(tina, 'POST', `/api/v1/requests/${q.id}/triage`, { action: 'decline', reason: 'x' }))
        .statusCode,
    ).toBe(403);
    // If-Match: required, and a stale version is a 412.
    expect((await api(po, 'PATCH', `/api/v1/requests/${q.id}`, { title: 'New' })).statusCode).toBe(428);
    const ok = await api(po, 'PATCH', `/api/v1/requests/${q.id}`, { title: 'Clearer title' }, h);
    expect(ok.json()).toMatchObject({ title: 'Clearer title', version: q.version + 1 });
    expect((await api(po, 'PATCH', `/api/v1/requests/${q.id}`, { title: 'Again' }, h)).statusCode).toBe(412);
    const ev = await t.pool.query(
      `select before, after from events where entity_id = $1 and type = 'request.updated'`,
      [q.id],
    );
    expect(ev.rows).toEqual([{ before: { title: 'Only the PO' }, after: { title: 'Clearer title' } }]);
  });
});

describe('+1', () => {
  it('counts once per person, even with parallel calls, and a second call answers the same', async () => {
    const q = await ask(sara, 'Seat plan');
    await publish(q.id);
    const calls = await Promise.all(
      Array.from({ length: 8 }, () => api(sven, 'POST', `/api/v1/requests/${q.id}/support`)),
    );
    for (const c of calls) {
      expect(c.statusCode, c.body).toBe(200);
      expect(c.json()).toMatchObject({ supporters: 2, supportedByMe: true });
    }
    // The requester's own +1 is a no-op too: they asked already.
    expect((await api(sara, 'POST', `/api/v1/requests/${q.id}/support`)).json().supporters).toBe(2);
    expect((await api(tina, 'POST', `/api/v1/requests/${q.id}/support`)).json().supporters).toBe(3);
    const rows = await t.pool.query(
      'select count(*)::int as n from request_supporters where request_id = $1',
      [q.id],
    );
    expect(rows.rows[0].n).toBe(3);
    const ev = await t.pool.query(
      `select after from events where entity_id = $1 and type = 'request.supported' order by id`,
      [q.id],
    );
    expect(ev.rows.map((r) => r.after)).toEqual([{ supporters: 2 }, { supporters: 3 }]);
    // Sorted by how many asked.
    const sorted = (await api(po, 'GET', `/api/v1/products/${productId}/requests?sort=supporters`)).json()
      .requests;
    expect(sorted[0].id).toBe(q.id);
  });
});

describe('triage', () => {
  it('declines only with a reason, naming the field', async () => {
    const q = await ask(sara, 'Gold-plated invitations');
    for (const body of [{ action: 'decline' }, { action: 'decline', reason: '   ' }]) {
      const r = await api(po, 'POST', `/api/v1/requests/${q.id}/triage`, body);
      expect(r.statusCode).toBe(400);
      expect(r.json().error.fields).toHaveProperty('reason');
    }
    const r = await api(po, 'POST', `/api/v1/requests/${q.id}/triage`, {
      action: 'decline',
      reason: 'Printing is out of scope this year',
    });
    expect(r.json()).toMatchObject({
      status: 'declined',
      declineReason: 'Printing is out of scope this year',
    });
    // The requester sees the status change and the reason.
    expect((await api(sara, 'GET', `/api/v1/requests/${q.id}`)).json()).toMatchObject({
      status: 'declined',
      declineReason: 'Printing is out of scope this year',
    });
    const ev = await t.pool.query(
      `select before, after from events where entity_id = $1 and type = 'request.triaged'`,
      [q.id],
    );
    expect(ev.rows).toEqual([
      {
        before: { status: 'open', itemId: null },
        after: {
          action: 'decline',
          status: 'declined',
          itemId: null,
          reason: 'Printing is out of scope this year',
        },
      },
    ]);
  });

  it('creates a backlog item whose problem is the request’s, through the item rules', async () => {
    const q = await ask(sara, 'Find my seat', { segmentId: vipId });
    const r = await api(po, 'POST', `/api/v1/requests/${q.id}/triage`, { action: 'create' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'planned' });
    const item = (await api(po, 'GET', `/api/v1/items/${r.json().itemId}`)).json();
    expect(item).toMatchObject({
      title: 'Find my seat',
      problem: q.problem,
      segmentIds: [vipId],
      type: 'story',
    });
    expect(r.json().itemKey).toBe(item.key);
    const created = await t.pool.query(`select type from events where entity_id = $1`, [item.id]);
    expect(created.rows.map((x) => x.type)).toEqual(['item.created']);
    // The item aggregate still decides: the PO cannot size it.
    const q2 = await ask(sara, 'Sized by the PO?');
    const refused = await api(po, 'POST', `/api/v1/requests/${q2.id}/triage`, {
      action: 'create',
      item: { size: 5 },
    });
    expect(refused.json().error.code).toBe('estimate_by_team_only');
    expect((await api(po, 'GET', `/api/v1/requests/${q2.id}`)).json().status).toBe('open');
    // A retried create (same Idempotency-Key) makes no second item.
    const q4 = await ask(sara, 'Retried create');
    const h = { 'idempotency-key': 'triage-create-retry-1' };
    const first = await api(po, 'POST', `/api/v1/requests/${q4.id}/triage`, { action: 'create' }, h);
    const again = await api(po, 'POST', `/api/v1/requests/${q4.id}/triage`, { action: 'create' }, h);
    expect(again.json().itemId).toBe(first.json().itemId);
    const made = await t.pool.query('select count(*)::int as n from items where title = $1', [
      'Retried create',
    ]);
    expect(made.rows[0].n).toBe(1);
    // A given problem wins over the request's.
    const q3 = await ask(sara, 'Own words');
    const own = await api(po, 'POST', `/api/v1/requests/${q3.id}/triage`, {
      action: 'create',
      item: { title: 'Seat finder v2', problem: 'VIPs cannot find their seat in the hall' },
    });
    const item3 = (await api(po, 'GET', `/api/v1/items/${own.json().itemId}`)).json();
    expect(item3).toMatchObject({
      title: 'Seat finder v2',
      problem: 'VIPs cannot find their seat in the hall',
    });
  });

  it('links to an item of this product only; the item shows who asked per segment', async () => {
    const item = (
      await api(po, 'POST', `/api/v1/products/${productId}/items`, {
        title: 'Agenda on the phone',
        problem: 'VIPs miss the agenda',
      })
    ).json();
    const a = await ask(sara, 'Agenda please', { segmentId: vipId });
    const b = await ask(tina, 'Agenda for us');
    await publish(a.id);
    await api(sven, 'POST', `/api/v1/requests/${a.id}/support`);
    const other = (await t.product(po, 'Elsewhere')).id;
    const foreign = (
      await api(po, 'POST', `/api/v1/products/${other}/items`, { title: 'Foreign', problem: 'Not here' })
    ).json();
    const bad = await api(po, 'POST', `/api/v1/requests/${a.id}/triage`, {
      action: 'link',
      itemId: foreign.id,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('itemId');
    for (const q of [a, b]) {
      const r = await api(po, 'POST', `/api/v1/requests/${q.id}/triage`, { action: 'link', itemId: item.id });
      expect(r.json()).toMatchObject({ status: 'planned', itemId: item.id, itemKey: item.key });
    }
    const asked = (await api(po, 'GET', `/api/v1/items/${item.id}/requests`)).json();
    expect(asked.requests.map((q: { id: string }) => q.id).sort()).toEqual([a.id, b.id].sort());
    expect(asked.askedBy).toBe(3);
    expect(asked.bySegment).toEqual([
      { segmentId: vipId, name: 'VIP members', people: 2 },
      { segmentId: secId, name: 'Secretariat', people: 1 },
    ]);
    // Internal reads stay internal: a stakeholder cannot read an item's requests.
    expect((await api(sara, 'GET', `/api/v1/items/${item.id}/requests`)).statusCode).toBe(403);
  });

  it('filters by status and segment', async () => {
    const open = (await api(po, 'GET', `/api/v1/products/${productId}/requests?status=declined`)).json()
      .requests;
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((q: { status: string }) => q.status === 'declined')).toBe(true);
    const vip = (await api(po, 'GET', `/api/v1/products/${productId}/requests?segment=${vipId}`)).json()
      .requests;
    expect(vip.length).toBeGreaterThan(0);
    expect(vip.every((q: { segmentId: string }) => q.segmentId === vipId)).toBe(true);
    const oldest = (await api(po, 'GET', `/api/v1/products/${productId}/requests?sort=oldest`)).json()
      .requests;
    expect(oldest[0].title).toBe('Guest list on my phone');
  });
});

describe('item published', () => {
  it('is set by the PO only, on create and PATCH', async () => {
    const r = await api(tina, 'POST', `/api/v1/products/${productId}/items`, {
      title: 'Team publishes?',
      problem: 'p',
      published: true,
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.fields).toEqual({ published: 'Published by the Product Owner' });
    const item = (
      await api(tina, 'POST', `/api/v1/products/${productId}/items`, { title: 'Team item', problem: 'p' })
    ).json();
    expect(item.published).toBe(false);
    const h = { 'if-match': String(item.version) };
    expect((await api(tina, 'PATCH', `/api/v1/items/${item.id}`, { published: true }, h)).statusCode).toBe(
      403,
    );
    const ok = await api(po, 'PATCH', `/api/v1/items/${item.id}`, { published: true }, h);
    expect(ok.json().published).toBe(true);
    const list = (await api(po, 'GET', `/api/v1/products/${productId}/items?limit=500`)).json().items;
    expect(list.find((i: { id: string }) => i.id === item.id).published).toBe(true);
  });
});
