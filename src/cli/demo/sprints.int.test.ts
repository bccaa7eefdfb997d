import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#app/actor.ts';
import { createTestApp, type TestApp } from '#testing/harness.ts';
import { seedSprintsDemo } from './sprints.ts';

let t: TestApp;
let productId: string;
let owner: Actor;

const actor = async (name: string): Promise<Actor> => {
  const u = await t.user(name);
  return { userId: u.id, name, email: u.email, workspaceRole: 'member' };
};

beforeAll(async () => {
  t = await createTestApp();
  const o = await t.user('Nora Lind');
  owner = { userId: o.id, name: o.name, email: o.email, workspaceRole: 'member' };
  productId = (await t.product(o, 'Notification Service', 'NOTIF')).id;
  const team = [await actor('Tara'), await actor('Theo'), await actor('Tess')];
  const fiona = await actor('Fiona');
  const ctx = { actor: owner, productId, role: 'owner' as const };
  for (const m of team) await t.services.products.setMember(ctx, m.userId, 'team', 'add');
  await t.services.products.setMember(ctx, fiona.userId, 'facilitator', 'add');
  const ids = await t.pool.query<{ id: string }>(
    `with i as (
       insert into items (product_id, number, type, title, category)
       select $1, n, 'story', 'Story ' || n, 'feature' from generate_series(1, 40) n
       returning id, product_id, number)
     insert into item_order (item_id, product_id, rank)
     select id, product_id, 'r' || lpad(number::text, 3, '0') from i returning item_id as id`,
    [productId],
  );
  await seedSprintsDemo(t, {
    products: [
      {
        productId,
        owner,
        team,
        facilitator: fiona,
        itemIds: ids.rows.map((r) => r.id),
        workaroundSprint: true,
      },
    ],
    today: new Date('2025-06-18T12:00:00Z'),
  });
});

describe('sprints demo', () => {
  it('builds closed sprints with history, the mid-sprint workaround and a planned sprint', async () => {
    const ctx = { actor: owner, productId, role: 'owner' as const };
    const sprints = await t.services.sprints.list(ctx);
    expect(sprints.map((s) => s.state).sort()).toEqual(['closed', 'closed', 'closed', 'closed', 'planned']);
    const third = sprints.find((s) => s.name === 'Sprint 3')!;
    const report = await t.services.sprints.report(ctx, third.id);
    expect(report.scopeChanges.some((c) => c.reason.includes('Push provider outage'))).toBe(true);
    expect(report.velocityHistory).toHaveLength(3);
    expect(report.burnUp.length).toBe(12);
    expect(report.burnUp.at(-1)!.done).toBe(report.completedPoints);
    expect(report.burnUp[0]!.done).toBeLessThan(report.completedPoints);
    expect(report.burnUp.at(-1)!.scope).not.toBe(report.burnUp[0]!.scope);
    expect(report.carriedOver.length).toBeGreaterThan(0);
    const planned = sprints.find((s) => s.state === 'planned')!;
    const board = await t.services.sprints.board(ctx, planned.id);
    expect(board.forecast.points).not.toBeNull();
    expect(board.items.length).toBe(5);
  });
});
