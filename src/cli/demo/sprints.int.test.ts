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
       insert into items (product_id, number, type, title, category, status)
       select $1, n, 'story', 'Story ' || n, 'feature', 'ready' from generate_series(1, 40) n
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
  it('builds closed sprints with history, the mid-sprint workaround, the running sprint and a planned one', async () => {
    const ctx = { actor: owner, productId, role: 'owner' as const };
    const sprints = await t.services.sprints.list(ctx);
    expect(sprints.map((s) => s.state).sort()).toEqual([
      'active',
      'closed',
      'closed',
      'closed',
      'closed',
      'planned',
    ]);
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

  it('runs this week’s sprint: work in progress, one item done, people on the started work', async () => {
    const ctx = { actor: owner, productId, role: 'owner' as const };
    const active = (await t.services.sprints.list(ctx)).find((s) => s.state === 'active')!;
    expect(active.startDate <= '2025-06-18' && active.endDate >= '2025-06-18').toBe(true);
    const board = await t.services.sprints.board(ctx, active.id);
    const by = (status: string) => board.items.filter((i) => i.status === status);
    expect(by('in_progress').length).toBeGreaterThanOrEqual(1);
    expect(by('done').length).toBe(1);
    expect(board.items.length).toBeGreaterThan(by('in_progress').length + 1);
    const assigned = await t.pool.query<{ n: number }>(
      `select count(*)::int as n from items where id = any($1::uuid[]) and assignee_id is not null
          and status in ('in_progress', 'done')`,
      [board.items.map((i) => i.itemId)],
    );
    expect(assigned.rows[0]!.n).toBe(by('in_progress').length + 1);
  });

  it('dates every event of a sprint within that sprint, and none after today', async () => {
    const rows = await t.pool.query<{ name: string; start: string; end: string; at: Date; type: string }>(
      `select s.name, s.start_date::text as start, s.end_date::text as end, e.at, e.type
         from events e join sprints s on s.id::text = e.entity_id
        where e.entity_type = 'sprint' and s.product_id = $1 and s.state <> 'planned'`,
      [productId],
    );
    expect(rows.rows.length).toBeGreaterThan(10);
    for (const r of rows.rows) {
      const day = r.at.toISOString().slice(0, 10);
      expect(day >= r.start && day <= r.end, `${r.name} ${r.type} at ${day}`).toBe(true);
    }
    // Items done in a sprint were done during it, not when the builder ran.
    const done = await t.pool.query<{ name: string; start: string; end: string; at: Date }>(
      `select s.name, s.start_date::text as start, s.end_date::text as end, e.at
         from events e join sprint_items si on si.item_id::text = e.entity_id
         join sprints s on s.id = si.sprint_id
        where e.entity_type = 'item' and e.after->>'status' = 'done' and s.product_id = $1
          and s.state = 'closed' and si.done_at is not null
          and e.at >= s.start_date and e.at < s.end_date + 2`,
      [productId],
    );
    expect(done.rows.length).toBeGreaterThan(5);
    // The builder's events (the set-up above, product and members, ran at the real time).
    const latest = await t.pool.query<{ at: Date }>(
      `select max(at) as at from events where product_id = $1 and entity_type in ('sprint', 'item')`,
      [productId],
    );
    expect(latest.rows[0]!.at.getTime()).toBeLessThanOrEqual(new Date('2025-06-18T12:00:00Z').getTime());
  });
});
