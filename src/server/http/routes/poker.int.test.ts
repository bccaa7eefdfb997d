import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PokerSession } from '#contracts/poker.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

let t: TestApp;
let base: string;
let owner: TestUser;
let ann: TestUser;
let bob: TestUser;
let fay: TestUser;
let vic: TestUser;
let stan: TestUser;
let stranger: TestUser;
let productId: string;
let items: string[];
let sessionId: string;
const streams: Array<{ close(): void }> = [];

interface Stream {
  states: PokerSession[];
  raw: string[];
  until(pred: (s: PokerSession) => boolean): Promise<PokerSession>;
  close(): void;
}

/** A real SSE connection to the listening server, collecting every `state` event. */
function openStream(as: TestUser, id: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const states: PokerSession[] = [];
    const raw: string[] = [];
    const waiters: Array<{ pred: (s: PokerSession) => boolean; done: (s: PokerSession) => void }> = [];
    const req = http.get(`${base}/api/v1/poker/${id}/stream`, { headers: { cookie: as.cookie } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`));
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        raw.push(chunk);
        let i = buf.indexOf('\n\n');
        while (i >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data && block.includes('event: state')) {
            const s = JSON.parse(data.slice(6)) as PokerSession;
            states.push(s);
            for (const w of [...waiters]) {
              if (!w.pred(s)) continue;
              waiters.splice(waiters.indexOf(w), 1);
              w.done(s);
            }
          }
          i = buf.indexOf('\n\n');
        }
      });
      const stream: Stream = {
        states,
        raw,
        until: (pred) =>
          new Promise((done, fail) => {
            const hit = states.find(pred);
            if (hit) return done(hit);
            waiters.push({ pred, done });
            setTimeout(() => fail(new Error('no matching state within 5 s')), 5000).unref();
          }),
        close: () => req.destroy(),
      };
      streams.push(stream);
      resolve(stream);
    });
    req.on('error', () => undefined);
  });
}

async function item(title: string): Promise<string> {
  const n = Math.floor(Math.random() * 1e9);
  const r = await t.pool.query<{ id: string }>(
    `with i as (
       insert into items (product_id, number, type, title, category) values ($1, $2, 'story', $3, 'feature')
       returning id, product_id)
     insert into item_order (item_id, product_id, rank) select id, product_id, $4 from i returning item_id as id`,
    [productId, n, title, `r${n}`],
  );
  return r.rows[0]!.id;
}

const post = (as: TestUser, url: string, payload: object = {}) =>
  t.call(as, { method: 'POST', url, payload });
const get = (as: TestUser, url: string) => t.call(as, { method: 'GET', url });

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  owner = await t.user('Olive Owner');
  ann = await t.user('Ann Team');
  bob = await t.user('Bob Team');
  fay = await t.user('Fay Facilitator');
  vic = await t.user('Vic Viewer');
  stan = await t.user('Stan Stakeholder');
  stranger = await t.user('Sam Stranger');
  productId = (await t.product(owner, 'VIP Meetings', 'VIP')).id;
  await t.addMember(owner, productId, ann, 'team');
  await t.addMember(owner, productId, bob, 'team');
  await t.addMember(owner, productId, fay, 'facilitator');
  await t.addMember(owner, productId, vic, 'viewer');
  await t.addMember(owner, productId, stan, 'stakeholder');
  items = [await item('Guest badge printing'), await item('Parking reservation')];
});

afterAll(() => {
  for (const s of streams) s.close();
});

describe('planning poker', () => {
  it('is opened by a facilitator or team member, not by the PO or a stranger', async () => {
    const url = `/api/v1/products/${productId}/poker`;
    expect((await post(owner, url, { itemIds: items })).statusCode).toBe(403);
    expect((await post(stranger, url, { itemIds: items })).statusCode).toBe(404);
    expect((await post(fay, url, { itemIds: [] })).statusCode).toBe(400);
    const res = await post(fay, url, { itemIds: items, title: 'Refinement' });
    expect(res.statusCode).toBe(201);
    sessionId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'voting', currentItemId: items[0], round: 1, votes: null });
    expect(res.json().cards).toEqual(['0', '½', '1', '2', '3', '5', '8', '13', '20', '40', '100', '?', '☕']);
    expect(
      res
        .json()
        .voters.map((v: { name: string }) => v.name)
        .sort(),
    ).toEqual(['Ann Team', 'Bob Team']);
  });

  it('lets only team members vote or agree a size', async () => {
    for (const who of [owner, fay, vic]) {
      const r = await post(who, `/api/v1/poker/${sessionId}/votes`, { value: '5' });
      expect(r.statusCode).toBe(403);
      expect((await post(who, `/api/v1/poker/${sessionId}/agree`, { value: '5' })).statusCode).toBe(403);
    }
    expect((await post(stranger, `/api/v1/poker/${sessionId}/votes`, { value: '5' })).statusCode).toBe(404);
    expect((await post(ann, `/api/v1/poker/${sessionId}/votes`, { value: '7' })).statusCode).toBe(400);
  });

  it('hides every vote before reveal through every endpoint and the stream, showing who voted', async () => {
    const watcher = await openStream(owner, sessionId);
    await watcher.until((s) => s.round === 1);
    const annVote = await post(ann, `/api/v1/poker/${sessionId}/votes`, { value: '13' });
    expect(annVote.statusCode).toBe(200);
    expect(annVote.json().votes).toBeNull();
    await post(bob, `/api/v1/poker/${sessionId}/votes`, { value: '40' });
    const seen = await watcher.until((s) => s.voters.every((v) => v.hasVoted));
    // A late joiner gets the current state first.
    const late = await openStream(vic, sessionId);
    const first = await late.until(() => true);
    expect(first.voters.every((v) => v.hasVoted)).toBe(true);
    const bodies = [
      ...(await Promise.all(
        [owner, ann, bob, fay, vic].map(async (u) => (await get(u, `/api/v1/poker/${sessionId}`)).body),
      )),
      (await get(ann, `/api/v1/products/${productId}/poker`)).body,
      (await get(owner, `/api/v1/products/${productId}/events`)).body,
      JSON.stringify(seen),
      ...watcher.raw,
      ...late.raw,
    ];
    for (const b of bodies) {
      const withoutDeck = b.replaceAll(/"cards":\[[^\]]*\]/g, '');
      expect(withoutDeck).not.toMatch(/"13"|"40"/);
      expect(b).not.toMatch(/"value"/);
    }
    for (const s of [...watcher.states, ...late.states]) {
      expect(s.votes).toBeNull();
      expect(s.spread).toBeNull();
    }
    // Your own card only, to you.
    expect((await get(ann, `/api/v1/poker/${sessionId}/my-vote`)).json()).toEqual({ value: '13' });
    expect((await get(vic, `/api/v1/poker/${sessionId}/my-vote`)).statusCode).toBe(403);
    // Poker is internal work: the customers' role reads neither the session nor its stream.
    expect((await get(stan, `/api/v1/poker/${sessionId}`)).statusCode).toBe(403);
    expect((await get(stan, `/api/v1/poker/${sessionId}/stream`)).statusCode).toBe(403);

    const revealed = await post(fay, `/api/v1/poker/${sessionId}/reveal`);
    expect(revealed.json().spread).toMatchObject({ min: '13', max: '40', consensus: false });
    const shown = await late.until((s) => s.status === 'revealed');
    expect(shown.votes?.map((v) => [v.name, v.value]).sort()).toEqual([
      ['Ann Team', '13'],
      ['Bob Team', '40'],
    ]);
    expect((await post(ann, `/api/v1/poker/${sessionId}/votes`, { value: '8' })).statusCode).toBe(409);
  });

  it('re-votes in a fresh round, and writes the agreed value to the item with the voters', async () => {
    const again = await post(fay, `/api/v1/poker/${sessionId}/revote`);
    expect(again.json()).toMatchObject({ status: 'voting', round: 2, votes: null });
    expect(again.json().voters.some((v: { hasVoted: boolean }) => v.hasVoted)).toBe(false);
    await post(ann, `/api/v1/poker/${sessionId}/votes`, { value: '20' });
    await post(bob, `/api/v1/poker/${sessionId}/votes`, { value: '20' });
    expect((await post(fay, `/api/v1/poker/${sessionId}/reveal`)).json().spread.consensus).toBe(true);
    const agreed = await post(ann, `/api/v1/poker/${sessionId}/agree`, { value: '20' });
    expect(agreed.statusCode).toBe(200);
    expect(agreed.json()).toMatchObject({
      currentItemId: items[1],
      status: 'voting',
      results: [{ itemId: items[0], points: 20 }],
    });
    // Rounds count per item: the next item opens in its own round 1, the first took two.
    expect(agreed.json().round).toBe(1);
    expect(agreed.json().items.map((i: { rounds: number }) => i.rounds)).toEqual([2, 1]);
    const size = await t.pool.query('select size, version from items where id = $1', [items[0]]);
    expect(size.rows[0]).toEqual({ size: 20, version: 2 });
    const ev = await t.pool.query(
      `select actor_id, before, after from events where entity_type = 'item' and entity_id = $1 and type = 'item.updated'`,
      [items[0]],
    );
    expect(ev.rows[0].actor_id).toBe(ann.id);
    expect(ev.rows[0].before).toEqual({ size: null });
    expect(ev.rows[0].after).toMatchObject({ size: 20, via: 'planning_poker' });
    expect(
      ev.rows[0].after.voters.map((v: { name: string; value: string }) => `${v.name}:${v.value}`).sort(),
    ).toEqual(['Ann Team:20', 'Bob Team:20']);
  });

  it('shows the estimators the problem, the acceptance criteria and the description', async () => {
    const id = await item('Guest wifi voucher');
    await t.pool.query(
      `update items set problem = $2, description = $3, acceptance_criteria = $4 where id = $1`,
      [
        id,
        'Guests queue at the desk for the wifi code',
        'Print it on the badge.',
        JSON.stringify([{ given: 'a guest badge', when: 'it prints', then: 'the voucher is on it' }]),
      ],
    );
    const opened = await post(ann, `/api/v1/products/${productId}/poker`, { itemIds: [id] });
    expect(opened.statusCode).toBe(201);
    const seen = (await get(vic, `/api/v1/poker/${opened.json().id}`)).json() as PokerSession;
    expect(seen.items[0]).toMatchObject({
      type: 'story',
      problem: 'Guests queue at the desk for the wifi code',
      description: 'Print it on the badge.',
      acceptanceCriteria: [{ given: 'a guest badge', when: 'it prints', then: 'the voucher is on it' }],
      rounds: 1,
    });
    expect(seen.round).toBe(1);
  });
});
