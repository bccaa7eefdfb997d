import { beforeAll, describe, expect, it } from 'vitest';
import type { ItemRecord } from '#app/items/ports.ts';
import { createTestApp, type TestApp } from '#testing/harness.ts';
import { seedBacklogDemo } from './backlog.ts';
import { type DemoContext, seedCore } from './core.ts';

let t: TestApp;
let ctx: DemoContext;
const as = (p: 'vip' | 'league' | 'notif') => ({
  actor: p === 'notif' ? ctx.users.nora : ctx.users.paul,
  productId: ctx.products[p].id,
  role: 'owner' as const,
});
const all = async (p: 'vip' | 'league' | 'notif'): Promise<ItemRecord[]> =>
  t.store.read.items.all(as(p).productId);
const find = (items: ItemRecord[], title: RegExp) => {
  const it = items.find((i) => title.test(i.title));
  if (!it) throw new Error(`no item ${title}`);
  return it;
};

beforeAll(async () => {
  t = await createTestApp();
  ctx = (await seedCore(t)).ctx;
  await seedBacklogDemo(t.services, ctx);
});

describe('backlog demo', () => {
  it('gives each product a backlog big enough for its sprint history and a live remainder', async () => {
    const counts = { vip: (await all('vip')).length, league: 0, notif: 0 };
    counts.league = (await all('league')).length;
    counts.notif = (await all('notif')).length;
    // Sprints take ~27 / ~22 / ~24 items from the top (sprints.ts); the rest stays live.
    expect(counts.vip).toBeGreaterThanOrEqual(38);
    expect(counts.league).toBeGreaterThanOrEqual(33);
    expect(counts.notif).toBeGreaterThanOrEqual(30);
    for (const p of ['vip', 'league', 'notif'] as const) {
      const items = await all(p);
      expect(new Set(items.map((i) => i.type)).size, p).toBe(5);
      // Some need an estimate (WSJF "needs estimate"), most are sized; a few are release-critical.
      const unsized = items.filter((i) => i.size === null).length;
      expect(unsized, p).toBeGreaterThan(0);
      expect(unsized, p).toBeLessThan(items.length / 4);
      expect(items.filter((i) => i.releaseCritical).length, p).toBeGreaterThanOrEqual(3);
      expect(
        items.some((i) => i.status === 'ready'),
        p,
      ).toBe(true);
      // Every story states its problem; most carry Given/When/Then scenarios.
      const stories = items.filter((i) => i.type === 'story');
      expect(
        stories.every((s) => s.problem.trim().length > 20),
        p,
      ).toBe(true);
      expect(stories.filter((s) => s.acceptanceCriteria.length > 0).length, p).toBeGreaterThan(
        stories.length * 0.7,
      );
      expect(
        items.every((i) => [i.businessValue, i.timeCriticality, i.riskReduction].every(onScale)),
        p,
      ).toBe(true);
    }
  });

  it('weights VIP Meetings to the Secretariat, as seed 000 describes', async () => {
    const items = await all('vip');
    const inSegment = (key: string) =>
      items.filter((i) => i.segmentIds.includes(ctx.products.vip.segments[key]!)).length;
    expect(inSegment('secretariat')).toBeGreaterThan(inSegment('vip') + 5);
    const calendar = find(items, /yearly meeting calendar/);
    const comments = await t.services.items.comments(as('vip'), calendar.id);
    // A VIP stakeholder and the tech lead argue for it; the mention reaches the PO.
    expect(comments.map((c) => c.authorId)).toContain(ctx.users.sam.userId);
    expect(comments.flatMap((c) => c.mentions.map((m) => m.id))).toContain(ctx.users.paul.userId);
  });

  it('has seed 001’s refinement: sponsor filter sized by the team, the import spike blocking, the debt’s break-even', async () => {
    const items = await all('league');
    const filter = find(items, /View all teams in a league, filter by sponsor/);
    const history = await t.services.items.history(as('league'), filter.id);
    // The size came from a team member, not the PO (seed 003).
    const sized = history.find((h) => h.type === 'item.updated' && h.changes.some((c) => c.field === 'size'));
    expect(sized?.actorId).toBe(ctx.users.theo.userId);
    const links = await t.services.items.links(as('league'), filter.id);
    expect(links.map((l) => l.other.title)).toContain('Sort the team list by sponsor name');

    const importStory = find(items, /^Import leagues, teams and fixtures/);
    const invest = await t.services.items.invest(as('league'), importStory.id);
    expect(invest.findings.find((f) => f.check === 'independent')?.ok).toBe(false);
    expect(importStory.size).toBeNull();

    const debt = find(items, /copy-pasted fixture validation/);
    expect(debt.type).toBe('debt');
    expect(debt.description).toMatch(/12–16 h.*3–4 weeks/s);
    const city = find(items, /only their own city/);
    expect(city.releaseCritical).toBe(true);
    expect(city.problem).toMatch(/4 to 15 cities/);
  });

  it('has seed 002’s duplicate emails: agreed fix, the workaround as debt and its linked repayment', async () => {
    const items = await all('notif');
    const dup = find(items, /several identical emails/);
    const retries = find(items, /Retry with backoff/);
    // `{ref}` placeholders became real keys.
    expect(dup.description).toContain(retries.key);
    expect(dup.description).not.toMatch(/\{\w+\}/);
    const workaround = find(items, /^Workaround:/);
    expect(workaround.type).toBe('debt');
    expect(workaround.status).toBe('in_progress');
    const repay = find(items, /^Repay:/);
    const links = await t.services.items.links(as('notif'), workaround.id);
    expect(links.map((l) => l.other.id).sort()).toEqual([dup.id, repay.id].sort());
    const duplicate = find(items, /Password-reset emails arrive twice/);
    expect(duplicate.status).toBe('rejected');
    const dupLinks = await t.services.items.links(as('notif'), duplicate.id);
    expect(dupLinks).toMatchObject([{ kind: 'duplicates', direction: 'outgoing', other: { id: dup.id } }]);
    const comments = await t.services.items.comments(as('notif'), dup.id);
    expect(comments.length).toBeGreaterThanOrEqual(4);
    expect(comments.some((c) => c.body.includes(workaround.key))).toBe(true);
    expect(comments.flatMap((c) => c.mentions.map((m) => m.id))).toContain(ctx.users.nora.userId);
  });
});

const onScale = (v: number | null) => v === null || [1, 2, 3, 5, 8, 13, 20].includes(v);
