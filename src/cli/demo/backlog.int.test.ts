import { expect, it } from 'vitest';
import { createTestApp } from '../../server/testing/harness.ts';
import { seedBacklogDemo } from './backlog.ts';
import { seedCore } from './core.ts';

it('fills the demo products with seed backlogs, sized by the team and weighted as in the seeds', async () => {
  const t = await createTestApp();
  const { ctx } = await seedCore(t.services);
  await seedBacklogDemo(t.services, ctx);
  const vip = { actor: ctx.users.paul, productId: ctx.products.vip.id, role: 'owner' as const };
  const items = (await t.services.items.list(vip, { sort: 'rank', limit: 100 })).items;
  const inSegment = (key: string) =>
    items.filter((i) => i.segmentIds.includes(ctx.products.vip.segments[key]!)).length;
  expect(inSegment('secretariat')).toBeGreaterThan(inSegment('vip') + 2);
  expect(items.some((i) => i.status === 'ready')).toBe(true);

  const league = { actor: ctx.users.paul, productId: ctx.products.league.id, role: 'owner' as const };
  const found = (await t.services.items.list(league, { sort: 'rank', limit: 5, text: 'sortable by sponsor' }))
    .items;
  expect(found[0]?.title).toMatch(/sortable by sponsor/);
  const history = await t.services.items.history(league, found[0]!.id);
  // The size came from a team member, not the PO (seed 003).
  const sized = history.find((h) => h.type === 'item.updated' && h.changes.some((c) => c.field === 'size'));
  expect(sized?.actorId).toBe(ctx.users.theo.userId);
  const importStory = (
    await t.services.items.list(league, { sort: 'rank', limit: 5, text: 'Import leagues' })
  ).items[0]!;
  const invest = await t.services.items.invest(league, importStory.id);
  expect(invest.findings.find((f) => f.check === 'independent')?.ok).toBe(false);
});
