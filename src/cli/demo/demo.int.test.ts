import { describe, expect, it } from 'vitest';
import { createTestApp } from '#testing/harness.ts';
import { DEMO_PASSWORD } from './core.ts';
import { seedDemo } from './index.ts';

describe('demo workspace', () => {
  it('builds the three products with people in every role, once', async () => {
    const t = await createTestApp();
    const result = await seedDemo(t);
    expect(result?.password).toBe(DEMO_PASSWORD);
    expect(result?.users.length).toBeGreaterThanOrEqual(8);
    // The console says who belongs to which product.
    const byEmail = new Map(result?.users.map((u) => [u.email, u.products]));
    expect(byEmail.get('paul@tandem.demo')).toEqual([
      { name: 'League Platform', role: 'owner' },
      { name: 'VIP Meetings', role: 'owner' },
    ]);
    expect(byEmail.get('sam@tandem.demo')).toEqual([{ name: 'VIP Meetings', role: 'stakeholder' }]);
    expect(byEmail.get('admin@tandem.demo')).toEqual([]);
    const login = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'paul@tandem.demo', password: DEMO_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const names = login
      .json()
      .memberships.map((m: { productName: string }) => m.productName)
      .sort();
    expect(names).toEqual(['League Platform', 'VIP Meetings']);
    const products = await t.pool.query<{ name: string; roles: string[]; segments: string[] }>(
      `select p.name, array(select distinct role from product_members m where m.product_id = p.id order by 1) as roles,
              array(select name from segments s where s.product_id = p.id order by 1) as segments
         from products p order by p.name`,
    );
    expect(products.rows.map((r) => r.name)).toEqual([
      'League Platform',
      'Notification Service',
      'VIP Meetings',
    ]);
    const vip = products.rows.find((r) => r.name === 'VIP Meetings')!;
    expect(vip.roles).toEqual(['facilitator', 'owner', 'stakeholder', 'team', 'viewer']);
    expect(vip.segments).toEqual(['Secretariat', 'VIP members']);
    const history = await t.pool.query<{ name: string; items: number; closed: number; changes: number }>(
      `select p.name,
              (select count(*)::int from items i where i.product_id = p.id and i.deleted_at is null) as items,
              (select count(*)::int from sprints s where s.product_id = p.id and s.state = 'closed') as closed,
              (select count(*)::int from sprint_scope_changes c join sprints s on s.id = c.sprint_id
                where s.product_id = p.id and length(c.reason) > 10) as changes
         from products p order by p.name`,
    );
    for (const row of history.rows) {
      expect(row.items, row.name).toBeGreaterThanOrEqual(10);
      expect(row.closed, row.name).toBeGreaterThanOrEqual(3);
    }
    expect(history.rows.find((r) => r.name === 'Notification Service')!.changes).toBeGreaterThan(0);
    // The top of each backlog is what comes next, not finished work.
    const top = await t.pool.query<{ status: string }>(
      `select i.status from items i join products p on p.id = i.product_id join item_order o on o.item_id = i.id
        where p.name = 'VIP Meetings' and i.deleted_at is null order by o.rank limit 5`,
    );
    expect(top.rows.map((r) => r.status).filter((s) => ['done', 'accepted', 'rejected'].includes(s))).toEqual(
      [],
    );
    // Whichever product a person lands on, a sprint is running there, with work in progress.
    const running = await t.pool.query<{ name: string; start: string; end: string; doing: number }>(
      `select p.name, s.start_date::text as start, s.end_date::text as end,
              (select count(*)::int from sprint_items si join items i on i.id = si.item_id
                where si.sprint_id = s.id and i.status = 'in_progress') as doing
         from products p join sprints s on s.product_id = p.id and s.state = 'active' order by p.name`,
    );
    expect(running.rows.map((r) => r.name)).toEqual([
      'League Platform',
      'Notification Service',
      'VIP Meetings',
    ]);
    const today = new Date().toISOString().slice(0, 10);
    for (const r of running.rows) {
      expect(r.doing, r.name).toBeGreaterThan(0);
      expect(r.start <= today && today <= r.end, r.name).toBe(true);
    }
    // The activity reads as weeks of work, not as "2 min ago" for everything.
    const span = await t.pool.query<{ first: Date; last: Date; recent: number; total: number }>(
      `select min(at) as first, max(at) as last, count(*)::int as total,
              count(*) filter (where at > now() - interval '1 hour')::int as recent from events`,
    );
    const { first, last, recent, total } = span.rows[0]!;
    expect(Date.now() - first.getTime()).toBeGreaterThan(60 * 86_400_000);
    expect(last.getTime()).toBeLessThanOrEqual(Date.now());
    expect(recent).toBeLessThan(total / 10);
    expect(await seedDemo(t)).toBeNull();
    // The whole demo (200 stakeholders, two reviews, a vote) on a busy machine.
  }, 180_000);

  it('gives VIP Meetings its customers: 200 VIPs, a closed review, an open vote, requests, a contradicted hypothesis', async () => {
    const t = await createTestApp();
    const result = await seedDemo(t);
    const q = async <R extends object>(sql: string) => (await t.pool.query<R>(sql)).rows;
    const [people] = await q<{ vips: number; secretariat: number }>(
      `select count(*) filter (where g.name = 'VIP members')::int as vips,
              count(*) filter (where g.name = 'Secretariat')::int as secretariat
         from member_segments ms join segments g on g.id = ms.segment_id
         join product_members m on m.product_id = ms.product_id and m.user_id = ms.user_id and m.role = 'stakeholder'`,
    );
    expect(people!.vips).toBeGreaterThanOrEqual(200);
    expect(people!.secretariat).toBeGreaterThanOrEqual(3);
    // The review: closed, answered by many VIPs, the Secretariat-heavy increments mostly neutral, with comments.
    const [review] = await q<{ state: string; answers: number; light: number }>(
      `select r.state, (select count(*)::int from review_answers a where a.review_id = r.id) as answers,
              (select count(*)::int from review_answers a where a.review_id = r.id and a.comment ilike '%light but interesting%') as light
         from customer_reviews r order by r.opened_at desc limit 1`,
    );
    // Two reviews (the last two sprints'), so the feedback trend has a past.
    const [reviews] = await q<{ n: number }>(
      `select count(*)::int as n from customer_reviews where state = 'closed'`,
    );
    expect(reviews!.n).toBe(2);
    expect(review!.state).toBe('closed');
    expect(review!.answers).toBeGreaterThan(200);
    expect(review!.light).toBeGreaterThan(0);
    // The open vote, where the VIPs' first choice is not the PO's first item.
    const vote = await q<{ item_id: string; points: number; position: number }>(
      `select v.item_id, sum(v.points)::int as points, c.position
         from release_votes v join release_candidates c on c.release_id = v.release_id and c.item_id = v.item_id
         join releases r on r.id = v.release_id and r.vote_closes_at > now()
        group by v.item_id, c.position order by points desc`,
    );
    expect(vote.length).toBeGreaterThan(1);
    expect(vote[0]!.position).not.toBe(Math.min(...vote.map((v) => v.position)));
    // Requests: planned, and one declined with its reason.
    const requests = await q<{ status: string; reason: string | null }>(
      'select status, decline_reason as reason from requests',
    );
    expect(requests.filter((r) => r.status === 'planned').length).toBeGreaterThanOrEqual(2);
    expect(requests.filter((r) => r.status === 'declined' && (r.reason ?? '').length > 20)).toHaveLength(1);
    // The hypothesis the feedback contradicts.
    const hypotheses = await q<{ status: string }>(
      'select hypothesis_status as status from items where hypothesis is not null',
    );
    expect(hypotheses.map((h) => h.status)).toContain('contradicted');
    // A VIP's personal link signs them in and lands on the portal, without a password.
    expect(result?.vipLink.path).toMatch(/^\/link\/sil_/);
    const token = result!.vipLink.path.split('/').pop()!;
    const signedIn = await t.call(null, { method: 'POST', url: `/api/v1/sign-in-links/${token}` });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
  }, 180_000);
});
