import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackForm, ReviewResults } from '#contracts/reviews.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

let t: TestApp;
let base: string;
let owner: TestUser;
let ann: TestUser;
let fay: TestUser;
let vera: TestUser;
let vic: TestUser;
let sue: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let productId: string;
let sprintId: string;
let items: string[];
let vip: string;
let sec: string;
let reviewId: string;
const links = new Map<string, string>();
const streams: Array<{ close(): void }> = [];

let rank = 0;
async function item(title: string, extra = ''): Promise<string> {
  const n = Math.floor(Math.random() * 1e9);
  rank += 1;
  const r = await t.pool.query<{ id: string }>(
    `with i as (
       insert into items (product_id, number, type, title, category, description, size, business_value)
       values ($1, $2, 'story', $3, 'feature', $5, 8, 13)
       returning id, product_id)
     insert into item_order (item_id, product_id, rank) select id, product_id, $4 from i returning item_id as id`,
    [productId, n, title, `r${String(rank).padStart(6, '0')}`, extra],
  );
  return r.rows[0]!.id;
}

async function sprint(name: string): Promise<string> {
  const r = await t.call(fay, {
    method: 'POST',
    url: `/api/v1/products/${productId}/sprints`,
    payload: { name, goal: 'Ship', startDate: '2026-11-16', endDate: '2026-11-27' },
  });
  expect(r.statusCode).toBe(201);
  return r.json().id;
}

const accept = (sid: string, itemId: string, review: 'accepted' | 'rejected' = 'accepted') =>
  t.pool.query(`insert into sprint_items (sprint_id, item_id, product_id, review) values ($1, $2, $3, $4)`, [
    sid,
    itemId,
    productId,
    review,
  ]);

async function segment(name: string): Promise<string> {
  const r = await t.call(owner, {
    method: 'POST',
    url: `/api/v1/products/${productId}/segments`,
    payload: { name },
  });
  expect(r.statusCode).toBe(201);
  return r.json().id;
}

const inSegment = (u: TestUser, segmentId: string) =>
  t.pool.query('insert into member_segments (product_id, user_id, segment_id) values ($1, $2, $3)', [
    productId,
    u.id,
    segmentId,
  ]);

const call = (as: TestUser | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  t.call(as, { method, url, ...(payload ? { payload } : {}) });

const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

/** A real SSE connection collecting every `results` event. */
function openStream(as: TestUser, id: string) {
  return new Promise<{
    all: ReviewResults[];
    until(pred: (r: ReviewResults) => boolean): Promise<ReviewResults>;
  }>((resolve, reject) => {
    const all: ReviewResults[] = [];
    const waiters: Array<{ pred: (r: ReviewResults) => boolean; done: (r: ReviewResults) => void }> = [];
    const req = http.get(
      `${base}/api/v1/reviews/${id}/results/stream`,
      { headers: { cookie: as.cookie } },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`));
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          let i = buf.indexOf('\n\n');
          while (i >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (data && block.includes('event: results')) {
              const r = JSON.parse(data.slice(6)) as ReviewResults;
              all.push(r);
              for (const w of [...waiters]) {
                if (!w.pred(r)) continue;
                waiters.splice(waiters.indexOf(w), 1);
                w.done(r);
              }
            }
            i = buf.indexOf('\n\n');
          }
        });
        streams.push({ close: () => req.destroy() });
        resolve({
          all,
          until: (pred) =>
            new Promise((done, fail) => {
              const hit = all.find(pred);
              if (hit) return done(hit);
              waiters.push({ pred, done });
              setTimeout(() => fail(new Error('no matching results within 5 s')), 5000).unref();
            }),
        });
      },
    );
    req.on('error', () => undefined);
  });
}

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  owner = await t.user('Olive Owner');
  ann = await t.user('Ann Team');
  fay = await t.user('Fay Facilitator');
  vera = await t.user('Vera Vip');
  vic = await t.user('Vic Both');
  sue = await t.user('Sue Secretariat');
  viewer = await t.user('Val Viewer');
  stranger = await t.user('Sam Stranger');
  productId = (await t.product(owner, 'VIP Meetings', 'VIP')).id;
  await t.addMember(owner, productId, ann, 'team');
  await t.addMember(owner, productId, fay, 'facilitator');
  await t.addMember(owner, productId, viewer, 'viewer');
  for (const s of [vera, vic, sue]) await t.addMember(owner, productId, s, 'stakeholder');
  vip = await segment('VIP members');
  sec = await segment('Secretariat');
  await inSegment(vera, vip);
  await inSegment(vic, vip);
  await inSegment(vic, sec);
  await inSegment(sue, sec);
  sprintId = await sprint('Sprint 7');
  items = [
    await item('Guest badge printing', 'INTERNAL-DESCRIPTION'),
    await item('Parking reservation', 'INTERNAL-DESCRIPTION'),
    await item('Seat plan export'),
  ];
  await accept(sprintId, items[0]!);
  await accept(sprintId, items[1]!);
  await accept(sprintId, items[2]!, 'rejected');
});

afterAll(() => {
  for (const s of streams) s.close();
});

describe('opening a review with customers', () => {
  it('only the PO opens it; strangers get 404; it lists the accepted items only', async () => {
    const url = `/api/v1/sprints/${sprintId}/review`;
    expect((await call(stranger, 'POST', url, {})).statusCode).toBe(404);
    expect((await call(ann, 'POST', url, {})).statusCode).toBe(403);
    expect((await call(vera, 'POST', url, {})).statusCode).toBe(403);
    const bad = await call(owner, 'POST', url, { increments: [{ itemId: items[2] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['increments.0.itemId']);
    const res = await call(owner, 'POST', url, {});
    expect(res.statusCode).toBe(201);
    reviewId = res.json().id;
    expect(res.json()).toMatchObject({
      sprintId,
      productId,
      state: 'open',
      closesAt: null,
      invited: 0,
      answered: 0,
    });
    expect(res.json().increments.map((i: { itemId: string }) => i.itemId)).toEqual([items[0], items[1]]);
    expect(res.json().increments[0]).toEqual({
      itemId: items[0],
      key: expect.stringMatching(/^VIP-\d+$/),
      title: 'Guest badge printing',
      whatChanged: '',
    });
    expect((await call(owner, 'POST', url, {})).statusCode).toBe(409);
  });

  it('a sprint without accepted items cannot have one', async () => {
    const empty = await sprint('Empty sprint');
    const res = await call(owner, 'POST', `/api/v1/sprints/${empty}/review`, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('increments');
  });

  it('the PO edits "what changed for you" with If-Match; a stale version is 412', async () => {
    const url = `/api/v1/reviews/${reviewId}/increments/${items[0]}`;
    const cur = (await call(owner, 'GET', `/api/v1/reviews/${reviewId}`)).json();
    const headers = { 'if-match': String(cur.version) };
    const denied = await t.call(ann, { method: 'PATCH', url, headers, payload: { whatChanged: 'x' } });
    expect(denied.statusCode).toBe(403);
    const res = await t.call(owner, {
      method: 'PATCH',
      url,
      headers,
      payload: { whatChanged: 'Badges print at the door in seconds' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().increments[0].whatChanged).toBe('Badges print at the door in seconds');
    const stale = await t.call(owner, { method: 'PATCH', url, headers, payload: { whatChanged: 'y' } });
    expect(stale.statusCode).toBe(412);
    const list = await call(ann, 'GET', `/api/v1/products/${productId}/reviews`);
    expect(list.json().reviews.map((r: { id: string }) => r.id)).toEqual([reviewId]);
    expect((await call(vera, 'GET', `/api/v1/products/${productId}/reviews`)).statusCode).toBe(403);
    expect((await call(stranger, 'GET', `/api/v1/reviews/${reviewId}`)).statusCode).toBe(404);
  });
});

describe('personal links', () => {
  it('invites by segment: one link per stakeholder in it, never team members', async () => {
    const url = `/api/v1/reviews/${reviewId}/invitations`;
    expect((await call(ann, 'POST', url, { segmentIds: [vip] })).statusCode).toBe(403);
    expect((await call(vera, 'POST', url, { segmentIds: [vip] })).statusCode).toBe(403);
    const bad = await call(owner, 'POST', url, { userIds: [ann.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['userIds.0']);
    const res = await call(fay, 'POST', url, { segmentIds: [vip] });
    expect(res.statusCode).toBe(200);
    const inv = res.json().invitations as Array<{ userId: string; url: string; expiresAt: string }>;
    expect(inv.map((i) => i.userId).sort()).toEqual([vera.id, vic.id].sort());
    for (const i of inv) {
      expect(i.url).toMatch(/\/feedback\/fb_[A-Za-z0-9_-]{43}$/);
      links.set(i.userId, tokenOf(i.url));
    }
    const sueRes = await call(owner, 'POST', url, { userIds: [sue.id] });
    links.set(sue.id, tokenOf(sueRes.json().invitations[0].url));
    // Only the hash is stored.
    const stored = await t.pool.query<{ token_hash: string }>(
      'select token_hash from review_invitations where review_id = $1',
      [reviewId],
    );
    expect(stored.rows).toHaveLength(3);
    for (const r of stored.rows) expect([...links.values()]).not.toContain(r.token_hash);
    const read = await call(owner, 'GET', `/api/v1/reviews/${reviewId}`);
    expect(read.json().invited).toBe(3);
  });

  it('opens the respondent page without a password, showing nothing internal', async () => {
    const res = await call(null, 'GET', `/api/v1/feedback/${links.get(vera.id)}`);
    expect(res.statusCode).toBe(200);
    const form = res.json() as FeedbackForm;
    expect(form).toMatchObject({ firstName: 'Vera', productName: 'VIP Meetings', sprintName: 'Sprint 7' });
    expect(form.increments.map((i) => i.title)).toEqual(['Guest badge printing', 'Parking reservation']);
    expect(form.increments[0]!.whatChanged).toBe('Badges print at the door in seconds');
    expect(res.body).not.toContain('INTERNAL-DESCRIPTION');
    for (const field of ['size', 'description', 'businessValue', 'assigneeId', 'comments"', 'history'])
      expect(res.body).not.toContain(field);
    // The link is no session: it opens nothing else.
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${links.get(vera.id)}` },
    });
    expect(me.statusCode).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('a tampered token, an unknown one and another review’s token are 404', async () => {
    const token = links.get(vera.id)!;
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [flipped, 'fb_nope', `${token}x`, 'inv_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx']) {
      const r = await call(null, 'GET', `/api/v1/feedback/${encodeURIComponent(bad)}`);
      expect(r.statusCode).toBe(404);
      expect(r.body).not.toContain('Sprint 7');
      const put = await call(
        null,
        'PUT',
        `/api/v1/feedback/${encodeURIComponent(bad)}/increments/${items[0]}`,
        {
          mood: 'happy',
        },
      );
      expect(put.statusCode).toBe(404);
    }
    // Another review's token answers only its own review: this review's items are not in it.
    const other = await sprint('Sprint 8');
    const otherItem = await item('Cloakroom tickets');
    await accept(other, otherItem);
    const o = (await call(owner, 'POST', `/api/v1/sprints/${other}/review`, {})).json();
    const oi = await call(owner, 'POST', `/api/v1/reviews/${o.id}/invitations`, { userIds: [vera.id] });
    const otherToken = tokenOf(oi.json().invitations[0].url);
    const cross = await call(null, 'PUT', `/api/v1/feedback/${otherToken}/increments/${items[0]}`, {
      mood: 'sad',
    });
    expect(cross.statusCode).toBe(404);
    const answers = await t.pool.query('select 1 from review_answers where review_id = $1', [reviewId]);
    expect(answers.rowCount).toBe(0);
  });

  it('re-inviting a person replaces their link: the old one is dead', async () => {
    const old = links.get(sue.id)!;
    const res = await call(owner, 'POST', `/api/v1/reviews/${reviewId}/invitations`, { userIds: [sue.id] });
    const fresh = tokenOf(res.json().invitations[0].url);
    expect(fresh).not.toBe(old);
    expect((await call(null, 'GET', `/api/v1/feedback/${old}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/api/v1/feedback/${fresh}`)).statusCode).toBe(200);
    links.set(sue.id, fresh);
  });

  it('an expired link is 404 and saves nothing', async () => {
    await t.pool.query(
      `update review_invitations set expires_at = now() - interval '1 minute' where review_id = $1 and user_id = $2`,
      [reviewId, sue.id],
    );
    const r = await call(null, 'GET', `/api/v1/feedback/${links.get(sue.id)}`);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.message).toMatch(/expired/);
    const put = await call(null, 'PUT', `/api/v1/feedback/${links.get(sue.id)}/increments/${items[0]}`, {
      mood: 'sad',
    });
    expect(put.statusCode).toBe(404);
    // A new invitation brings Sue back.
    const again = await call(owner, 'POST', `/api/v1/reviews/${reviewId}/invitations`, { userIds: [sue.id] });
    links.set(sue.id, tokenOf(again.json().invitations[0].url));
  });

  it('a link stops working when its person is no longer a stakeholder', async () => {
    const extra = await t.user('Ex Stakeholder');
    await t.addMember(owner, productId, extra, 'stakeholder');
    const inv = await call(owner, 'POST', `/api/v1/reviews/${reviewId}/invitations`, { userIds: [extra.id] });
    const token = tokenOf(inv.json().invitations[0].url);
    expect((await call(null, 'GET', `/api/v1/feedback/${token}`)).statusCode).toBe(200);
    await t.pool.query(`update product_members set role = 'viewer' where product_id = $1 and user_id = $2`, [
      productId,
      extra.id,
    ]);
    expect((await call(null, 'GET', `/api/v1/feedback/${token}`)).statusCode).toBe(404);
    await t.pool.query('delete from review_invitations where user_id = $1', [extra.id]);
  });
});

describe('answers and live results', () => {
  it('an answer changed five times counts once', async () => {
    const url = `/api/v1/feedback/${links.get(vera.id)}/increments/${items[1]}`;
    const moods = ['happy', 'sad', 'neutral', 'sad', 'happy', 'sad'] as const;
    let last: { changes: number; mood: string } | undefined;
    for (const mood of moods) {
      const r = await call(null, 'PUT', url, {
        mood,
        rating: 2,
        comment: mood === 'sad' ? 'Too slow' : null,
      });
      expect(r.statusCode).toBe(200);
      last = r.json();
    }
    expect(last).toMatchObject({ mood: 'sad', changes: 5 });
    const rows = await t.pool.query('select 1 from review_answers where review_id = $1', [reviewId]);
    expect(rows.rowCount).toBe(1);
    const results = (await call(owner, 'GET', `/api/v1/reviews/${reviewId}/results`)).json() as ReviewResults;
    expect(results.increments[1]).toMatchObject({ happy: 0, neutral: 0, sad: 1, responses: 1 });
    expect(results.answered).toBe(1);
    // Its own answer comes back on reload.
    const form = (await call(null, 'GET', `/api/v1/feedback/${links.get(vera.id)}`)).json() as FeedbackForm;
    expect(form.increments[1]!.answer).toMatchObject({ mood: 'sad', rating: 2, comment: 'Too slow' });
    expect(form.increments[0]!.answer).toBeNull();
    const bad = await call(null, 'PUT', url, { mood: 'angry', rating: 9 });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['mood', 'rating']);
  });

  it('signed-in stakeholders answer without a link; the team cannot answer; others are 404', async () => {
    const me = await call(sue, 'GET', `/api/v1/reviews/${reviewId}/feedback/me`);
    expect(me.statusCode).toBe(200);
    expect(me.json().firstName).toBe('Sue');
    const put = (as: TestUser, itemId: string, body: object) =>
      call(as, 'PUT', `/api/v1/reviews/${reviewId}/feedback/${itemId}`, body);
    expect((await put(ann, items[0]!, { mood: 'happy' })).statusCode).toBe(403);
    expect((await put(stranger, items[0]!, { mood: 'happy' })).statusCode).toBe(404);
    expect((await put(sue, items[2]!, { mood: 'happy' })).statusCode).toBe(404);
    expect((await put(sue, items[0]!, { mood: 'neutral', rating: 4 })).statusCode).toBe(200);
  });

  it('stakeholders and strangers cannot read results, summary or trend', async () => {
    for (const path of ['results', 'summary', 'results/stream']) {
      expect((await call(vera, 'GET', `/api/v1/reviews/${reviewId}/${path}`)).statusCode).toBe(403);
      expect((await call(stranger, 'GET', `/api/v1/reviews/${reviewId}/${path}`)).statusCode).toBe(404);
    }
    expect((await call(vera, 'GET', `/api/v1/products/${productId}/feedback-trend`)).statusCode).toBe(403);
    expect((await call(vera, 'GET', `/api/v1/items/${items[0]}/feedback`)).statusCode).toBe(403);
    expect((await call(viewer, 'GET', `/api/v1/reviews/${reviewId}/results`)).statusCode).toBe(200);
  });

  it('pushes fresh results on the stream as answers arrive', async () => {
    const stream = await openStream(owner, reviewId);
    await stream.until((r) => r.increments[1]!.responses === 1);
    const url = `/api/v1/feedback/${links.get(vic.id)}/increments/${items[1]}`;
    expect((await call(null, 'PUT', url, { mood: 'happy', rating: 5 })).statusCode).toBe(200);
    const r = await stream.until((x) => x.increments[1]!.happy === 1);
    expect(r.increments[1]!.responses).toBe(2);
    expect(r.answered).toBe(3);
    // A burst of answers is coalesced: far fewer pushes than answers.
    const before = stream.all.length;
    const burst = await Promise.all(
      [...Array(20)].map((_, n) =>
        call(null, 'PUT', url, { mood: n % 2 ? 'sad' : 'happy', rating: (n % 5) + 1, comment: `c${n}` }),
      ),
    );
    // Twenty changes of one answer at once (they never share a write batch): all saved, one row.
    expect(burst.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    const rows = await t.pool.query<{ changes: number }>(
      'select changes from review_answers where review_id = $1 and item_id = $2 and user_id = $3',
      [reviewId, items[1], vic.id],
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]!.changes).toBe(20);
    // Leave Vic's answer on increment 2 as happy, rating 5, no comment.
    await call(null, 'PUT', url, { mood: 'happy', rating: 5 });
    await stream.until((x) => x.increments[1]!.ratingAvg === 3.5 && x.increments[1]!.comments.length === 1);
    expect(stream.all.length - before).toBeLessThan(10);
    await call(null, 'PUT', `/api/v1/feedback/${links.get(vic.id)}/increments/${items[0]}`, {
      mood: 'happy',
      rating: 4,
    });
  });

  it('results are right per segment, read from the members’ segments now', async () => {
    // Item 0: Sue (Sec) neutral 4, Vic (VIP+Sec) happy 4. Item 1: Vera (VIP) sad 2 "Too slow", Vic happy 5.
    const res = (await call(ann, 'GET', `/api/v1/reviews/${reviewId}/results`)).json() as ReviewResults;
    const [first, second] = [res.increments[0]!, res.increments[1]!];
    expect(first).toMatchObject({ happy: 1, neutral: 1, sad: 0, responses: 2, ratingAvg: 4 });
    const seg0 = Object.fromEntries(first.bySegment.map((s) => [s.name, s]));
    expect(seg0['VIP members']).toMatchObject({ segmentId: vip, happy: 1, neutral: 0, sad: 0, ratingAvg: 4 });
    expect(seg0.Secretariat).toMatchObject({ segmentId: sec, happy: 1, neutral: 1, sad: 0, ratingAvg: 4 });
    expect(second).toMatchObject({ happy: 1, neutral: 0, sad: 1, responses: 2, ratingAvg: 3.5 });
    const seg1 = Object.fromEntries(second.bySegment.map((s) => [s.name, s]));
    expect(seg1['VIP members']).toMatchObject({ happy: 1, sad: 1, responses: 2, ratingAvg: 3.5 });
    expect(seg1.Secretariat).toMatchObject({ happy: 1, sad: 0, responses: 1, ratingAvg: 5 });
    expect(second.comments).toEqual([
      { mood: 'sad', rating: 2, comment: 'Too slow', segmentIds: [vip], at: expect.any(String) },
    ]);
    expect(first.comments).toEqual([]);
    expect(JSON.stringify(res)).not.toContain('Vera');
    expect(res.invited).toBe(3);
    expect(res.answered).toBe(3);
    // Segments are read at result time: moving Vera to the Secretariat moves her answer. (Moved
    // here directly; the members API records member.segments_changed, which tells the change feed.)
    await t.pool.query('update member_segments set segment_id = $3 where product_id = $1 and user_id = $2', [
      productId,
      vera.id,
      sec,
    ]);
    t.services.changes.touched(productId);
    const moved = (await call(ann, 'GET', `/api/v1/reviews/${reviewId}/results`)).json() as ReviewResults;
    const vipNow = moved.increments[1]!.bySegment.find((s) => s.segmentId === vip)!;
    expect(vipNow).toMatchObject({ happy: 1, sad: 0, responses: 1 });
    await t.pool.query('update member_segments set segment_id = $3 where product_id = $1 and user_id = $2', [
      productId,
      vera.id,
      vip,
    ]);
    t.services.changes.touched(productId);
  });
});

describe('closing', () => {
  it('only the PO closes; afterwards answers are refused and links are dead', async () => {
    expect((await call(fay, 'POST', `/api/v1/reviews/${reviewId}/close`)).statusCode).toBe(403);
    const res = await call(owner, 'POST', `/api/v1/reviews/${reviewId}/close`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'closed', acceptingAnswers: false });
    const signedIn = await call(sue, 'PUT', `/api/v1/reviews/${reviewId}/feedback/${items[0]}`, {
      mood: 'sad',
    });
    expect(signedIn.statusCode).toBe(409);
    expect(signedIn.json().error.code).toBe('review_closed');
    const byLink = await call(null, 'GET', `/api/v1/feedback/${links.get(vera.id)}`);
    expect(byLink.statusCode).toBe(404);
    expect(byLink.json().error.message).toMatch(/closed/);
    const put = await call(null, 'PUT', `/api/v1/feedback/${links.get(vera.id)}/increments/${items[1]}`, {
      mood: 'sad',
    });
    expect(put.statusCode).toBe(404);
    expect((await call(owner, 'POST', `/api/v1/reviews/${reviewId}/invitations`, {})).statusCode).toBe(409);
    expect((await call(owner, 'POST', `/api/v1/reviews/${reviewId}/close`)).statusCode).toBe(409);
    const events = await t.pool.query<{ type: string; after: { responses: number; sad: number } }>(
      `select type, after from events where entity_id = $1 and type = 'review.closed'`,
      [reviewId],
    );
    expect(events.rows[0]?.after).toEqual({ sprintId, responses: 3, sad: 1 });
  });

  it('the summary names increments with sad faces first, with their comments', async () => {
    const res = await call(ann, 'GET', `/api/v1/reviews/${reviewId}/summary`);
    expect(res.statusCode).toBe(200);
    // Item 1 has the sad face: it leads, before item 0 which comes first in the review.
    expect(res.json().increments.map((i: { itemId: string }) => i.itemId)).toEqual([items[1], items[0]]);
    expect(res.json().increments[0].comments[0].comment).toBe('Too slow');
    expect(res.json().closedAt).toEqual(expect.any(String));
  });

  it('keeps feedback per item and a trend per sprint and segment', async () => {
    const fb = await call(ann, 'GET', `/api/v1/items/${items[1]}/feedback`);
    expect(fb.statusCode).toBe(200);
    expect(fb.json().reviews).toHaveLength(1);
    expect(fb.json().reviews[0]).toMatchObject({ reviewId, sprintName: 'Sprint 7', sad: 1, responses: 2 });
    expect(fb.json().reviews[0].comments[0]).toMatchObject({ comment: 'Too slow', segmentIds: [vip] });
    const trend = (await call(ann, 'GET', `/api/v1/products/${productId}/feedback-trend`)).json();
    const s7 = trend.sprints.find((s: { reviewId: string }) => s.reviewId === reviewId);
    expect(s7.overall.responses).toBe(4);
    const vipShare = s7.bySegment.find((s: { segmentId: string }) => s.segmentId === vip);
    // VIP answers on this review: Vera sad (item 1), Vic happy (items 0 and 1).
    expect(vipShare).toMatchObject({ responses: 3, sadShare: 1 / 3, happyShare: 2 / 3 });
  });
});
