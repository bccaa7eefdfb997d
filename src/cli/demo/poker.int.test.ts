import { describe, expect, it } from 'vitest';
import type { PokerSession } from '#contracts/poker.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';
import { seedBacklogDemo } from './backlog.ts';
import { DEMO_PASSWORD, seedCore } from './core.ts';
import { seedPokerDemo } from './poker.ts';

async function signIn(t: TestApp, email: string): Promise<TestUser> {
  const res = await t.call(null, {
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: DEMO_PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  return {
    id: res.json().user?.id ?? '',
    email,
    name: email,
    cookie: String(res.headers['set-cookie']).split(';')[0]!,
  };
}

describe('poker demo', () => {
  it('leaves a League Platform session in progress with two hidden votes on the first item', async () => {
    const t = await createTestApp();
    const { ctx } = await seedCore(t);
    await seedBacklogDemo(t.services, ctx);
    const { sessionId } = await seedPokerDemo(t, ctx);

    const paul = await signIn(t, 'paul@tandem.demo');
    const list = await t.call(paul, {
      method: 'GET',
      url: `/api/v1/products/${ctx.products.league.id}/poker`,
    });
    expect(list.statusCode).toBe(200);
    expect((list.json().sessions as PokerSession[]).map((s) => s.id)).toContain(sessionId);

    const res = await t.call(paul, { method: 'GET', url: `/api/v1/poker/${sessionId}` });
    expect(res.statusCode).toBe(200);
    const s = res.json() as PokerSession;
    expect(s.status).toBe('voting');
    expect(s.items.length).toBeGreaterThanOrEqual(2);
    expect(s.items.length).toBeLessThanOrEqual(3);
    expect(s.items[0]!.title).toBe('Sort the team list by sponsor name');
    expect(s.currentItemId).toBe(s.items[0]!.itemId);
    // Votes stay hidden: who voted is public, what they voted is not, not even in the raw body.
    expect(s.votes).toBeNull();
    expect(res.body).not.toMatch(/"value"/);
    const voted = s.voters.filter((v) => v.hasVoted).map((v) => v.name);
    expect(voted.sort()).toEqual(['Tara Nakamura', 'Theo Okafor']);
    expect(s.voters.find((v) => v.name === 'Tess Moreau')?.hasVoted).toBe(false);
    // The PO watches: they hold no card in it.
    const mine = await t.call(paul, { method: 'GET', url: `/api/v1/poker/${sessionId}/my-vote` });
    expect(mine.statusCode).toBe(403);
  });
});
