import { performance } from 'node:perf_hooks';
import { startBenchServer, verdict } from './sprints-harness.ts';

/**
 * Release votes (issue 10): 500 voters × 50 candidates on a backlog of 2,000 items, seeded in SQL.
 * `GET /releases/:id/votes` (per candidate and segment, beside backlog and WSJF rank, with the
 * disagreements) p99 ≤ 25 ms over HTTP; then 50 stakeholders replace their allocations at once,
 * each several times: the PUT's median and p99, for information (the issue sets no target for it;
 * the budget must hold: no voter over it).
 */
const VOTERS = 500;
const CANDIDATES = 50;
const ITEMS = 2000;
const READS = 400;
const PARALLEL_VOTERS = 50;
const ROUNDS = 6;

const pct = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const server = await startBenchServer('votes');
let ok = false;
try {
  const owner = await server.user('Olive Owner');
  const headers = (cookie: string) => ({ 'content-type': 'application/json', origin: server.url, cookie });
  const call = async (cookie: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: headers(cookie),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const product = await call(owner.cookie, 'POST', '/api/v1/products', { name: 'VIP Meetings', key: 'VIP' });
  const segments = [];
  for (const name of ['VIP members', 'Secretariat', 'Partners'])
    segments.push(await call(owner.cookie, 'POST', `/api/v1/products/${product.id}/segments`, { name }));

  // The backlog: 2,000 items, values and sizes on most so WSJF has something to order.
  const items = await server.pool.query<{ id: string }>(
    `with i as (
       insert into items (product_id, number, type, title, problem, category, business_value, size)
       select $1, n, 'story', 'Item ' || n, 'Problem ' || n, 'feature',
              (array[1, 2, 3, 5, 8, 13, 20])[1 + n % 7], case when n % 4 = 0 then null else 1 + n % 8 end
         from generate_series(1, $2::int) n
       returning id, product_id, number)
     insert into item_order (item_id, product_id, rank)
     select id, product_id, 'a' || lpad(number::text, 6, '0') from i returning item_id as id`,
    [product.id, ITEMS],
  );
  await server.pool.query('update products set item_seq = $2 where id = $1', [product.id, ITEMS]);
  // Candidates spread over the backlog: every 40th item.
  const candidateIds = items.rows.filter((_, i) => i % (ITEMS / CANDIDATES) === 7).map((r) => r.id);
  const release = await call(owner.cookie, 'POST', `/api/v1/products/${product.id}/releases`, {
    name: 'Next',
  });
  await call(owner.cookie, 'PUT', `/api/v1/releases/${release.id}/vote`, {
    budget: 10,
    itemIds: candidateIds,
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  });

  // 50 voters who sign in (for the PUTs), 450 seeded directly; each in a segment.
  const live = [];
  for (let k = 0; k < PARALLEL_VOTERS; k++) {
    const u = await server.user(`Stakeholder ${k + 1}`);
    await call(owner.cookie, 'POST', `/api/v1/products/${product.id}/members`, {
      userId: u.id,
      role: 'stakeholder',
    });
    live.push(u);
  }
  const seeded = await server.pool.query<{ id: string }>(
    `insert into users (email, name, password_hash, workspace_role)
     select 'voter' || n || '@example.test', 'Voter ' || n, 'x', 'member' from generate_series(1, $1::int) n
     returning id`,
    [VOTERS - PARALLEL_VOTERS],
  );
  const voterIds = [...live.map((u) => u.id), ...seeded.rows.map((r) => r.id)];
  await server.pool.query(
    `insert into product_members (product_id, user_id, role) select $1, unnest($2::uuid[]), 'stakeholder'
     on conflict do nothing`,
    [product.id, voterIds],
  );
  await server.pool.query(
    `insert into member_segments (product_id, user_id, segment_id)
     select $1, u, ($3::uuid[])[1 + (ord % 3)] from unnest($2::uuid[]) with ordinality as x(u, ord)`,
    [product.id, voterIds, segments.map((s) => s.id)],
  );
  // Every voter spends the whole budget: 4 + 3 + 2 + 1 over four candidates their segment leans to.
  const vUser: string[] = [];
  const vItem: string[] = [];
  const vPoints: number[] = [];
  voterIds.forEach((u, k) => {
    const lean = (k % 3) * 7;
    [4, 3, 2, 1].forEach((points, j) => {
      vUser.push(u);
      vItem.push(candidateIds[(lean + ((k * 7 + j * 11) % 13)) % CANDIDATES]!);
      vPoints.push(points);
    });
  });
  await server.pool.query(
    `insert into release_voters (release_id, user_id, total) select $1, unnest($2::uuid[]), 10`,
    [release.id, voterIds],
  );
  await server.pool.query(
    `insert into release_votes (release_id, user_id, item_id, points)
     select $1, u, i, sum(p) from unnest($2::uuid[], $3::uuid[], $4::int[]) as x(u, i, p) group by u, i`,
    [release.id, vUser, vItem, vPoints],
  );
  await server.pool.query('analyze');

  // Reads: the PO's results page.
  const url = `/api/v1/releases/${release.id}/votes`;
  const first = await call(owner.cookie, 'GET', url);
  console.log(
    `${first.voters} voters × ${first.candidates.length} candidates, ${first.disagreements.length} disagreements; e.g. "${first.disagreements[0]?.text ?? '—'}"`,
  );
  for (let n = 0; n < 30; n++) await call(owner.cookie, 'GET', url);
  const reads: number[] = [];
  for (let n = 0; n < READS; n++) {
    const t0 = performance.now();
    await call(owner.cookie, 'GET', url);
    reads.push(performance.now() - t0);
  }
  reads.sort((a, b) => a - b);
  console.log(
    `GET …/votes over ${READS} reads: median ${pct(reads, 0.5).toFixed(1)} ms, p99 ${pct(reads, 0.99).toFixed(1)} ms`,
  );
  const readsOk = verdict('vote results, 500 voters × 50 candidates, p99', pct(reads, 0.99), 25);

  // Computed afresh: each read right after a vote (which drops the cached results).
  const fresh: number[] = [];
  for (let n = 0; n < 60; n++) {
    const votes = [{ itemId: candidateIds[n % CANDIDATES]!, points: 1 + (n % 9) }];
    await call(live[1]!.cookie, 'PUT', `/api/v1/releases/${release.id}/votes/me`, { votes });
    const t0 = performance.now();
    await call(owner.cookie, 'GET', url);
    fresh.push(performance.now() - t0);
  }
  fresh.sort((a, b) => a - b);
  console.log(
    `GET …/votes right after a vote (computed afresh): median ${pct(fresh, 0.5).toFixed(1)} ms, p99 ${pct(fresh, 0.99).toFixed(1)} ms`,
  );

  // One voter alone, for the cost of a PUT without a queue in front of it.
  const alone: number[] = [];
  for (let r = 0; r < 40; r++) {
    const votes = [{ itemId: candidateIds[r % CANDIDATES]!, points: 1 + (r % 9) }];
    const t0 = performance.now();
    await call(live[0]!.cookie, 'PUT', `/api/v1/releases/${release.id}/votes/me`, { votes });
    alone.push(performance.now() - t0);
  }
  alone.sort((a, b) => a - b);
  console.log(
    `PUT …/votes/me, one voter at a time: median ${pct(alone, 0.5).toFixed(1)} ms, p99 ${pct(alone, 0.99).toFixed(1)} ms`,
  );

  // Writes: 50 stakeholders replace their allocations at the same time, ROUNDS times each, after
  // one round not counted (each person's first request fills the session and role caches).
  await Promise.all(
    live.map((u, k) =>
      call(u.cookie, 'PUT', `/api/v1/releases/${release.id}/votes/me`, {
        votes: [{ itemId: candidateIds[k % CANDIDATES]!, points: 1 }],
      }),
    ),
  );
  const writes: number[] = [];
  await Promise.all(
    live.map(async (u, k) => {
      for (let r = 0; r < ROUNDS; r++) {
        const votes = [6, 3, 1].map((points, j) => ({
          itemId: candidateIds[(k + r * 5 + j * 17) % CANDIDATES]!,
          points,
        }));
        const t0 = performance.now();
        await call(u.cookie, 'PUT', `/api/v1/releases/${release.id}/votes/me`, { votes });
        writes.push(performance.now() - t0);
      }
    }),
  );
  writes.sort((a, b) => a - b);
  const over = await server.pool.query<{ n: number }>(
    `select count(*)::int as n from (select user_id from release_votes where release_id = $1
       group by user_id having sum(points) > 10) x`,
    [release.id],
  );
  console.log(
    `PUT …/votes/me, ${PARALLEL_VOTERS} voters in parallel × ${ROUNDS}: median ${pct(writes, 0.5).toFixed(1)} ms, p99 ${pct(writes, 0.99).toFixed(1)} ms; voters over budget: ${over.rows[0]!.n}`,
  );
  console.log(
    `INFO  vote PUT under ${PARALLEL_VOTERS} parallel voters, p99: ${pct(writes, 0.99).toFixed(1)} ms (no target in the issue; the review answers' is 50 ms)`,
  );
  ok = readsOk && over.rows[0]!.n === 0;
} finally {
  await server.stop();
}
process.exit(ok ? 0 : 1);
