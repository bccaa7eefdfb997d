import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allJobs, allRoutes } from '#capabilities/index.ts';
import { startReactions } from '#jobs/reactions.ts';
import { createLogger } from '#server/logger.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';
import type { AnyRoute } from './route.ts';

/**
 * Customer voice attacked (issue 10): as a stranger, a stakeholder of another product, a
 * stakeholder of this one, a viewer, a team member and a retrying client. Each test fails when the
 * hole it names reopens.
 */

let clock = new Date('2026-12-01T09:00:00Z');
const later = (days: number) => new Date(clock.getTime() + days * 86_400_000).toISOString();

/** Unique strings planted in every internal field; none may reach a stakeholder. */
const M = `Zq${Math.random().toString(36).slice(2, 8)}`;
const MARK = {
  description: `${M}Description`,
  comment: `${M}Comment`,
  label: `${M}Label`,
  criteria: `${M}Criteria`,
  assignee: `${M}Assignee`,
  unpublished: `${M}Unpublished`,
  otherStakeholder: `${M}Sue`,
  otherComment: `${M}SueComment`,
  otherRequest: `${M}SueRequest`,
  otherProduct: `${M}OtherProduct`,
  agreementComment: `${M}AgreementComment`,
};
/** The keys of internal fields: no stakeholder response carries them, whatever their value. */
const INTERNAL_KEYS = [
  'size',
  'businessValue',
  'timeCriticality',
  'riskReduction',
  'assigneeId',
  'assignee',
  'assigneeName',
  'acceptanceCriteria',
  'labels',
  'wsjf',
  'history',
];
const SIZE = 977.25;

let t: TestApp;
let base: string;
let owner: TestUser;
let team: TestUser;
let viewer: TestUser;
let stan: TestUser;
let sue: TestUser;
let otto: TestUser; // a stakeholder of another product
let stranger: TestUser;
let productId: string;
let otherProductId: string;
let segmentId: string;
let sprintId: string;
let secret: { id: string; key: string };
let plain: { id: string; key: string };
let hidden: { id: string; key: string };
let otherItem: { id: string; key: string };
let reviewId: string;
let releaseId: string;
let stanRequest: string;
let sueRequest: string;
let publishedRequest: string;
let stanToken: string;
let sueToken: string;
let agreementId: string;

/** Every answer under /api, kept to check the error shape at the end. */
const seen: Array<{ what: string; status: number; body: string }> = [];

async function call(as: TestUser | null, opts: InjectOptions): Promise<LightMyRequestResponse> {
  const res = await t.call(as, opts);
  seen.push({ what: `${opts.method} ${opts.url}`, status: res.statusCode, body: res.body });
  return res;
}
const get = (as: TestUser | null, url: string) => call(as, { method: 'GET', url });
const send = (
  as: TestUser | null,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  headers?: Record<string, string>,
) => call(as, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers });

async function item(title: string, pid = productId, as = owner) {
  const r = await send(as, 'POST', `/api/v1/products/${pid}/items`, {
    type: 'story',
    title,
    problem: `Problem of ${title}`,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; key: string };
}

async function patchItem(as: TestUser, id: string, body: object) {
  const cur = await get(as, `/api/v1/items/${id}`);
  const r = await send(as, 'PATCH', `/api/v1/items/${id}`, body, { 'if-match': String(cur.json().version) });
  expect(r.statusCode, r.body).toBe(200);
}

const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

async function invite(userIds: string[], id = reviewId) {
  const r = await send(owner, 'POST', `/api/v1/reviews/${id}/invitations`, { userIds });
  expect(r.statusCode, r.body).toBe(200);
  const links = r.json().invitations as Array<{ userId: string; url: string }>;
  // In the order asked.
  return userIds.map((u) => tokenOf(links.find((i) => i.userId === u)!.url));
}

async function openReview(sid: string, itemIds: string[]) {
  for (const itemId of itemIds)
    await t.pool.query(
      `insert into sprint_items (sprint_id, item_id, product_id, review) values ($1, $2, $3, 'accepted')`,
      [sid, itemId, productId],
    );
  const r = await send(owner, 'POST', `/api/v1/sprints/${sid}/review`, {});
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

async function sprint(name: string) {
  const r = await send(owner, 'POST', `/api/v1/products/${productId}/sprints`, {
    name,
    goal: 'Ship',
    startDate: '2026-11-16',
    endDate: '2026-11-27',
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

async function release(name: string, itemIds: string[], budget = 10, closesAt = later(7)) {
  const r = await send(owner, 'POST', `/api/v1/products/${productId}/releases`, { name });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json().id as string;
  const v = await send(owner, 'PUT', `/api/v1/releases/${id}/vote`, { budget, itemIds, closesAt });
  expect(v.statusCode, v.body).toBe(200);
  return id;
}

const vote = (as: TestUser, votes: Array<{ itemId: string; points: unknown }>, id = releaseId) =>
  send(as, 'PUT', `/api/v1/releases/${id}/votes/me`, { votes });

/** Reads an SSE stream's first chunk (or nothing) within `ms`, over a real connection. */
function firstChunk(as: TestUser, url: string, ms = 1500): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const req = http.get(
      `${base}${url}`,
      { headers: { cookie: as.cookie, origin: 'http://localhost', accept: 'text/event-stream' } },
      (res) => {
        const done = () => {
          clearTimeout(timer);
          req.destroy();
          resolve({ status: res.statusCode ?? 0, text });
        };
        const timer = setTimeout(done, ms);
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          // The first event with data (a stream may open with `retry:` alone).
          if (/data:.*\n\n/.test(text)) done();
        });
        res.on('end', done);
      },
    );
    req.on('error', (e) => (text ? resolve({ status: 0, text }) : reject(e)));
  });
}

const markers = (extra: string[] = []) => [...Object.values(MARK), String(SIZE), ...extra];

function expectClean(what: string, body: string, extra: string[] = []) {
  for (const m of markers(extra)) expect(body, `${what} leaks ${m}`).not.toContain(m);
  for (const k of INTERNAL_KEYS) expect(body, `${what} carries "${k}"`).not.toContain(`"${k}"`);
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  owner = await t.user('Olivia Owner');
  team = await t.user(`Tom ${MARK.assignee}`);
  viewer = await t.user('Vera Viewer');
  stan = await t.user('Stan Stakeholder');
  sue = await t.user(`Sue ${MARK.otherStakeholder}`);
  otto = await t.user('Otto Other');
  stranger = await t.user('Stranger Danger');
  productId = (await t.product(owner, 'VIP Meetings')).id;
  otherProductId = (await t.product(owner, MARK.otherProduct)).id;
  await t.addMember(owner, productId, team, 'team');
  await t.addMember(owner, productId, viewer, 'viewer');
  await t.addMember(owner, productId, stan, 'stakeholder');
  await t.addMember(owner, productId, sue, 'stakeholder');
  await t.addMember(owner, otherProductId, otto, 'stakeholder');
  segmentId = (
    await send(owner, 'POST', `/api/v1/products/${productId}/segments`, { name: 'VIP members' })
  ).json().id;
  for (const u of [stan, sue]) {
    const r = await send(owner, 'PATCH', `/api/v1/products/${productId}/members/${u.id}`, {
      segmentIds: [segmentId],
    });
    expect(r.statusCode, r.body).toBe(200);
  }

  // The secret item: published, in a review, a vote candidate, linked to a request; every
  // internal field carries a marker.
  secret = await item('Faster minutes');
  plain = await item('Agenda on the phone');
  hidden = await item(`${MARK.unpublished} internal plan`);
  otherItem = await item('Other product item', otherProductId);
  await patchItem(owner, secret.id, {
    description: MARK.description,
    labels: [MARK.label],
    acceptanceCriteria: [{ given: MARK.criteria, when: 'they read', then: 'they see' }],
    businessValue: 13,
    timeCriticality: 20,
    riskReduction: 8,
    assigneeId: team.id,
    published: true,
    segmentIds: [segmentId],
  });
  await patchItem(team, secret.id, { size: SIZE });
  await patchItem(owner, plain.id, { published: true });
  const c = await send(team, 'POST', `/api/v1/items/${secret.id}/comments`, { body: MARK.comment });
  expect(c.statusCode, c.body).toBe(201);

  sprintId = await sprint('Sprint 1');
  reviewId = await openReview(sprintId, [secret.id, plain.id]);
  releaseId = await release('Spring', [secret.id, plain.id]);
  await patchItem(owner, secret.id, { releaseId });
  // The unpublished item is in the release too: a release's items are not a reason to show it.
  await patchItem(owner, hidden.id, { releaseId });

  // Requests: Stan's own (linked to the secret item), Sue's unpublished one, a published one.
  stanRequest = (
    await send(stan, 'POST', `/api/v1/products/${productId}/requests`, { title: 'Minutes', problem: 'Slow' })
  ).json().id;
  sueRequest = (
    await send(sue, 'POST', `/api/v1/products/${productId}/requests`, {
      title: MARK.otherRequest,
      problem: 'Mine alone',
    })
  ).json().id;
  publishedRequest = (
    await send(owner, 'POST', `/api/v1/products/${productId}/requests`, { title: 'Shared', problem: 'All' })
  ).json().id;
  const pub = await get(owner, `/api/v1/requests/${publishedRequest}`);
  expect(
    (
      await send(
        owner,
        'PATCH',
        `/api/v1/requests/${publishedRequest}`,
        { published: true },
        { 'if-match': String(pub.json().version) },
      )
    ).statusCode,
  ).toBe(200);
  const tri = await send(owner, 'POST', `/api/v1/requests/${stanRequest}/triage`, {
    action: 'link',
    itemId: secret.id,
  });
  expect(tri.statusCode, tri.body).toBe(200);

  // Sue answers with a comment and votes; Stan has a link too.
  const tokens = await invite([stan.id, sue.id]);
  stanToken = tokens[0]!;
  sueToken = tokens[1]!;
  const a = await send(sue, 'PUT', `/api/v1/feedback/${sueToken}/increments/${secret.id}`, {
    mood: 'sad',
    rating: 2,
    comment: MARK.otherComment,
  });
  expect(a.statusCode, a.body).toBe(200);
  expect((await vote(sue, [{ itemId: secret.id, points: 7 }])).statusCode).toBe(200);

  // A working agreement the PO shares with stakeholders; the team's comment on it stays internal.
  const ag = await send(owner, 'POST', `/api/v1/products/${productId}/agreements`, {
    title: 'How we handle urgent bugs',
  });
  expect(ag.statusCode, ag.body).toBe(201);
  agreementId = ag.json().id;
  const proposed = await send(owner, 'POST', `/api/v1/agreements/${agreementId}/versions`, {
    body: 'Fix the root cause first.',
    commentUntil: later(3),
    effectiveFrom: later(5),
  });
  expect(proposed.statusCode, proposed.body).toBe(201);
  const commented = await send(team, 'POST', `/api/v1/agreements/${agreementId}/versions/1/comments`, {
    paragraph: 0,
    text: MARK.agreementComment,
  });
  expect(commented.statusCode, commented.body).toBe(201);
  const shared = await send(
    owner,
    'PATCH',
    `/api/v1/agreements/${agreementId}`,
    { shared: true },
    {
      'if-match': String(ag.json().version),
    },
  );
  expect(shared.statusCode, shared.body).toBe(200);
});

afterAll(async () => {
  // The harness closes the app.
});

// ── 1. A stakeholder reads nothing internal ──

const admitsStakeholder = (r: AnyRoute) =>
  r.access.kind === 'public' ||
  r.access.kind === 'user' ||
  (r.access.kind === 'product' && r.access.roles.includes('stakeholder'));

function fillFor(route: AnyRoute): string {
  const values: Record<string, string> = {
    productId,
    requestId: publishedRequest,
    reviewId,
    releaseId,
    itemId: secret.id,
    segmentId,
    userId: stan.id,
    token: stanToken,
    tokenId: '00000000-0000-4000-8000-000000000000',
    noticeId: '00000000-0000-4000-8000-000000000001',
    sessionId: '00000000-0000-4000-8000-000000000002',
    sprintId,
    jobId: '1',
    agreementId,
    version: '1',
    // Internal-only routes (never admitting stakeholders): ids that exist nowhere are enough.
    decisionId: '00000000-0000-4000-8000-000000000003',
    webhookId: '00000000-0000-4000-8000-000000000004',
    deliveryId: '00000000-0000-4000-8000-000000000005',
  };
  return route.url.replace(/:(\w+)/g, (_, k: string) => {
    if (!(k in values)) throw new Error(`${route.url}: no value for :${k}`);
    return values[k]!;
  });
}

describe('a stakeholder reads nothing internal', () => {
  it('the markers are really there for readers (so the walk below can fail)', async () => {
    const asViewer = await get(viewer, `/api/v1/items/${secret.id}`);
    expect(asViewer.body).toContain(MARK.description);
    expect(asViewer.body).toContain(MARK.label);
    expect(asViewer.body).toContain(String(SIZE));
    expect((await get(viewer, `/api/v1/items/${secret.id}/comments`)).body).toContain(MARK.comment);
    expect((await get(owner, `/api/v1/reviews/${reviewId}/results`)).body).toContain(MARK.otherComment);
    expect((await get(viewer, `/api/v1/agreements/${agreementId}`)).body).toContain(MARK.agreementComment);
  });

  it('walks every GET route a stakeholder may call, and every stream, and finds no marker', async () => {
    const routes = allRoutes.filter((r) => r.method === 'GET' && admitsStakeholder(r));
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const url = fillFor(route);
      if (route.raw) {
        const { text } = await firstChunk(stan, url);
        expectClean(url, text, [hidden.key, MARK.unpublished]);
        continue;
      }
      const res = await get(stan, url);
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
      expectClean(url, res.body);
      // The unpublished item is in no review, no vote: its title never shows.
      expect(res.body, url).not.toContain(MARK.unpublished);
    }
  });

  it('the portal, the ballot and the feedback form show the candidates and increments, nothing more', async () => {
    const portal = await get(stan, `/api/v1/products/${productId}/portal`);
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain('Faster minutes');
    const ballot = await get(stan, `/api/v1/releases/${releaseId}/votes/me`);
    expect(ballot.body).toContain('Faster minutes');
    const form = await get(null, `/api/v1/feedback/${stanToken}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Faster minutes');
    for (const [what, body] of [
      ['portal', portal.body],
      ['ballot', ballot.body],
      ['form', form.body],
    ] as const)
      expectClean(what, body);
  });

  it('the answers of writes a stakeholder may make carry nothing internal', async () => {
    const answers = [
      await send(stan, 'POST', `/api/v1/requests/${publishedRequest}/support`),
      await send(stan, 'PUT', `/api/v1/reviews/${reviewId}/feedback/${secret.id}`, { mood: 'happy' }),
      await send(null, 'PUT', `/api/v1/feedback/${stanToken}/increments/${plain.id}`, { mood: 'neutral' }),
      await vote(stan, [{ itemId: plain.id, points: 3 }]),
      await send(stan, 'POST', `/api/v1/products/${productId}/requests`, {
        title: 'Another',
        problem: 'Again',
      }),
    ];
    for (const a of answers) {
      expect(a.statusCode, a.body).toBeLessThan(300);
      expectClean('write answer', a.body);
    }
  });

  it('keeps the internal reads closed to stakeholders, and everything to strangers', async () => {
    for (const url of [
      `/api/v1/reviews/${reviewId}/results`,
      `/api/v1/reviews/${reviewId}/summary`,
      `/api/v1/reviews/${reviewId}`,
      `/api/v1/releases/${releaseId}/votes`,
      `/api/v1/products/${productId}/members`,
      `/api/v1/items/${secret.id}/requests`,
      `/api/v1/items/${secret.id}/feedback`,
      `/api/v1/products/${productId}/feedback-trend`,
    ])
      expect((await get(stan, url)).statusCode, url).toBe(403);
    const stream = await firstChunk(stan, `/api/v1/reviews/${reviewId}/results/stream`);
    expect(stream.status).toBe(403);
    expect(stream.text).not.toContain(MARK.otherComment);
    for (const who of [stranger, otto])
      for (const route of allRoutes.filter((r) => r.access.kind === 'product' && r.method === 'GET')) {
        const url = fillFor(route);
        if (route.raw) {
          expect((await firstChunk(who, url)).status, `${who.name} on ${url}`).toBe(404);
          continue;
        }
        expect((await get(who, url)).statusCode, `${who.name} on ${url}`).toBe(404);
      }
  });
});

// ── 2. Stakeholders cannot see each other ──

describe('a stakeholder sees no other stakeholder', () => {
  it('hides another stakeholder’s unpublished request, and lists only own and published', async () => {
    expect((await get(stan, `/api/v1/requests/${sueRequest}`)).statusCode).toBe(404);
    expect((await send(stan, 'POST', `/api/v1/requests/${sueRequest}/support`)).statusCode).toBe(404);
    const list = await get(stan, `/api/v1/products/${productId}/requests`);
    const ids = (list.json().requests as Array<{ id: string }>).map((q) => q.id);
    expect(ids).toContain(stanRequest);
    expect(ids).toContain(publishedRequest);
    expect(ids).not.toContain(sueRequest);
    expect(list.body).not.toContain(MARK.otherRequest);
    // Filters do not open it either.
    for (const q of ['?status=open', '?sort=supporters', `?segment=${segmentId}`])
      expect((await get(stan, `/api/v1/products/${productId}/requests${q}`)).body).not.toContain(sueRequest);
  });

  it('vote results never say who voted, not even to the PO', async () => {
    const res = await get(owner, `/api/v1/releases/${releaseId}/votes`);
    expect(res.statusCode).toBe(200);
    for (const u of [sue, stan]) {
      expect(res.body).not.toContain(u.id);
      expect(res.body).not.toContain(u.email);
      expect(res.body).not.toContain(u.name);
    }
  });

  it('a stakeholder’s ballot and form show their own points and answers only', async () => {
    const ballot = (await get(stan, `/api/v1/releases/${releaseId}/votes/me`)).json();
    expect(ballot.votes).toEqual([{ itemId: plain.id, points: 3 }]);
    const form = await get(stan, `/api/v1/reviews/${reviewId}/feedback/me`);
    expect(form.body).not.toContain(MARK.otherComment);
    expect(form.body).not.toContain(MARK.otherStakeholder);
  });
});

// ── 3. Feedback links ──

describe('a feedback link works only for its person, its review, until it ends', () => {
  it('refuses tampered tokens with 404', async () => {
    const bad = [
      stanToken.slice(0, -1),
      `${stanToken}x`,
      stanToken.toUpperCase(),
      stanToken.toLowerCase(),
      `${stanToken.slice(0, -1)}${stanToken.endsWith('A') ? 'B' : 'A'}`,
      'fb_',
      encodeURIComponent(`${stanToken}' or '1'='1`),
      'x'.repeat(90),
    ].filter((b) => b !== stanToken);
    for (const token of bad) {
      expect((await get(null, `/api/v1/feedback/${token}`)).statusCode, token).toBe(404);
      expect(
        (await send(null, 'PUT', `/api/v1/feedback/${token}/increments/${secret.id}`, { mood: 'sad' }))
          .statusCode,
      ).toBe(404);
    }
  });

  it('a token answers only as its person: Stan’s token never writes Sue’s answer', async () => {
    await send(null, 'PUT', `/api/v1/feedback/${stanToken}/increments/${secret.id}`, { mood: 'happy' });
    const results = (await get(owner, `/api/v1/reviews/${reviewId}/results`)).json();
    const inc = results.increments.find((i: { itemId: string }) => i.itemId === secret.id);
    expect(inc.sad).toBe(1); // Sue's sad answer stands
    expect((await get(null, `/api/v1/feedback/${sueToken}`)).body).toContain(MARK.otherComment);
    expect((await get(null, `/api/v1/feedback/${stanToken}`)).body).not.toContain(MARK.otherComment);
  });

  it('answers only the review’s increments, and never another review’s', async () => {
    const r = await send(null, 'PUT', `/api/v1/feedback/${stanToken}/increments/${hidden.id}`, {
      mood: 'sad',
    });
    expect(r.statusCode).toBe(404);
    expect(r.body).not.toContain(MARK.unpublished);
    const s2 = await sprint('Sprint 2');
    const other = await item('Second review item');
    const review2 = await openReview(s2, [other.id]);
    // Stan's token of review 1 cannot answer review 2's increment.
    expect(
      (await send(null, 'PUT', `/api/v1/feedback/${stanToken}/increments/${other.id}`, { mood: 'sad' }))
        .statusCode,
    ).toBe(404);
    // Nor can a signed-in stakeholder answer through review 1 for an item of review 2.
    expect(
      (await send(stan, 'PUT', `/api/v1/reviews/${reviewId}/feedback/${other.id}`, { mood: 'sad' }))
        .statusCode,
    ).toBe(404);
    // A stakeholder of another product reaches neither.
    expect(
      (await send(otto, 'PUT', `/api/v1/reviews/${review2}/feedback/${other.id}`, { mood: 'sad' }))
        .statusCode,
    ).toBe(404);
  });

  it('a feedback token is never a session or a bearer token', async () => {
    for (const headers of [
      { authorization: `Bearer ${stanToken}` },
      { cookie: `tandem_session=${stanToken}` },
    ]) {
      for (const url of ['/api/v1/me', `/api/v1/products/${productId}/portal`, '/api/v1/me/notifications']) {
        const r = await call(null, { method: 'GET', url, headers });
        expect(r.statusCode, `${url} with ${Object.keys(headers)[0]}`).toBe(401);
      }
    }
  });

  it('a re-invite kills the old link; an expired link is 404', async () => {
    const [fresh] = await invite([stan.id]);
    expect(fresh).not.toBe(stanToken);
    expect((await get(null, `/api/v1/feedback/${stanToken}`)).statusCode).toBe(404);
    expect((await get(null, `/api/v1/feedback/${fresh}`)).statusCode).toBe(200);
    const s3 = await sprint('Sprint 3');
    const r3 = await openReview(s3, [await item('Third review item').then((i) => i.id)]);
    const res = await send(owner, 'POST', `/api/v1/reviews/${r3}/invitations`, {
      userIds: [stan.id],
      expiresAt: later(1),
    });
    const short = tokenOf(res.json().invitations[0].url);
    expect((await get(null, `/api/v1/feedback/${short}`)).statusCode).toBe(200);
    const was = clock;
    clock = new Date(clock.getTime() + 2 * 86_400_000);
    try {
      expect((await get(null, `/api/v1/feedback/${short}`)).statusCode).toBe(404);
    } finally {
      clock = was;
    }
    stanToken = fresh!;
  });

  it('a demoted stakeholder’s link is dead', async () => {
    const s4 = await sprint('Sprint 4');
    const r4 = await openReview(s4, [await item('Fourth review item').then((i) => i.id)]);
    const kim = await t.user('Kim Demoted');
    await t.addMember(owner, productId, kim, 'stakeholder');
    const [token] = await invite([kim.id], r4);
    expect((await get(null, `/api/v1/feedback/${token}`)).statusCode).toBe(200);
    await send(owner, 'PATCH', `/api/v1/products/${productId}/members/${kim.id}`, { role: 'viewer' });
    expect((await get(null, `/api/v1/feedback/${token}`)).statusCode).toBe(404);
  });
});

// ── 4. Sign-in links ──

describe('a sign-in link signs in its person once, and only a stakeholder', () => {
  const link = async (userId: string, pid = productId) => {
    const r = await send(owner, 'POST', `/api/v1/products/${pid}/members/${userId}/sign-in-link`);
    expect(r.statusCode, r.body).toBe(201);
    return tokenOf(r.json().url);
  };
  const redeem = (token: string) => send(null, 'POST', `/api/v1/sign-in-links/${token}`);

  it('works once, for its person only', async () => {
    const token = await link(stan.id);
    for (const bad of [token.slice(0, -1), `${token}A`, token.toUpperCase(), `${token.slice(0, -2)}zz`])
      expect((await redeem(bad)).statusCode, bad).toBe(404);
    // Too short to be a link at all: refused by its shape, naming the token.
    expect((await redeem('sil_x')).statusCode).toBe(400);
    const ok = await redeem(token);
    expect(ok.statusCode).toBe(200);
    const cookie = String(ok.headers['set-cookie']).split(';')[0]!;
    const me = await call(null, { method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.json().user.id).toBe(stan.id);
    expect((await redeem(token)).statusCode).toBe(404);
    // The session is Stan's: a stakeholder's, with no internal reads.
    const internal = await call(null, {
      method: 'GET',
      url: `/api/v1/products/${productId}/items`,
      headers: { cookie },
    });
    expect(internal.statusCode).toBe(403);
  });

  it('opened in 10 tabs at once, it signs in once', async () => {
    const token = await link(stan.id);
    const all = await Promise.all(Array.from({ length: 10 }, () => redeem(token)));
    expect(all.map((r) => r.statusCode).sort()).toEqual([200, ...Array(9).fill(404)]);
  });

  it('refuses a link for a non-stakeholder, another product’s member, and a demoted stakeholder', async () => {
    expect(
      (await send(owner, 'POST', `/api/v1/products/${productId}/members/${team.id}/sign-in-link`)).statusCode,
    ).toBe(409);
    expect(
      (await send(owner, 'POST', `/api/v1/products/${productId}/members/${otto.id}/sign-in-link`)).statusCode,
    ).toBe(404);
    const ottoLink = await link(otto.id, otherProductId);
    const ok = await redeem(ottoLink);
    const cookie = String(ok.headers['set-cookie']).split(';')[0]!;
    expect(
      (await call(null, { method: 'GET', url: `/api/v1/products/${productId}/portal`, headers: { cookie } }))
        .statusCode,
    ).toBe(404);
    const lee = await t.user('Lee Later Viewer');
    await t.addMember(owner, productId, lee, 'stakeholder');
    const token = await link(lee.id);
    await send(owner, 'PATCH', `/api/v1/products/${productId}/members/${lee.id}`, { role: 'viewer' });
    expect((await redeem(token)).statusCode).toBe(404);
    const stanLink = await link(stan.id);
    expect(
      (await send(stan, 'POST', `/api/v1/products/${productId}/members/${sue.id}/sign-in-link`)).statusCode,
    ).toBe(403);
    expect(stanLink).toMatch(/^sil_/);
  });
});

describe('a sign-in link never takes over an account that is more than a customer', () => {
  const redeemAs = async (token: string) => {
    const ok = await send(null, 'POST', `/api/v1/sign-in-links/${token}`);
    return { status: ok.statusCode, cookie: String(ok.headers['set-cookie'] ?? '').split(';')[0]! };
  };

  it('a PO cannot sign in as a workspace admin, or as another product’s owner, by making them a stakeholder', async () => {
    const ada = await t.user('Ada Admin', { admin: true });
    const paul = await t.user('Paul Other Owner');
    const paulsProduct = (await t.product(paul, 'Paul’s product')).id;
    for (const victim of [ada, paul]) {
      await t.addMember(owner, productId, victim, 'stakeholder');
      const made = await send(
        owner,
        'POST',
        `/api/v1/products/${productId}/members/${victim.id}/sign-in-link`,
      );
      expect(made.statusCode, `${victim.name}: ${made.body}`).toBe(409);
    }
    // A link made while the person was a customer only dies when they become more.
    const cara = await t.user('Cara Customer');
    await t.addMember(owner, productId, cara, 'stakeholder');
    const made = await send(owner, 'POST', `/api/v1/products/${productId}/members/${cara.id}/sign-in-link`);
    expect(made.statusCode).toBe(201);
    await t.addMember(paul, paulsProduct, cara, 'team');
    const used = await redeemAs(tokenOf(made.json().url));
    expect(used.status).toBe(404);
    expect(used.cookie).not.toMatch(/tandem_session=./);
  });

  it('nor as another PO’s customer: a link reaches only the products its maker owns', async () => {
    const paul = await t.user('Paul Third Owner');
    const paulsProduct = (await t.product(paul, 'Paul’s other product')).id;
    const dora = await t.user('Dora Shared Customer');
    await t.addMember(paul, paulsProduct, dora, 'stakeholder');
    await t.addMember(owner, productId, dora, 'stakeholder');
    const refused = await send(
      owner,
      'POST',
      `/api/v1/products/${productId}/members/${dora.id}/sign-in-link`,
    );
    expect(refused.statusCode, refused.body).toBe(409);
    // Paul may not either (Dora is a customer of Olivia's product too); a customer of one PO may.
    expect(
      (await send(paul, 'POST', `/api/v1/products/${paulsProduct}/members/${dora.id}/sign-in-link`))
        .statusCode,
    ).toBe(409);
    const eve = await t.user('Eve Own Customer');
    await t.addMember(owner, productId, eve, 'stakeholder');
    const made = await send(owner, 'POST', `/api/v1/products/${productId}/members/${eve.id}/sign-in-link`);
    expect(made.statusCode).toBe(201);
    await t.addMember(paul, paulsProduct, eve, 'stakeholder');
    expect((await redeemAs(tokenOf(made.json().url))).status).toBe(404);
  });
});

describe('the stakeholder import changes nobody who already exists', () => {
  it('keeps a member’s role and an account’s name; a passwordless account takes no password', async () => {
    const paul = await t.user('Paula Elsewhere');
    const newcomer = `nia.${M.toLowerCase()}@example.test`;
    const url = `/api/v1/products/${productId}/stakeholders/import`;
    const refused = await send(owner, 'POST', url, { csv: `name,email\nEvil Team,${team.email}\n` });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.csv).toMatch(/Line 2/);
    const csv = `name,email\nEvil Paula,${paul.email}\nNia New,${newcomer}\n`;
    const r = await send(owner, 'POST', url, { csv });
    expect(r.statusCode, r.body).toBeLessThan(300);
    const members = (await get(owner, `/api/v1/products/${productId}/members`)).json();
    const list = (members.members ?? members) as Array<{
      userId?: string;
      id?: string;
      role: string;
      name: string;
    }>;
    const find = (id: string) => list.find((m) => (m.userId ?? m.id) === id);
    expect(find(team.id)).toMatchObject({ role: 'team', name: team.name });
    expect(find(paul.id)).toMatchObject({ role: 'stakeholder', name: 'Paula Elsewhere' });
    for (const password of ['', ' ', 'null', 'undefined'])
      expect(
        (await send(null, 'POST', '/api/v1/auth/login', { email: newcomer, password })).statusCode,
        JSON.stringify(password),
      ).not.toBe(200);
  });
});

// ── 5. Votes ──

describe('votes cannot be bent', () => {
  it('refuses over budget with 422 naming budget and total, even 30 at once', async () => {
    const over = await vote(stan, [
      { itemId: secret.id, points: 6 },
      { itemId: plain.id, points: 5 },
    ]);
    expect(over.statusCode).toBe(422);
    expect(over.json().error).toMatchObject({
      code: 'vote_budget_exceeded',
      details: { budget: 10, total: 11 },
    });
    const many = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        vote(stan, [
          { itemId: secret.id, points: 1 + (i % 10) },
          { itemId: plain.id, points: 10 - (i % 10) },
        ]),
      ),
    );
    for (const r of many) expect([200, 422], r.body).toContain(r.statusCode);
    const { rows } = await t.pool.query<{ total: string }>(
      'select coalesce(sum(points), 0) as total from release_votes where release_id = $1 and user_id = $2',
      [releaseId, stan.id],
    );
    expect(Number(rows[0]!.total)).toBeLessThanOrEqual(10);
  });

  it('refuses bad allocations by field, never 5xx', async () => {
    const cases: Array<[unknown, string]> = [
      [[{ itemId: hidden.id, points: 1 }], 'votes.0.itemId'],
      [[{ itemId: otherItem.id, points: 1 }], 'votes.0.itemId'],
      [[{ itemId: secret.id, points: -1 }], 'votes.0.points'],
      [[{ itemId: secret.id, points: 0 }], 'votes.0.points'],
      [[{ itemId: secret.id, points: 1.5 }], 'votes.0.points'],
      [[{ itemId: secret.id, points: 1e300 }], 'votes.0.points'],
      [[{ itemId: secret.id, points: '3' }], 'votes.0.points'],
      [
        [
          { itemId: secret.id, points: 1 },
          { itemId: secret.id, points: 1 },
        ],
        'votes.1.itemId',
      ],
    ];
    for (const [votes, field] of cases) {
      const r = await send(stan, 'PUT', `/api/v1/releases/${releaseId}/votes/me`, { votes });
      expect(r.statusCode, JSON.stringify(votes)).toBe(400);
      expect(Object.keys(r.json().error.fields ?? {}), JSON.stringify(votes)).toContain(field);
    }
  });

  it('team members and viewers do not vote; nobody votes on a closed or shipped release', async () => {
    for (const who of [team, viewer, owner])
      expect((await vote(who, [{ itemId: secret.id, points: 1 }])).statusCode, who.name).toBe(403);
    expect((await vote(otto, [{ itemId: secret.id, points: 1 }])).statusCode).toBe(404);
    // Sessions idle out after an hour: the vote closes in a minute and the clock moves two.
    const closing = await release('Closing soon', [plain.id], 10, later(1 / 1440));
    const was = clock;
    clock = new Date(clock.getTime() + 2 * 60_000);
    try {
      expect((await vote(stan, [{ itemId: plain.id, points: 1 }], closing)).statusCode).toBe(409);
    } finally {
      clock = was;
    }
    const shipping = await release('Shipping', [plain.id]);
    const ship = await send(owner, 'POST', `/api/v1/releases/${shipping}/ship`);
    expect(ship.statusCode, ship.body).toBeLessThan(300);
    expect((await vote(stan, [{ itemId: plain.id, points: 1 }], shipping)).statusCode).toBe(409);
  });
});

// ── 6. Requests ──

describe('requests cannot be bent', () => {
  it('+1 twice, and 10 at once, counts once', async () => {
    const q = (
      await send(owner, 'POST', `/api/v1/products/${productId}/requests`, { title: 'Plus one', problem: 'x' })
    ).json();
    const pub = await send(
      owner,
      'PATCH',
      `/api/v1/requests/${q.id}`,
      { published: true },
      { 'if-match': String(q.version) },
    );
    expect(pub.statusCode, pub.body).toBe(200);
    const before = pub.json().supporters as number; // the requester counts as the first
    await send(stan, 'POST', `/api/v1/requests/${q.id}/support`);
    await send(stan, 'POST', `/api/v1/requests/${q.id}/support`);
    const all = await Promise.all(
      Array.from({ length: 10 }, () => send(sue, 'POST', `/api/v1/requests/${q.id}/support`)),
    );
    for (const r of all) expect(r.statusCode, r.body).toBe(200);
    const after = (await get(owner, `/api/v1/requests/${q.id}`)).json();
    expect(after.supporters).toBe(before + 2);
  });

  it('a stakeholder neither triages nor publishes', async () => {
    const q = (await get(stan, `/api/v1/requests/${publishedRequest}`)).json();
    expect(
      (
        await send(stan, 'POST', `/api/v1/requests/${publishedRequest}/triage`, {
          action: 'decline',
          reason: 'no',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await send(
          stan,
          'PATCH',
          `/api/v1/requests/${stanRequest}`,
          { published: true },
          { 'if-match': String(q.version) },
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await send(team, 'POST', `/api/v1/requests/${publishedRequest}/triage`, {
          action: 'decline',
          reason: 'no',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('decline needs a reason; link needs an item of this product; create refuses a size', async () => {
    const q = (
      await send(stan, 'POST', `/api/v1/products/${productId}/requests`, { title: 'Triage me', problem: 'y' })
    ).json();
    for (const body of [
      { action: 'decline' },
      { action: 'decline', reason: '' },
      { action: 'decline', reason: '   \n\t ' },
    ]) {
      const r = await send(owner, 'POST', `/api/v1/requests/${q.id}/triage`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(r.json().error.fields)).toContain('reason');
    }
    const cross = await send(owner, 'POST', `/api/v1/requests/${q.id}/triage`, {
      action: 'link',
      itemId: otherItem.id,
    });
    expect([400, 404]).toContain(cross.statusCode);
    expect(cross.body).not.toContain('Other product item');
    const sized = await send(owner, 'POST', `/api/v1/requests/${q.id}/triage`, {
      action: 'create',
      item: { size: 5 },
    });
    expect([400, 403]).toContain(sized.statusCode);
    expect(sized.body).toContain('size');
    const still = (await get(owner, `/api/v1/requests/${q.id}`)).json();
    expect(still).toMatchObject({ status: 'open', itemId: null });
  });

  it('a stakeholder of another product or a stranger cannot ask here', async () => {
    for (const who of [otto, stranger])
      expect(
        (await send(who, 'POST', `/api/v1/products/${productId}/requests`, { title: 'x', problem: 'y' }))
          .statusCode,
      ).toBe(404);
    // Nor into another product's segment.
    const seg = (
      await send(owner, 'POST', `/api/v1/products/${otherProductId}/segments`, { name: 'Elsewhere' })
    ).json().id;
    const r = await send(stan, 'POST', `/api/v1/products/${productId}/requests`, {
      title: 'x',
      problem: 'y',
      segmentId: seg,
    });
    expect(r.statusCode).toBe(400);
    expect(Object.keys(r.json().error.fields)).toContain('segmentId');
  });
});

// ── 7. Review answers ──

describe('review answers cannot be bent', () => {
  it('an answer changed five times counts once', async () => {
    const moods = ['happy', 'sad', 'neutral', 'sad', 'happy', 'neutral'];
    for (const mood of moods)
      expect(
        (await send(stan, 'PUT', `/api/v1/reviews/${reviewId}/feedback/${plain.id}`, { mood })).statusCode,
      ).toBe(200);
    const inc = (await get(owner, `/api/v1/reviews/${reviewId}/results`))
      .json()
      .increments.find((i: { itemId: string }) => i.itemId === plain.id);
    expect(inc.responses).toBe(1);
    expect(inc.happy + inc.neutral + inc.sad).toBe(1);
    expect(inc.neutral).toBe(1);
  });

  it('20 answers of one person at once, by link and by session, count once and none fails', async () => {
    const moods = ['happy', 'neutral', 'sad'] as const;
    const all = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? send(null, 'PUT', `/api/v1/feedback/${stanToken}/increments/${secret.id}`, { mood: moods[i % 3] })
          : send(stan, 'PUT', `/api/v1/reviews/${reviewId}/feedback/${secret.id}`, {
              mood: moods[i % 3],
              rating: 1 + (i % 5),
            }),
      ),
    );
    for (const r of all) expect(r.statusCode, r.body).toBe(200);
    const inc = (await get(owner, `/api/v1/reviews/${reviewId}/results`))
      .json()
      .increments.find((i: { itemId: string }) => i.itemId === secret.id);
    // Stan and Sue.
    expect(inc.responses).toBe(2);
    expect(inc.happy + inc.neutral + inc.sad).toBe(2);
    const { rows } = await t.pool.query<{ n: string }>(
      'select count(*) as n from review_answers where review_id = $1 and item_id = $2 and user_id = $3',
      [reviewId, secret.id, stan.id],
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('20 supports and 20 votes of one person at once: one supporter, one allocation', async () => {
    const q = (
      await send(owner, 'POST', `/api/v1/products/${productId}/requests`, { title: 'Race me', problem: 'r' })
    ).json();
    await send(
      owner,
      'PATCH',
      `/api/v1/requests/${q.id}`,
      { published: true },
      { 'if-match': String(q.version) },
    );
    const sup = await Promise.all(
      Array.from({ length: 20 }, () => send(stan, 'POST', `/api/v1/requests/${q.id}/support`)),
    );
    for (const r of sup) expect(r.statusCode, r.body).toBe(200);
    expect((await get(owner, `/api/v1/requests/${q.id}`)).json().supporters).toBe(q.supporters + 1);
    const own = await Promise.all(
      Array.from({ length: 5 }, () => send(stan, 'POST', `/api/v1/requests/${stanRequest}/support`)),
    );
    for (const r of own) expect(r.statusCode).toBe(200);
    expect((await get(stan, `/api/v1/requests/${stanRequest}`)).json().supporters).toBe(1);
  });

  it('a huge allocation is refused by its size, not worked through', async () => {
    const votes = Array.from({ length: 5000 }, () => ({ itemId: secret.id, points: 1 }));
    const r = await vote(stan, votes);
    expect([400, 413]).toContain(r.statusCode);
  });

  it('refuses bad ratings and comments by field, never 5xx', async () => {
    const url = `/api/v1/reviews/${reviewId}/feedback/${plain.id}`;
    const cases: Array<[object, string]> = [
      [{ mood: 'happy', rating: 0 }, 'rating'],
      [{ mood: 'happy', rating: 6 }, 'rating'],
      [{ mood: 'happy', rating: 2.5 }, 'rating'],
      [{ mood: 'ecstatic' }, 'mood'],
      [{ mood: 'happy', comment: 'a\u0000b' }, 'comment'],
      [{ mood: 'happy', comment: 'a\ud800b' }, 'comment'],
      [{ mood: 'happy', comment: 'x'.repeat(100_000) }, 'comment'],
    ];
    for (const [body, field] of cases) {
      for (const r of [
        await send(stan, 'PUT', url, body),
        await send(null, 'PUT', `/api/v1/feedback/${stanToken}/increments/${plain.id}`, body),
      ]) {
        expect(r.statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
        expect(Object.keys(r.json().error.fields ?? {})).toContain(field);
      }
    }
  });

  it('team members, viewers and the PO do not answer as customers', async () => {
    for (const who of [team, viewer, owner])
      expect(
        (await send(who, 'PUT', `/api/v1/reviews/${reviewId}/feedback/${plain.id}`, { mood: 'happy' }))
          .statusCode,
      ).toBe(403);
  });
});

describe('reviews: who is invited, who publishes, and a closed review', () => {
  it('invites only this product’s stakeholders, by person or by segment', async () => {
    const bad = await send(owner, 'POST', `/api/v1/reviews/${reviewId}/invitations`, {
      userIds: [otto.id, team.id],
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['userIds.0', 'userIds.1']);
    const seg = (
      await send(owner, 'POST', `/api/v1/products/${otherProductId}/segments`, { name: 'Theirs' })
    ).json().id;
    await send(owner, 'PATCH', `/api/v1/products/${otherProductId}/members/${otto.id}`, {
      segmentIds: [seg],
    });
    const bySeg = await send(owner, 'POST', `/api/v1/reviews/${reviewId}/invitations`, { segmentIds: [seg] });
    expect(bySeg.statusCode).toBeLessThan(500);
    expect(bySeg.body).not.toContain(otto.id);
  });

  it('only the PO publishes an item or puts it in a release; a stakeholder edits no increment', async () => {
    const cur = (await get(team, `/api/v1/items/${hidden.id}`)).json();
    for (const body of [{ published: true }, { releaseId: null }]) {
      const r = await send(team, 'PATCH', `/api/v1/items/${hidden.id}`, body, {
        'if-match': String(cur.version),
      });
      expect([400, 403], `${JSON.stringify(body)}: ${r.body}`).toContain(r.statusCode);
    }
    expect((await get(viewer, `/api/v1/items/${hidden.id}`)).json()).toMatchObject({ published: false });
    const rv = (await get(owner, `/api/v1/reviews/${reviewId}`)).json();
    for (const who of [stan, team])
      expect(
        (
          await send(
            who,
            'PATCH',
            `/api/v1/reviews/${reviewId}/increments/${secret.id}`,
            { whatChanged: 'hacked' },
            { 'if-match': String(rv.version) },
          )
        ).statusCode,
      ).toBe(403);
  });

  it('a closed review takes no answer through a link or a session, and no invitation', async () => {
    const s = await sprint('Closing sprint');
    const inc = await item('Closing increment');
    const rid = await openReview(s, [inc.id]);
    const [token] = await invite([stan.id], rid);
    expect(
      (await send(null, 'PUT', `/api/v1/feedback/${token}/increments/${inc.id}`, { mood: 'happy' }))
        .statusCode,
    ).toBe(200);
    expect((await send(owner, 'POST', `/api/v1/reviews/${rid}/close`)).statusCode).toBeLessThan(300);
    expect((await get(null, `/api/v1/feedback/${token}`)).statusCode).toBe(404);
    expect(
      (await send(null, 'PUT', `/api/v1/feedback/${token}/increments/${inc.id}`, { mood: 'sad' })).statusCode,
    ).toBe(404);
    expect(
      (await send(stan, 'PUT', `/api/v1/reviews/${rid}/feedback/${inc.id}`, { mood: 'sad' })).statusCode,
    ).toBe(409);
    expect(
      (await send(owner, 'POST', `/api/v1/reviews/${rid}/invitations`, { userIds: [stan.id] })).statusCode,
    ).toBe(409);
    const res = (await get(owner, `/api/v1/reviews/${rid}/results`)).json();
    expect(res.increments[0]).toMatchObject({ happy: 1, sad: 0, responses: 1 });
  });
});

describe('nothing of another product gets in', () => {
  it('a review, a vote or a request link refuses another product’s item', async () => {
    const s = await sprint('Cross sprint');
    const own = await item('Cross own item');
    await t.pool.query(
      `insert into sprint_items (sprint_id, item_id, product_id, review) values ($1, $2, $3, 'accepted')`,
      [s, own.id, productId],
    );
    const rv = await send(owner, 'POST', `/api/v1/sprints/${s}/review`, {
      increments: [{ itemId: otherItem.id, whatChanged: 'x' }],
    });
    expect(rv.statusCode, rv.body).toBe(400);
    expect(rv.body).not.toContain('Other product item');
    const rel = (
      await send(owner, 'POST', `/api/v1/products/${productId}/releases`, { name: 'Cross' })
    ).json();
    const v = await send(owner, 'PUT', `/api/v1/releases/${rel.id}/vote`, {
      budget: 10,
      itemIds: [otherItem.id],
      closesAt: later(2),
    });
    expect(v.statusCode).toBe(400);
    expect(Object.keys(v.json().error.fields)).toContain('itemIds.0');
    const r = await send(
      owner,
      'PATCH',
      `/api/v1/items/${otherItem.id}`,
      { releaseId: rel.id },
      { 'if-match': '1' },
    );
    expect([400, 404, 412]).toContain(r.statusCode);
  });

  it('a stakeholder of another product reaches no write of this one', async () => {
    for (const [method, url, body] of [
      ['POST', `/api/v1/requests/${publishedRequest}/support`, undefined],
      ['PUT', `/api/v1/reviews/${reviewId}/feedback/${secret.id}`, { mood: 'sad' }],
      ['PUT', `/api/v1/releases/${releaseId}/votes/me`, { votes: [{ itemId: secret.id, points: 1 }] }],
      ['POST', `/api/v1/products/${productId}/requests`, { title: 'x', problem: 'y' }],
    ] as const)
      for (const who of [otto, stranger])
        expect((await send(who, method, url, body)).statusCode, `${who.name} ${method} ${url}`).toBe(404);
  });
});

// ── 8. Notifications ──

describe('notifications are the caller’s own', () => {
  // Notices are written by reactions (jobs): run the worker for this part only.
  beforeAll(async () => {
    const worker = await startReactions({
      store: t.store,
      databaseUrl: t.pool.options.connectionString!,
      log: createLogger('silent'),
      subscribers: allJobs,
      pollInterval: 100,
      heartbeatMs: 500,
    });
    return () => worker.stop();
  });
  const list = async (u: TestUser) =>
    (await get(u, '/api/v1/me/notifications')).json() as {
      notifications: Array<{ id: string }>;
      unread: number;
    };
  const until = async (u: TestUser, pred: (n: Awaited<ReturnType<typeof list>>) => boolean) => {
    for (let i = 0; i < 150; i++) {
      const n = await list(u);
      if (pred(n)) return n;
      await new Promise((r) => setTimeout(r, 100));
    }
    return list(u);
  };

  it('a request triaged into an unpublished item tells its requester the key, never the title', async () => {
    const q = (
      await send(stan, 'POST', `/api/v1/products/${productId}/requests`, {
        title: 'Into hiding',
        problem: 'h',
      })
    ).json();
    const tri = await send(owner, 'POST', `/api/v1/requests/${q.id}/triage`, {
      action: 'link',
      itemId: hidden.id,
    });
    expect(tri.statusCode, tri.body).toBe(200);
    expect(tri.body).not.toContain(MARK.unpublished);
    const n = await until(stan, (x) => JSON.stringify(x).includes('Into hiding'));
    const body = JSON.stringify(n);
    expect(body).toContain('Into hiding');
    expect(body).toContain(hidden.key);
    expect(body).not.toContain(MARK.unpublished);
    expect((await get(stan, '/api/v1/me/notices')).body).not.toContain(MARK.unpublished);
  });

  it('a shipped release tells the requester of an unpublished item its key, never its title', async () => {
    const ship = await send(owner, 'POST', `/api/v1/releases/${releaseId}/ship`);
    expect(ship.statusCode, ship.body).toBeLessThan(300);
    const n = await until(stan, (x) => JSON.stringify(x).includes(`shipped: ${hidden.key}`));
    const body = JSON.stringify(n);
    expect(body).toContain(`shipped: ${hidden.key}`);
    expect(body).not.toContain(MARK.unpublished);
  });

  it('a stakeholder @mentioned in an internal comment hears nothing of it', async () => {
    const c = await send(team, 'POST', `/api/v1/items/${hidden.id}/comments`, {
      body: `@${stan.name} see ${MARK.comment} mention`,
    });
    expect(c.statusCode).toBe(201);
    // Sue's decline (below) is a later notice; wait until the worker is past this comment.
    await new Promise((r) => setTimeout(r, 1000));
    expect(JSON.stringify(await list(stan))).not.toContain(MARK.comment);
    expect((await get(stan, '/api/v1/me/notices')).body).not.toContain(MARK.comment);
  });

  it('marking another user’s ids read does nothing; the stream counts the caller’s only', async () => {
    // Sue hears about her request being declined; Stan tries to mark her notice read.
    const q = (
      await send(sue, 'POST', `/api/v1/products/${productId}/requests`, { title: 'Decline me', problem: 'd' })
    ).json();
    await send(owner, 'POST', `/api/v1/requests/${q.id}/triage`, {
      action: 'decline',
      reason: 'Out of scope',
    });
    const theirs = await until(sue, (x) => JSON.stringify(x).includes('Decline me'));
    expect(theirs.unread).toBeGreaterThan(0);
    const ids = theirs.notifications.map((x) => x.id);
    const r = await send(stan, 'POST', '/api/v1/me/notifications/read', { ids });
    expect(r.statusCode).toBe(200);
    expect(r.json().marked).toBe(0);
    // The older one-notice route neither.
    const old = await send(stan, 'POST', `/api/v1/me/notices/${ids[0]}/read`);
    expect([204, 404]).toContain(old.statusCode);
    expect((await list(sue)).unread).toBe(theirs.unread);
    const mine = await list(stan);
    const stream = await firstChunk(stan, '/api/v1/me/notifications/stream');
    expect(stream.status).toBe(200);
    expect(stream.text).toContain(`"unread":${mine.unread}`);
    expect(stream.text).not.toContain('Decline me');
    expect(stream.text).not.toContain(MARK.otherComment);
  });
});

// ── 9. Retrying clients ──

describe('a retried create replays the first answer and writes once', () => {
  const count = async (sql: string, params: unknown[]) =>
    Number((await t.pool.query<{ n: string }>(sql, params)).rows[0]!.n);

  it('POST requests', async () => {
    const key = { 'idempotency-key': `req-${M}` };
    const body = { title: 'Retried', problem: 'Twice' };
    const url = `/api/v1/products/${productId}/requests`;
    const [a, b] = await Promise.all([
      send(stan, 'POST', url, body, key),
      send(stan, 'POST', url, body, key),
    ]);
    const c = await send(stan, 'POST', url, body, key);
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(c.json().id).toBe(a.json().id);
    expect(await count(`select count(*) as n from requests where title = 'Retried'`, [])).toBe(1);
    const other = await send(stan, 'POST', url, { ...body, title: 'Different' }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    // The same key from someone else is theirs: never Stan's answer replayed.
    const sues = await send(sue, 'POST', url, body, key);
    expect(sues.statusCode).toBe(201);
    expect(sues.json().id).not.toBe(a.json().id);
    expect(sues.json().requesterId).toBe(sue.id);
  });

  it('POST triage (create)', async () => {
    const q = (
      await send(stan, 'POST', `/api/v1/products/${productId}/requests`, {
        title: 'Triage twice',
        problem: 'z',
      })
    ).json();
    const key = { 'idempotency-key': `tri-${M}` };
    const url = `/api/v1/requests/${q.id}/triage`;
    const a = await send(owner, 'POST', url, { action: 'create' }, key);
    const b = await send(owner, 'POST', url, { action: 'create' }, key);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.json()).toEqual(a.json());
    expect(await count(`select count(*) as n from items where title = 'Triage twice'`, [])).toBe(1);
    expect((await send(owner, 'POST', url, { action: 'decline', reason: 'x' }, key)).statusCode).toBe(422);
  });

  it('POST sprint review (open)', async () => {
    const s = await sprint('Retry sprint');
    const i = await item('Retry review item');
    await t.pool.query(
      `insert into sprint_items (sprint_id, item_id, product_id, review) values ($1, $2, $3, 'accepted')`,
      [s, i.id, productId],
    );
    const key = { 'idempotency-key': `rev-${M}` };
    const a = await send(owner, 'POST', `/api/v1/sprints/${s}/review`, {}, key);
    const b = await send(owner, 'POST', `/api/v1/sprints/${s}/review`, {}, key);
    expect(a.statusCode, a.body).toBe(201);
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(await count('select count(*) as n from customer_reviews where sprint_id = $1', [s])).toBe(1);
    expect(
      (await send(owner, 'POST', `/api/v1/sprints/${s}/review`, { closesAt: later(3) }, key)).statusCode,
    ).toBe(422);
  });

  it('POST invitations: a retry returns the same links, and the first link still works', async () => {
    const s = await sprint('Invite retry sprint');
    const rid = await openReview(s, [(await item('Invite retry item')).id]);
    const key = { 'idempotency-key': `inv-${M}` };
    const url = `/api/v1/reviews/${rid}/invitations`;
    const a = await send(owner, 'POST', url, { userIds: [stan.id] }, key);
    const b = await send(owner, 'POST', url, { userIds: [stan.id] }, key);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.json()).toEqual(a.json());
    const first = tokenOf(a.json().invitations[0].url);
    expect((await get(null, `/api/v1/feedback/${first}`)).statusCode).toBe(200);
    expect((await send(owner, 'POST', url, { userIds: [sue.id] }, key)).statusCode).toBe(422);
  });

  it('POST releases', async () => {
    const key = { 'idempotency-key': `rel-${M}` };
    const url = `/api/v1/products/${productId}/releases`;
    const a = await send(owner, 'POST', url, { name: 'Retried release' }, key);
    const b = await send(owner, 'POST', url, { name: 'Retried release' }, key);
    expect(a.statusCode, a.body).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(await count(`select count(*) as n from releases where name = 'Retried release'`, [])).toBe(1);
    expect((await send(owner, 'POST', url, { name: 'Another name' }, key)).statusCode).toBe(422);
  });

  it('POST stakeholders import', async () => {
    const key = { 'idempotency-key': `imp-${M}` };
    const url = `/api/v1/products/${productId}/stakeholders/import`;
    const body = { csv: `name,email\nIda Import,ida.${M.toLowerCase()}@example.test\n` };
    const a = await send(owner, 'POST', url, body, key);
    const b = await send(owner, 'POST', url, body, key);
    expect(a.statusCode, a.body).toBeLessThan(300);
    expect(b.json()).toEqual(a.json());
    expect(
      await count('select count(*) as n from users where email = $1', [
        `ida.${M.toLowerCase()}@example.test`,
      ]),
    ).toBe(1);
    expect((await send(owner, 'POST', url, { csv: 'name,email\nX,x@example.test\n' }, key)).statusCode).toBe(
      422,
    );
  });
});

// ── 10. Every error has the one shape, and none is 5xx ──

describe('errors', () => {
  it('a broken body on the customers’ writes is a 4xx in the one shape', async () => {
    const writes: Array<[TestUser | null, 'PUT' | 'POST', string]> = [
      [stan, 'PUT', `/api/v1/releases/${releaseId}/votes/me`],
      [null, 'PUT', `/api/v1/feedback/${stanToken}/increments/${plain.id}`],
      [stan, 'PUT', `/api/v1/reviews/${reviewId}/feedback/${plain.id}`],
      [stan, 'POST', `/api/v1/products/${productId}/requests`],
      [stan, 'POST', '/api/v1/me/notifications/read'],
      [owner, 'POST', `/api/v1/requests/${stanRequest}/triage`],
    ];
    for (const [as, method, url] of writes)
      for (const [type, payload] of [
        ['application/json', '{"votes": ['],
        ['application/json', 'null'],
        ['application/json', '[]'],
        ['application/json', '"x"'],
        ['text/plain', 'hello'],
        ['application/json', JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: {} } })],
      ] as const) {
        const r = await call(as, { method, url, payload, headers: { 'content-type': type } });
        expect(r.statusCode, `${method} ${url} ${type} ${payload}: ${r.body}`).toBeGreaterThanOrEqual(400);
        expect(r.statusCode, `${method} ${url} ${type} ${payload}`).toBeLessThan(500);
      }
  });

  it('every error answered above has {"error": {"code", "message"}} and none is 5xx', () => {
    expect(seen.length).toBeGreaterThan(100);
    for (const s of seen) {
      expect(s.status, `${s.what}: ${s.body.slice(0, 200)}`).toBeLessThan(500);
      if (s.status < 400) continue;
      const body = JSON.parse(s.body);
      expect(body, s.what).toMatchObject({
        error: { code: expect.any(String), message: expect.any(String) },
      });
    }
  });
});
