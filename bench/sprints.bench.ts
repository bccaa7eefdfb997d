import autocannon from 'autocannon';
import { insertRankedItems, itemsBySprint, productBench, verdict } from './sprints-harness.ts';

/**
 * Sprint report on a product with 10,000 items and 50 closed sprints (20 items each, scope changes,
 * snapshots): p99 ≤ 50 ms over HTTP on the real server, PostgreSQL at 127.0.0.1:5432.
 */
const ok = await productBench(
  'sprints',
  { owner: 'Olive Owner', product: { name: 'Notification Service', key: 'NOTIF' } },
  async ({ server, owner, headers, pid, db }) => {
    await db.query(
      insertRankedItems(
        `insert into items (product_id, number, type, title, category, status, size, acceptance_criteria)
       select $1, n, 'story', 'Story ' || n, 'feature',
              case when n <= 1000 then 'accepted' else 'ready' end, (array[1,2,3,5,8,13])[1 + n % 6], '[]'
         from generate_series(1, 10000) n`,
      ),
      [pid],
    );
    // 50 two-week sprints, closed in order; items 1..1000 spread 20 per sprint.
    await db.query(
      `insert into sprints (product_id, name, goal, start_date, end_date, capacity, state, committed_points,
       completed_points, started_at, started_by, closed_at, closed_by)
     select $1, 'Sprint ' || s, 'Goal ' || s, date '2023-01-02' + (s - 1) * 14, date '2023-01-13' + (s - 1) * 14,
            '{"unit":"points","points":60}', 'closed', 0, 0,
            timestamptz '2023-01-02 09:00Z' + (s - 1) * interval '14 days', $2,
            timestamptz '2023-01-13 17:00Z' + (s - 1) * interval '14 days', $2
       from generate_series(1, 50) s`,
      [pid, owner.id],
    );
    await db.query(
      `insert into sprint_items (sprint_id, item_id, product_id, open, added_at, done_at, outcome, points_at_close, review)
     select sp.id, i.id, $1, false, sp.started_at, sp.started_at + (i.number % 9 + 1) * interval '1 day',
            'completed', i.size, 'accepted'
       from items i
       ${itemsBySprint(20)}
      where i.product_id = $1 and i.number <= 1000`,
      [pid],
    );
    await db.query(
      `update sprints s set completed_points = x.pts, committed_points = x.pts + 3
       from (select sprint_id, sum(points_at_close) pts from sprint_items group by sprint_id) x
      where x.sprint_id = s.id`,
    );
    await db.query(
      `insert into sprint_snapshots (sprint_id, committed_points, items, forecast_points, over_forecast, taken_at)
     select s.id, s.committed_points,
            (select jsonb_agg(jsonb_build_object('itemId', si.item_id, 'key', 'NOTIF-' || i.number, 'title', i.title,
               'size', i.size, 'status', 'ready')) from sprint_items si join items i on i.id = si.item_id
              where si.sprint_id = s.id), 40, false, s.started_at
       from sprints s where s.product_id = $1`,
      [pid],
    );
    await db.query(
      `insert into sprint_scope_changes (sprint_id, item_id, change, points_before, points_after, reason, actor_id, at)
     select si.sprint_id, si.item_id, 'resized', 3, si.points_at_close, 'Found more work', $2, si.added_at + interval '2 days'
       from sprint_items si where si.product_id = $1 and (select number from items where id = si.item_id) % 7 = 0`,
      [pid, owner.id],
    );
    await db.query('analyze');
    const last = (
      await db.query<{ id: string }>(
        `select id from sprints where product_id = $1 order by start_date desc limit 1`,
        [pid],
      )
    ).rows[0]!.id;
    const url = `${server.url}/api/v1/sprints/${last}/report`;
    const probe = await fetch(url, { headers });
    const body = await probe.json();
    if (!probe.ok) throw new Error(`report failed: ${JSON.stringify(body)}`);
    console.log(
      `report: committed ${body.committedPoints}, completed ${body.completedPoints}, say/do ${body.sayDoRatio}, ` +
        `${body.velocityHistory.length} sprints of history, CV ${body.velocityCv}, ${body.scopeChanges.length} scope changes`,
    );
    const result = await autocannon({
      url,
      headers: { cookie: owner.cookie },
      connections: 50,
      duration: 10,
    });
    console.log(
      `sprint report: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, errors ${result.errors + result.non2xx}`,
    );
    return (
      verdict('sprint report p99 (50 sprints, 10,000 items)', result.latency.p99, 50) && result.non2xx === 0
    );
  },
);
process.exit(ok ? 0 : 1);
