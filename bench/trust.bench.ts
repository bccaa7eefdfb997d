import { trustUseCases } from '#app/trust/trust.ts';
import { quantile } from './bench-kit.ts';
import { cachedLoad, insertRankedItems, itemsBySprint, productBench, verdict } from './sprints-harness.ts';

/**
 * Trust radar (issue 11) on a product with 50 closed sprints, 10,000 items and 100,000 events
 * (scope changes inside sprints, refused sizes, comments with questions to the PO, customer
 * answers, defects linked to accepted work), seeded in SQL. Figures:
 *  - computed afresh (facts read from PostgreSQL + the pure domain, no cache): median ≤ 100 ms;
 *  - over HTTP at 50 connections, cached until the product changes: p99 ≤ 25 ms.
 */
const ok = await productBench(
  'trust',
  { owner: 'Olive Owner', product: { name: 'Notification Service', key: 'NOTIF' } },
  async ({ server, owner, headers, pid, db }) => {
    const dev = await server.user('Tina Team');
    await db.query(`insert into product_members (product_id, user_id, role) values ($1, $2, 'team')`, [
      pid,
      dev.id,
    ]);
    // 50 two-week sprints, the last closed last Friday: the whole history fits a 2 × 350-day read.
    const now = new Date();
    const firstStart = new Date(now.getTime() - 50 * 14 * 86_400_000);
    await db.query(
      insertRankedItems(
        `insert into items (product_id, number, type, title, problem, category, status, size, business_value,
         acceptance_criteria, created_at)
       select $1::uuid, n, case when n % 40 = 0 then 'defect' else 'story' end, 'Story ' || n,
              case when n % 9 = 0 then '' else 'A guest waits' end, 'feature',
              case when n <= 1000 then 'accepted' else 'ready' end, (array[1,2,3,5,8,13])[1 + n % 6],
              case when n % 11 = 0 then null else 5 end, '[]',
              $2::timestamptz + (n % 700) * interval '1 day'
         from generate_series(1, 10000) n`,
      ),
      [pid, firstStart],
    );
    await db.query(
      `insert into sprints (product_id, name, goal, start_date, end_date, capacity, state, committed_points,
       completed_points, started_at, started_by, closed_at, closed_by)
     select $1::uuid, 'Sprint ' || s, 'Goal ' || s, ($2::timestamptz + (s - 1) * interval '14 days')::date,
            ($2::timestamptz + (s - 1) * interval '14 days' + interval '11 days')::date,
            '{"unit":"points","points":60}', 'closed', 0, 0,
            $2::timestamptz + (s - 1) * interval '14 days' + interval '9 hours', $3,
            $2::timestamptz + (s - 1) * interval '14 days' + interval '11 days 16 hours', $3
       from generate_series(1, 50) s`,
      [pid, firstStart, owner.id],
    );
    await db.query(
      `insert into sprint_items (sprint_id, item_id, product_id, open, added_at, done_at, outcome, points_at_close,
       review, reviewed_at, reopened)
     select sp.id, i.id, $1, false, sp.started_at, sp.started_at + interval '5 days',
            case when i.number % 10 = 0 then 'backlog' else 'completed' end, i.size,
            case when i.number % 10 = 0 then null when i.number % 23 = 0 then 'rejected' else 'accepted' end,
            sp.started_at + interval '10 days', case when i.number % 23 = 0 then 1 else 0 end
       from items i
       ${itemsBySprint(20)}
      where i.product_id = $1 and i.number <= 1000`,
      [pid],
    );
    await db.query(
      `update sprints s set completed_points = x.done, committed_points = x.pts
       from (select sprint_id, sum(points_at_close) pts,
                    sum(points_at_close) filter (where outcome = 'completed') done
               from sprint_items group by sprint_id) x
      where x.sprint_id = s.id`,
    );
    await db.query(
      `insert into sprint_snapshots (sprint_id, committed_points, items, forecast_points, over_forecast, taken_at)
     select s.id, s.committed_points,
            (select jsonb_agg(jsonb_build_object('itemId', si.item_id)) from sprint_items si where si.sprint_id = s.id),
            100, s.committed_points > 100, s.started_at
       from sprints s where s.product_id = $1`,
      [pid],
    );
    // 100,000 events: a start per sprint, 1,000 planning adds and 150 mid-sprint changes, 200
    // refused sizes, 50 review closes; the rest are ordinary item edits spread over the history.
    await db.query(
      `insert into events (product_id, actor_id, entity_type, entity_id, type, after, at)
     select $1::uuid, $2::uuid, 'sprint', si.sprint_id::text, 'sprint.item_added',
            jsonb_build_object('itemId', si.item_id, 'key', 'NOTIF-' || i.number, 'reason', null),
            s.started_at - interval '1 hour'
       from sprint_items si join items i on i.id = si.item_id join sprints s on s.id = si.sprint_id
      where si.product_id = $1`,
      [pid, owner.id],
    );
    await db.query(
      `insert into events (product_id, actor_id, entity_type, entity_id, type, after, at)
     select $1::uuid, $2::uuid, 'sprint', s.id::text, 'sprint.started',
            jsonb_build_object('committedPoints', s.committed_points, 'items', 20, 'forecastPoints', 100,
              'overForecast', s.committed_points > 100, 'confirmedOverForecastBy', null), s.started_at
       from sprints s where s.product_id = $1`,
      [pid, owner.id],
    );
    await db.query(
      `insert into events (product_id, actor_id, entity_type, entity_id, type, after, at)
     select $1::uuid, $2::uuid, 'sprint', s.id::text, case when g % 2 = 0 then 'sprint.item_added' else 'sprint.item_removed' end,
            jsonb_build_object('itemId', gen_random_uuid(), 'key', 'NOTIF-X' || g, 'reason', 'Urgent request'),
            s.started_at + interval '3 days'
       from sprints s cross join generate_series(1, 3) g where s.product_id = $1`,
      [pid, owner.id],
    );
    await db.query(
      `insert into events (product_id, actor_id, entity_type, entity_id, type, after, at)
     select $1::uuid, $2::uuid, 'item', i.id::text, 'item.size_refused',
            jsonb_build_object('key', 'NOTIF-' || i.number, 'role', 'owner', 'size', 8), i.created_at
       from items i where i.product_id = $1 and i.number % 50 = 0`,
      [pid, owner.id],
    );
    const have = Number(
      (await db.query(`select count(*) from events where product_id = $1`, [pid])).rows[0].count,
    );
    await db.query(
      `insert into events (product_id, actor_id, entity_type, entity_id, type, before, after, at)
     select $1::uuid, $2::uuid, 'item', i.id::text, 'item.updated', '{"title":"Old"}', '{"title":"New"}',
            $3::timestamptz + (g % 700) * interval '1 day' + (g % 86400) * interval '1 second'
       from generate_series(1, $4::int) g join items i on i.product_id = $1 and i.number = 1 + g % 10000`,
      [pid, owner.id, firstStart, 100_000 - have],
    );
    // Customer reviews for each sprint with answers on half its items (a sad one now and then).
    await db.query(
      `insert into customer_reviews (product_id, sprint_id, state, opened_by, opened_at, closed_at)
     select $1::uuid, s.id, 'closed', $2::uuid, s.closed_at - interval '1 day', s.closed_at + interval '2 days'
       from sprints s where s.product_id = $1`,
      [pid, owner.id],
    );
    await db.query(
      `insert into review_increments (review_id, item_id, position)
     select cr.id, si.item_id, row_number() over (partition by cr.id order by si.item_id)
       from customer_reviews cr join sprint_items si on si.sprint_id = cr.sprint_id
      where cr.product_id = $1 and si.review = 'accepted'`,
      [pid],
    );
    await db.query(
      `insert into review_answers (review_id, item_id, user_id, mood, rating, answered_at)
     select ri.review_id, ri.item_id, $2::uuid, case when i.number % 7 = 0 then 'sad' else 'happy' end, 4,
            cr.opened_at + interval '1 hour'
       from review_increments ri join items i on i.id = ri.item_id join customer_reviews cr on cr.id = ri.review_id
      where cr.product_id = $1 and i.number % 2 = 0`,
      [pid, owner.id],
    );
    await db.query(
      `insert into events (product_id, actor_id, entity_type, entity_id, type, after, at)
     select $1::uuid, $2::uuid, 'customer_review', cr.id::text, 'review.closed',
            jsonb_build_object('sprintId', cr.sprint_id, 'responses', 10, 'sad', 1), cr.closed_at
       from customer_reviews cr where cr.product_id = $1`,
      [pid, owner.id],
    );
    // Questions from the team to the PO, two thirds answered the next day; defects linked to accepted work.
    await db.query(
      `insert into item_comments (item_id, author_id, body, mentions, created_at)
     select i.id, $2::uuid, 'Which provider first?', array[$3::uuid], $4::timestamptz + (i.number % 700) * interval '1 day'
       from items i where i.product_id = $1 and i.number % 5 = 0
     union all
     select i.id, $3::uuid, 'The push one.', '{}'::uuid[], $4::timestamptz + (i.number % 700) * interval '1 day' + interval '1 day'
       from items i where i.product_id = $1 and i.number % 15 = 0`,
      [pid, dev.id, owner.id, firstStart],
    );
    await db.query(
      `insert into item_links (product_id, from_item_id, to_item_id, kind, created_by, created_at)
     select $1::uuid, d.id, a.id, 'relates', $2::uuid, d.created_at
       from items d join items a on a.product_id = $1 and a.number = d.number / 10
      where d.product_id = $1 and d.type = 'defect'`,
      [pid, owner.id],
    );
    await db.query('analyze');
    const counts = (
      await db.query(
        `select (select count(*) from events where product_id = $1)::int as events,
              (select count(*) from items where product_id = $1)::int as items,
              (select count(*) from sprints where product_id = $1)::int as sprints`,
        [pid],
      )
    ).rows[0];
    console.log(`seeded: ${counts.sprints} sprints, ${counts.items} items, ${counts.events} events`);

    // Afresh: the use cases without a change feed have no cache; every call reads and computes.
    const fresh = trustUseCases(server.store, () => new Date());
    const ctx = { actor: { userId: owner.id }, productId: pid, role: 'owner' } as Parameters<
      typeof fresh.radar
    >[0];
    const from = new Date(now.getTime() - 350 * 86_400_000).toISOString().slice(0, 10);
    const q = { from };
    const sample = await fresh.report(ctx, q);
    console.log(
      `radar: ${sample.sprints.length} sprints in the window; ` +
        sample.signals
          .map((s) => `${s.key} ${s.value ?? '—'} (${s.score ?? '—'}, ${s.evidence.length} ev)`)
          .join('; '),
    );
    for (let i = 0; i < 3; i++) await fresh.radar(ctx, q);
    {
      const { previousWindow, trustReport } = await import('#domain/insight/trust.ts');
      const w = { from: new Date(`${from}T00:00:00Z`), to: new Date(Date.now() + 86_400_000) };
      const t0 = performance.now();
      const facts = await server.store.read.trust.facts(pid, previousWindow(w).from, w.to);
      const t1 = performance.now();
      trustReport(facts, w, new Date());
      const t2 = performance.now();
      // TRUST_DUMP=file: the facts as read, to profile the pure computation on its own.
      if (process.env.TRUST_DUMP)
        (await import('node:fs')).writeFileSync(process.env.TRUST_DUMP, JSON.stringify({ facts, window: w }));
      console.log(`split: facts ${(t1 - t0).toFixed(1)} ms, compute ${(t2 - t1).toFixed(1)} ms`);
    }
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await fresh.radar(ctx, q);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(
      `afresh: median ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms over ${times.length} runs`,
    );
    const afreshOk = verdict(
      'trust radar afresh, median (50 sprints, 10,000 items, 100,000 events)',
      quantile(times, 0.5),
      100,
    );

    const url = `${server.url}/api/v1/products/${pid}/trust?from=${from}`;
    const probe = await fetch(url, { headers });
    if (!probe.ok) throw new Error(`trust failed: ${probe.status} ${await probe.text()}`);
    const seq: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const r = await fetch(url, { headers });
      bytes = (await r.text()).length;
      seq.push(performance.now() - t0);
    }
    seq.sort((a, b) => a - b);
    console.log(
      `cached, one at a time: median ${quantile(seq, 0.5).toFixed(1)} ms (${Math.round(bytes / 1024)} KB)`,
    );
    const result = await cachedLoad(url, owner.cookie);
    console.log(
      `cached over HTTP: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, errors ${result.errors + result.non2xx}`,
    );
    const cachedOk =
      verdict('trust radar cached, p99 at 50 connections', result.latency.p99, 25) && result.non2xx === 0;
    return afreshOk && cachedOk;
  },
);
process.exit(ok ? 0 : 1);
