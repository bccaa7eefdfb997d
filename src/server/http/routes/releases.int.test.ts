import { beforeAll, describe, expect, it } from 'vitest';
import { wire } from '#capabilities/index.ts';
import type { Ballot, ReleaseDetail, VoteResults } from '#contracts/releases.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

let clock = new Date('2026-12-01T09:00:00Z');
let t: TestApp;
let owner: TestUser;
let team: TestUser;
let viewer: TestUser;
let stan: TestUser;
let sue: TestUser;
let stranger: TestUser;
let productId: string;

let items: Array<{ id: string; key: string }>;
let releaseId: string;
const MARK = 'ZQXMARK';

const future = () => new Date(clock.getTime() + 7 * 86_400_000).toISOString();

async function item(title: string) {
  const r = await t.call(owner, {
    method: 'POST',
    url: `/api/v1/products/${productId}/items`,
    payload: { type: 'story', title, problem: `Problem of ${title}` },
  });
  expect(r.statusCode).toBe(201);
  return r.json() as { id: string; key: string };
}

const putVotes = (as: TestUser, votes: Array<{ itemId: string; points: number }>, id = releaseId) =>
  t.call(as, { method: 'PUT', url: `/api/v1/releases/${id}/votes/me`, payload: { votes } });

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  owner = await t.user('Olivia Owner');
  team = await t.user('Tom Team');
  viewer = await t.user('Vera Viewer');
  stan = await t.user('Stan Stakeholder');
  sue = await t.user('Sue Stakeholder');
  stranger = await t.user('Stranger');
  productId = (await t.product(owner, 'Votes product')).id;
  await t.addMember(owner, productId, team, 'team');
  await t.addMember(owner, productId, viewer, 'viewer');
  await t.addMember(owner, productId, stan, 'stakeholder');
  await t.addMember(owner, productId, sue, 'stakeholder');
  items = [];
  for (let i = 1; i <= 5; i++) items.push(await item(`Candidate ${i}`));
  // An internal item with unique markers in every internal field, and an assignee.
  await t.pool.query(
    `update items set description = $2, size = 21, business_value = 13, time_criticality = 8,
       risk_reduction = 5, assignee_id = $3 where id = $1`,
    [items[0]!.id, `${MARK} secret description`, team.id],
  );
});

describe('releases', () => {
  it('lets the PO create, rename (If-Match) and list releases; others may only read', async () => {
    const created = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/products/${productId}/releases`,
      payload: { name: 'Spring', targetDate: '2027-03-01' },
    });
    expect(created.statusCode).toBe(201);
    const rel = created.json() as ReleaseDetail;
    releaseId = rel.id;
    expect(rel).toMatchObject({ name: 'Spring', targetDate: '2027-03-01', vote: { state: 'none' } });

    const dup = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/products/${productId}/releases`,
      payload: { name: 'spring' },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields.name).toMatch(/already called/);

    const byTeam = await t.call(team, {
      method: 'POST',
      url: `/api/v1/products/${productId}/releases`,
      payload: { name: 'Mine' },
    });
    expect(byTeam.statusCode).toBe(403);

    const noIfMatch = await t.call(owner, {
      method: 'PATCH',
      url: `/api/v1/releases/${releaseId}`,
      payload: { name: 'Spring 2027' },
    });
    expect(noIfMatch.statusCode).toBe(428);
    const renamed = await t.call(owner, {
      method: 'PATCH',
      url: `/api/v1/releases/${releaseId}`,
      headers: { 'if-match': String(rel.version) },
      payload: { name: 'Spring 2027' },
    });
    expect(renamed.statusCode).toBe(200);
    const stale = await t.call(owner, {
      method: 'PATCH',
      url: `/api/v1/releases/${releaseId}`,
      headers: { 'if-match': String(rel.version) },
      payload: { targetDate: null },
    });
    expect(stale.statusCode).toBe(412);

    const list = await t.call(stan, { method: 'GET', url: `/api/v1/products/${productId}/releases` });
    expect(list.statusCode).toBe(200);
    expect(list.json().releases.map((r: { name: string }) => r.name)).toEqual(['Spring 2027']);
  });

  it('hides releases and votes from strangers (404)', async () => {
    for (const [method, url] of [
      ['GET', `/api/v1/products/${productId}/releases`],
      ['GET', `/api/v1/releases/${releaseId}`],
      ['GET', `/api/v1/releases/${releaseId}/votes`],
      ['GET', `/api/v1/releases/${releaseId}/votes/me`],
    ] as const) {
      expect((await t.call(stranger, { method, url })).statusCode, url).toBe(404);
    }
    expect((await putVotes(stranger, [])).statusCode).toBe(404);
  });

  it('opens a vote on candidates; only stakeholders vote, only while it is open', async () => {
    const early = await putVotes(stan, [{ itemId: items[0]!.id, points: 1 }]);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('vote_closed');

    const bad = await t.call(owner, {
      method: 'PUT',
      url: `/api/v1/releases/${releaseId}/vote`,
      payload: { itemIds: [items[0]!.id, '00000000-0000-4000-8000-000000000009'], closesAt: future() },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ 'itemIds.1': 'Not an item of this product' });

    const opened = await t.call(owner, {
      method: 'PUT',
      url: `/api/v1/releases/${releaseId}/vote`,
      payload: { itemIds: items.map((i) => i.id), closesAt: future() },
    });
    expect(opened.statusCode).toBe(200);
    expect(opened.json().vote).toMatchObject({ state: 'open', budget: 10, candidates: 5 });
    const events = await t.pool.query(
      `select type from events where entity_id = $1 and type = 'release.vote_opened'`,
      [releaseId],
    );
    expect(events.rowCount).toBe(1);

    expect((await putVotes(owner, [{ itemId: items[0]!.id, points: 1 }])).statusCode).toBe(403);
    expect((await putVotes(team, [{ itemId: items[0]!.id, points: 1 }])).statusCode).toBe(403);
  });

  it('refuses a total above the budget with 422 naming the budget and the total', async () => {
    const r = await putVotes(stan, [
      { itemId: items[0]!.id, points: 6 },
      { itemId: items[1]!.id, points: 5 },
    ]);
    expect(r.statusCode).toBe(422);
    const err = r.json().error;
    expect(err.code).toBe('vote_budget_exceeded');
    expect(err.message).toMatch(/10/);
    expect(err.message).toMatch(/11/);
    expect(err.details).toEqual({ budget: 10, total: 11 });
    expect(err.fields.votes).toMatch(/11.*10/);
  });

  it('refuses a non-candidate and zero or fractional points, naming the field', async () => {
    const other = await item('Not a candidate');
    const r = await putVotes(stan, [
      { itemId: items[0]!.id, points: 1 },
      { itemId: other.id, points: 1 },
    ]);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toEqual({ 'votes.1.itemId': 'Not a candidate of this vote' });
    const zero = await putVotes(stan, [{ itemId: items[0]!.id, points: 0 }]);
    expect(zero.statusCode).toBe(400);
    expect(Object.keys(zero.json().error.fields)).toEqual(['votes.0.points']);
    const half = await putVotes(stan, [{ itemId: items[0]!.id, points: 1.5 }]);
    expect(Object.keys(half.json().error.fields)).toEqual(['votes.0.points']);
  });

  it('replaces the allocation; 20 parallel requests by one person never exceed nor mix', async () => {
    // Each allocation fits (≤ 10); any two together would not. Distinct shapes, so a mix shows.
    const allocations = Array.from({ length: 20 }, (_, n) => {
      const a = items[n % 5]!.id;
      const b = items[(n + 1) % 5]!.id;
      const first = 1 + (n % 9);
      return [
        { itemId: a, points: first },
        { itemId: b, points: 10 - first },
      ].filter((v) => v.points > 0);
    });
    const answers = await Promise.all(allocations.map((votes) => putVotes(sue, votes)));
    expect(answers.map((a) => a.statusCode)).toEqual(allocations.map(() => 200));
    const rows = await t.pool.query<{ item_id: string; points: number }>(
      'select item_id, points from release_votes where release_id = $1 and user_id = $2 order by item_id',
      [releaseId, sue.id],
    );
    const stored = rows.rows.map((r) => `${r.item_id}:${r.points}`).sort();
    const asRequested = allocations.map((votes) => votes.map((v) => `${v.itemId}:${v.points}`).sort());
    expect(asRequested).toContainEqual(stored);
    const total = rows.rows.reduce((s, r) => s + r.points, 0);
    expect(total).toBeLessThanOrEqual(10);
    const voter = await t.pool.query(
      'select total from release_voters where release_id = $1 and user_id = $2',
      [releaseId, sue.id],
    );
    expect(voter.rows[0].total).toBe(total);

    const me = await t.call(sue, { method: 'GET', url: `/api/v1/releases/${releaseId}/votes/me` });
    expect((me.json() as Ballot).total).toBe(total);
  });

  it('holds across instances: two servers on one database, 20 parallel ballots, one allocation stays', async () => {
    // A second Tandem instance on the same database: its ballots meet this one's only at the
    // voter row's lock (each instance batches its own).
    const other = wire(t.pool, { session: { idleMs: 3600_000, maxMs: 86_400_000 }, now: () => clock });
    const ctx = {
      actor: { userId: sue.id, name: sue.name, email: sue.email, workspaceRole: 'member' as const },
      productId,
      role: 'stakeholder' as const,
    };
    const allocations = Array.from({ length: 20 }, (_, n) => [
      { itemId: items[n % 5]!.id, points: 1 + (n % 7) },
      { itemId: items[(n + 2) % 5]!.id, points: 3 },
    ]);
    const done = await Promise.allSettled(
      allocations.map((votes, n) =>
        (n % 2 ? other.services : t.services).releases.vote(ctx, releaseId, votes),
      ),
    );
    await other.services.close();
    expect(done.filter((d) => d.status === 'rejected')).toEqual([]);
    const rows = await t.pool.query<{ item_id: string; points: number }>(
      'select item_id, points from release_votes where release_id = $1 and user_id = $2',
      [releaseId, sue.id],
    );
    const stored = rows.rows.map((r) => `${r.item_id}:${r.points}`).sort();
    expect(allocations.map((votes) => votes.map((v) => `${v.itemId}:${v.points}`).sort())).toContainEqual(
      stored,
    );
    const voter = await t.pool.query(
      'select total from release_voters where release_id = $1 and user_id = $2',
      [releaseId, sue.id],
    );
    expect(voter.rows[0].total).toBe(rows.rows.reduce((sum, r) => sum + r.points, 0));
  });

  it('shows stakeholders the candidates without any internal field, and never who voted', async () => {
    const urls = [
      `/api/v1/releases/${releaseId}/votes/me`,
      `/api/v1/releases/${releaseId}`,
      `/api/v1/products/${productId}/releases`,
    ];
    for (const url of urls) {
      const r = await t.call(stan, { method: 'GET', url });
      expect(r.statusCode, url).toBe(200);
      for (const secret of [
        MARK,
        team.id,
        team.name,
        sue.id,
        '"size"',
        '"businessValue"',
        '"timeCriticality"',
        '"riskReduction"',
        '"description"',
        '"assignee',
        '"items"',
        '"userId"',
      ])
        expect(r.body, `${url} leaks ${secret}`).not.toContain(secret);
    }
    const ballot = (await t.call(stan, { method: 'GET', url: urls[0]! })).json() as Ballot;
    expect(ballot.candidates[0]).toEqual({
      itemId: items[0]!.id,
      key: items[0]!.key,
      title: 'Candidate 1',
      problem: 'Problem of Candidate 1',
    });
    expect(ballot.votes).toEqual([]);
    const results = await t.call(stan, { method: 'GET', url: `/api/v1/releases/${releaseId}/votes` });
    expect(results.statusCode).toBe(403);
  });

  it('ranks the results by points beside the backlog and WSJF order, per segment, with disagreements', async () => {
    const seg = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/products/${productId}/segments`,
      payload: { name: 'VIP members' },
    });
    const segmentId = seg.json().id as string;
    // Three VIPs (the rule's minimum for a segment) all put most points on the backlog's last candidate.
    const vips: TestUser[] = [];
    for (let i = 0; i < 3; i++) {
      const v = await t.user(`VIP ${i}`);
      await t.addMember(owner, productId, v, 'stakeholder');
      await t.pool.query(
        'insert into member_segments (product_id, user_id, segment_id) values ($1, $2, $3)',
        [productId, v.id, segmentId],
      );
      vips.push(v);
    }
    // WSJF: candidate 3 (index 2) scores highest, candidate 1 is sized but worth less.
    await t.pool.query('update items set business_value = 20, size = 1 where id = $1', [items[2]!.id]);
    for (const v of vips) {
      const r = await putVotes(v, [
        { itemId: items[4]!.id, points: 8 },
        { itemId: items[1]!.id, points: 2 },
      ]);
      expect(r.statusCode).toBe(200);
    }
    await putVotes(sue, [{ itemId: items[0]!.id, points: 3 }]);

    const r = await t.call(viewer, { method: 'GET', url: `/api/v1/releases/${releaseId}/votes` });
    expect(r.statusCode).toBe(200);
    const res = r.json() as VoteResults;
    expect(res.voters).toBe(4);
    const byKey = Object.fromEntries(res.candidates.map((c) => [c.key, c]));
    const c5 = byKey[items[4]!.key]!;
    expect(c5).toMatchObject({ points: 24, voters: 3, voteRank: 1, backlogRank: 5, wsjfRank: null });
    expect(c5.bySegment).toEqual([{ segmentId, name: 'VIP members', points: 24, voters: 3 }]);
    expect(byKey[items[1]!.key]).toMatchObject({ points: 6, voteRank: 2, backlogRank: 2 });
    expect(byKey[items[0]!.key]).toMatchObject({ points: 3, voters: 1, voteRank: 3, backlogRank: 1 });
    expect(byKey[items[2]!.key]).toMatchObject({ points: 0, wsjfRank: 1 });
    expect(byKey[items[0]!.key]!.wsjfRank).toBe(2);
    expect(res.disagreements.map((d) => d.text)).toContain(
      `VIP members rank ${items[4]!.key} first; it is 5th in the backlog.`,
    );
    // All voters say the same as the VIPs: the segment's line stands for both.
    expect(res.disagreements.map((d) => d.text)).not.toContain(
      `Voters rank ${items[4]!.key} first; it is 5th in the backlog.`,
    );
    expect(res.disagreements.map((d) => d.text)).toContain(
      `${items[0]!.key} is 1st in the backlog, but voters rank it 3rd of 5 candidates.`,
    );
  });

  it('lets only the PO assign items to a release of the same product (item field releaseId)', async () => {
    const patch = async (as: TestUser, itemId: string, body: object) => {
      const current = await t.call(owner, { method: 'GET', url: `/api/v1/items/${itemId}` });
      return t.call(as, {
        method: 'PATCH',
        url: `/api/v1/items/${itemId}`,
        headers: { 'if-match': String(current.json().version) },
        payload: body,
      });
    };
    const ok = await patch(owner, items[1]!.id, { releaseId });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().releaseId).toBe(releaseId);
    const byTeam = await patch(team, items[2]!.id, { releaseId });
    expect(byTeam.statusCode).toBe(403);
    expect(byTeam.json().error.fields).toEqual({ releaseId: 'Set by the Product Owner' });
    const otherProduct = (await t.product(owner, 'Elsewhere')).id;
    const foreign = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/products/${otherProduct}/releases`,
      payload: { name: 'Foreign' },
    });
    const wrong = await patch(owner, items[2]!.id, { releaseId: foreign.json().id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual({ releaseId: 'Not a release of this product' });
    const created = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/products/${productId}/items`,
      payload: { type: 'story', title: 'Born in a release', problem: 'It ships in spring', releaseId },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().releaseId).toBe(releaseId);
    const detail = (await t.call(viewer, { method: 'GET', url: `/api/v1/releases/${releaseId}` })).json();
    expect(detail.items.map((i: { title: string }) => i.title)).toEqual(['Candidate 2', 'Born in a release']);
    const filtered = await t.call(team, {
      method: 'GET',
      url: `/api/v1/products/${productId}/items?release=${releaseId}`,
    });
    expect(filtered.json().items.map((i: { title: string }) => i.title)).toEqual([
      'Candidate 2',
      'Born in a release',
    ]);
    const none = await t.call(team, {
      method: 'GET',
      url: `/api/v1/products/${productId}/items?release=none`,
    });
    expect(none.json().items.map((i: { title: string }) => i.title)).not.toContain('Candidate 2');
  });

  it('closes the vote when its time is past (409 vote_closed), and on ship', async () => {
    const quick = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/products/${productId}/releases`,
      payload: { name: 'Hotfix' },
    });
    const quickId = quick.json().id as string;
    const opened = await t.call(owner, {
      method: 'PUT',
      url: `/api/v1/releases/${quickId}/vote`,
      payload: { itemIds: [items[0]!.id], closesAt: new Date(clock.getTime() + 600_000).toISOString() },
    });
    expect(opened.statusCode).toBe(200);
    expect((await putVotes(stan, [{ itemId: items[0]!.id, points: 1 }], quickId)).statusCode).toBe(200);
    // Sessions idle out after an hour: move the clock only past the vote's close.
    clock = new Date(clock.getTime() + 11 * 60_000);
    const late = await putVotes(stan, [{ itemId: items[0]!.id, points: 2 }], quickId);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('vote_closed');
    const shipped = await t.call(owner, { method: 'POST', url: `/api/v1/releases/${releaseId}/ship` });
    expect(shipped.statusCode).toBe(200);
    expect(shipped.json().shippedAt).not.toBeNull();
    const ev = await t.pool.query(
      `select after from events where entity_id = $1 and type = 'release.shipped'`,
      [releaseId],
    );
    expect(ev.rows[0].after.itemIds).toHaveLength(2);
    const again = await t.call(owner, { method: 'POST', url: `/api/v1/releases/${releaseId}/ship` });
    expect(again.statusCode).toBe(409);
  });
});
