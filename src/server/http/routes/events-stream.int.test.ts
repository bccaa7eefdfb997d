import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

let t: TestApp;
let owner: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let productId: string;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Olga Owner');
  viewer = await t.user('Vic Viewer');
  stranger = await t.user('Stan Stranger');
  productId = (await t.product(owner, 'Live product', 'LIVE')).id;
  await t.addMember(owner, productId, viewer, 'viewer');
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.app.close());

type Frame = { event: string; data: string; id?: string };

/** Reads SSE frames from a stream until `until` says stop, or the time runs out. */
async function readFrames(res: Response, until: (frames: Frame[]) => boolean, ms = 5000) {
  const reader = res.body!.getReader();
  const frames: Frame[] = [];
  let buffer = '';
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !until(frames)) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
    ]);
    if (!chunk || chunk.done) break;
    buffer += new TextDecoder().decode(chunk.value);
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      const id = /^id: (.*)$/m.exec(block)?.[1];
      if (event && data) frames.push({ event, data, ...(id ? { id } : {}) });
      cut = buffer.indexOf('\n\n');
    }
  }
  await reader.cancel();
  return frames;
}

describe('live activity stream', () => {
  it("pushes other people's changes to every member as they commit", async () => {
    const res = await fetch(`${base}/api/v1/products/${productId}/events/stream`, {
      headers: { cookie: viewer.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const frames = readFrames(res, (f) =>
      f.some((x) => x.event === 'activity' && x.data.includes('Secretariat')),
    );
    await new Promise((r) => setTimeout(r, 300));
    const made = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/products/${productId}/segments`,
      payload: { name: 'Secretariat' },
    });
    expect(made.statusCode).toBe(201);
    const got = await frames;
    const activity = got.filter((f) => f.event === 'activity').flatMap((f) => JSON.parse(f.data));
    expect(activity.map((e: { type: string }) => e.type)).toContain('segment.created');
    expect(activity.find((e: { type: string }) => e.type === 'segment.created').actor.name).toBe(
      'Olga Owner',
    );
  });

  it('replays what a reconnecting stream missed, from its Last-Event-ID', async () => {
    const segment = (name: string) =>
      t.call(owner, { method: 'POST', url: `/api/v1/products/${productId}/segments`, payload: { name } });
    const first = await fetch(`${base}/api/v1/products/${productId}/events/stream`, {
      headers: { cookie: viewer.cookie },
    });
    const seen = readFrames(first, (f) =>
      f.some((x) => x.event === 'activity' && x.data.includes('Seabiscuit')),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect((await segment('Seabiscuit')).statusCode).toBe(201);
    const lastSeen = (await seen).filter((f) => f.event === 'activity').at(-1)!;
    expect(lastSeen.id).toMatch(/^\d+$/);

    // Away (the first stream is closed): two more changes happen.
    expect((await segment('Whirlaway')).statusCode).toBe(201);
    expect((await segment('Citation')).statusCode).toBe(201);
    const again = await fetch(`${base}/api/v1/products/${productId}/events/stream`, {
      headers: { cookie: viewer.cookie, 'last-event-id': lastSeen.id! },
    });
    const frames = await readFrames(again, (f) => f.some((x) => x.event === 'ready'));
    const missed = frames
      .slice(
        0,
        frames.findIndex((f) => f.event === 'ready'),
      )
      .flatMap((f) => JSON.parse(f.data))
      .map((e: { after: { name?: string } | null }) => e.after?.name);
    expect(missed).toEqual(['Whirlaway', 'Citation']);

    // Without a Last-Event-ID a stream starts from now.
    const fresh = await fetch(`${base}/api/v1/products/${productId}/events/stream`, {
      headers: { cookie: viewer.cookie },
    });
    const start = await readFrames(fresh, (f) => f.some((x) => x.event === 'ready'));
    expect(start.map((f) => f.event)).toEqual(['ready']);
  });

  it('is not found for a stranger', async () => {
    const res = await fetch(`${base}/api/v1/products/${productId}/events/stream`, {
      headers: { cookie: stranger.cookie },
    });
    expect(res.status).toBe(404);
  });
});
