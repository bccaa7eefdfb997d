/**
 * No noisy neighbour: a 100,000-item product on PostgreSQL, measured three ways.
 *  1. Uncached text search: distinct searches straight from the items repository, one at a time.
 *  2. Another user's backlog page (a small product) while 20 connections flood distinct searches
 *     on the big one: once by one viewer (the per-user limit answers 429), once with the limit
 *     lifted (the database and the index alone).
 *  3. Creates at 50 connections beside pgbench's built-in TPC-B run on a scratch database of the
 *     same PostgreSQL; and creates with an Idempotency-Key each (as the web app sends them).
 * Run: npm run bench -- neighbour. Env: BENCH_PG (server URL), BENCH_SECONDS (default 8),
 * BENCH_ONLY=search|neighbour|create, BENCH_KEEP=1 keeps the database.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { keysBetween } from '#domain/backlog/ordering.ts';
import {
  apiProduct,
  apiUser,
  SECONDS as DEFAULT_SECONDS,
  type Figure,
  forkChild,
  load as loadFor,
  quantile,
  type Row,
  report,
  SERVER_URL,
  scratchDatabase,
  serveTandemIfChild,
} from './bench-kit.ts';

const SECONDS = process.env.BENCH_SECONDS ? DEFAULT_SECONDS : 8;
const ITEMS = 100_000;
const ONLY = process.env.BENCH_ONLY;
const self = fileURLToPath(import.meta.url);
const run = (phase: string) => !ONLY || ONLY === phase;
const start = (env: Record<string, string>) => forkChild(self, 'server', env);
const load = (opts: Parameters<typeof loadFor>[0], warmup = 2) =>
  loadFor({ duration: SECONDS, ...opts }, warmup);

const WORDS = [
  'sponsor',
  'team',
  'league',
  'fixture',
  'import',
  'referee',
  'season',
  'venue',
  'ticket',
  'report',
];
const RARE = ['invoice', 'floodlight', 'minibus', 'trophy', 'physio', 'kitbag', 'stewards', 'parking'];

/** Search n of a varied, never repeating sequence: common words, prefixes, rare words, keys, misses. */
function searchText(n: number): string {
  const w = (k: number) => WORDS[k % WORDS.length]!;
  switch (n % 8) {
    case 0:
      return `${w(n)} ${w(n * 3 + 1).slice(0, 3)} ${n % 1000}`;
    case 1:
      return `${w(n)} ${w(n * 7 + 2)}`;
    case 2:
      return `${RARE[n % RARE.length]} ${n % 97}`;
    case 3:
      return `BIG-${1 + ((n * 7919) % ITEMS)}`;
    case 4:
      return `${w(n).slice(0, 4)} number ${n % 5000}`;
    case 5:
      return `nothing${n}`;
    case 6:
      return `${RARE[n % RARE.length]!.slice(0, 5)}`;
    default:
      return `${w(n)} ${n}`;
  }
}

async function seed(db: pg.Client, productId: string, userId: string) {
  // Straight into the tables (the import endpoint is measured elsewhere): titles from the word
  // list, a description per item, one in 500 with a rare word; order keys (real fractional-index
  // keys, as the app makes them) follow numbers.
  await db.query(
    `with w(a) as (select $3::text[]), r(b) as (select $4::text[]),
     n as (select g from generate_series(1, $2::int) g),
     i as (
       insert into items (product_id, number, type, category, title, description, size, business_value, created_by)
       select $1, g, (array['story','defect','debt','enabler'])[1 + g % 4],
              (array['feature','defect','debt','enabler'])[1 + g % 4],
              'View ' || a[1 + g % 10] || ' ' || a[1 + (g * 7) % 10] || ' ' || a[1 + (g * 3) % 10] || ' number ' || g
                || case when g % 500 = 0 then ' ' || b[1 + (g / 500) % 8] else '' end,
              'As a ' || a[1 + (g * 11) % 10] || ' I want ' || md5(g::text) || ' so that the '
                || a[1 + (g * 13) % 10] || ' is told the same day.',
              case when g % 9 = 0 then null else (array[1,2,3,5,8])[1 + g % 5] end,
              (array[1,2,3,5,8,13,20])[1 + g % 7], $5
         from n, w, r
       returning id, number)
     insert into item_order (item_id, product_id, rank)
     select i.id, $1, k.rank from i join unnest($6::text[]) with ordinality as k(rank, number) using (number)`,
    [productId, ITEMS, WORDS, RARE, userId, keysBetween(null, null, ITEMS)],
  );
  await db.query('update products set item_seq = $2 where id = $1', [productId, ITEMS]);
  await db.query('vacuum analyze');
}

/** pgbench's TPC-B on a scratch database of the same server: the tps this machine can commit now. */
function pgbench(): number {
  const scratch = `tandem_pgbench_${randomBytes(3).toString('hex')}`;
  const u = new URL(SERVER_URL);
  const conn = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')];
  execFileSync('createdb', [...conn, scratch]);
  try {
    execFileSync('pgbench', [...conn, '-i', '-q', scratch], { stdio: 'ignore' });
    const out = execFileSync('pgbench', [...conn, '-c', '50', '-j', '2', '-T', '10', scratch], {
      encoding: 'utf8',
    });
    const m = /tps = ([\d.]+)/.exec(out);
    if (!m) throw new Error(`no tps in pgbench output:\n${out}`);
    return Number(m[1]);
  } finally {
    execFileSync('dropdb', [...conn, '--force', scratch]);
  }
}

async function main() {
  const scratch = await scratchDatabase();
  const dbUrl = scratch.url;
  let server = await start({ BENCH_DB_URL: dbUrl });
  let base = server.base;
  const db = new pg.Client(dbUrl);
  await db.connect();
  const rows: Row[] = [];
  try {
    const po = await apiUser(base, db, 'po@bench.test', 'admin');
    const neighbour = await apiUser(base, db, 'neighbour@bench.test');
    const viewer = await apiUser(base, db, 'viewer@bench.test');
    const neighbourAuth = neighbour.headers;
    const viewerAuth = viewer.headers;
    const big = await apiProduct(base, po.headers, 'Big League', 'BIG');
    const small = await apiProduct(base, neighbourAuth, 'Small Club', 'SMC');
    await db.query(
      `insert into product_members (product_id, user_id, role) values ($1, $2, 'viewer') on conflict do nothing`,
      [big, viewer.id],
    );
    const t0 = Date.now();
    await seed(db, big, po.id);
    for (let i = 0; i < 100; i += 1) {
      await fetch(`${base}/api/v1/products/${small}/items`, {
        method: 'POST',
        headers: neighbourAuth,
        body: JSON.stringify({ type: 'story', title: `Club item ${i}`, problem: 'The club needs it.' }),
      });
    }
    console.log(`seeded ${ITEMS} items + 100 in ${Date.now() - t0} ms`);

    // 1. Uncached search, straight from the repository (a prepared statement, as the server runs it).
    if (run('search')) {
      const { prepared } = await import('#db/pool.ts');
      const { itemPageJson } = await import('#db/repositories/items-list.repository.ts');
      const pool = new pg.Pool({ connectionString: dbUrl, max: 1 });
      const q = prepared(pool);
      const times: number[] = [];
      for (let n = 0; n < 400; n += 1) {
        const started = performance.now();
        await itemPageJson(
          q,
          big,
          { sort: 'rank', dir: 'asc', limit: 101, text: searchText(n) } as never,
          100,
        );
        if (n >= 40) times.push(performance.now() - started); // the first 40 warm the caches
      }
      await pool.end();
      times.sort((a, b) => a - b);
      const at = (p: number) => quantile(times, p);
      rows.push([
        `uncached search, ${ITEMS} items (median, p99)`,
        `${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms (max ${at(1).toFixed(1)})`,
        'p99 <= 20 ms',
        at(0.99) <= 20,
      ]);
    }

    // 2. The neighbour's backlog page while a flood of distinct searches runs on the big product.
    if (run('neighbour')) {
      const page = `${base}/api/v1/products/${small}/items?limit=100`;
      const alone = await load({ url: page, headers: neighbourAuth, connections: 4 });
      rows.push(['neighbour page alone (4 connections)', fig(alone), 'reference', true]);
      let n = 0;
      const flood = (auth: Record<string, string>) =>
        load(
          {
            url: base,
            headers: auth,
            connections: 20,
            requests: [
              {
                method: 'GET',
                setupRequest: (req) => {
                  n += 1;
                  const q = encodeURIComponent(searchText(n + 1000));
                  return { ...req, path: `/api/v1/products/${big}/items?limit=100&q=${q}` };
                },
              },
            ],
          },
          0,
        );
      const during = async (auth: Record<string, string>) => {
        const [f, p] = await Promise.all([
          flood(auth),
          // Starts once the flood is under way.
          new Promise((r) => setTimeout(r, 500)).then(() =>
            load({ url: page, headers: neighbourAuth, connections: 4, duration: SECONDS - 1 }, 0),
          ),
        ]);
        return { f, p };
      };
      const limited = await during(viewerAuth);
      rows.push([
        'neighbour page p99, one viewer flooding (limit on)',
        fig(limited.p),
        'p99 <= 50 ms',
        limited.p.p99 <= 50 && limited.p.errors === 0,
      ]);
      rows.push([
        '  the flood (20 connections, distinct searches)',
        `${limited.f.ok} answered, ${limited.f.limited} got 429, ${limited.f.errors} errors`,
        'info',
        true,
      ]);
      await server.stop();
      server = await start({ BENCH_DB_URL: dbUrl, NO_LIMIT: '1' });
      base = server.base;
      const unlimitedPage = page.replace(/^http:\/\/127\.0\.0\.1:\d+/, base);
      const [f, p] = await Promise.all([
        flood(viewerAuth),
        new Promise((r) => setTimeout(r, 500)).then(() =>
          load({ url: unlimitedPage, headers: neighbourAuth, connections: 4, duration: SECONDS - 1 }, 0),
        ),
      ]);
      rows.push([
        'neighbour page p99, flood with the limit lifted',
        fig(p),
        'p99 <= 50 ms',
        p.p99 <= 50 && p.errors === 0,
      ]);
      rows.push([
        '  the flood, limit lifted: searches',
        `${f.rps.toFixed(0)} req/s, median ${f.p50} ms, p99 ${f.p99} ms, ${f.errors} errors`,
        'info',
        true,
      ]);
    }

    // 3. Creates at 50 connections, then pgbench on the same server.
    if (run('create')) {
      let c = 0;
      const creates = (connections: number, withKey: boolean) =>
        load({
          url: base,
          headers: po.headers,
          connections,
          requests: [
            {
              method: 'POST',
              setupRequest: (req) => {
                c += 1;
                return {
                  ...req,
                  path: `/api/v1/products/${big}/items`,
                  headers: withKey ? { ...po.headers, 'idempotency-key': randomUUID() } : po.headers,
                  body: JSON.stringify({
                    type: 'story',
                    title: `Created ${c} ${WORDS[c % 10]}`,
                    problem: 'Someone needs this.',
                  }),
                };
              },
            },
          ],
        });
      const plain = await creates(50, false);
      // Store.idempotent holds a pooled connection while the create runs on another, so more
      // keyed creates at once than the pool's 20 connections wait on each other: 10 here.
      const keyed = await creates(10, true);
      await server.stop();
      const tps = pgbench();
      const share = (plain.rps / tps) * 100;
      rows.push(['pgbench TPC-B, 50 clients, same server', `${tps.toFixed(0)} tps`, 'reference', true]);
      rows.push([
        'creates at 50 connections',
        `${plain.rps.toFixed(0)}/s = ${share.toFixed(0)}% of pgbench`,
        '>= 50%',
        share >= 50 && plain.errors === 0,
      ]);
      rows.push([
        'create p99 at 50 connections',
        `${plain.p99} ms (median ${plain.p50}; ${plain.errors} errors ${plain.codes})`,
        '<= 50 ms',
        plain.p99 <= 50,
      ]);
      rows.push([
        'creates with Idempotency-Key, 10 connections',
        `${keyed.rps.toFixed(0)}/s, p99 ${keyed.p99} ms (${keyed.errors} errors ${keyed.codes})`,
        'info',
        keyed.errors === 0,
      ]);
    }
  } finally {
    await server.stop().catch(() => undefined);
    await db.end();
    await scratch.drop();
  }
  report(`No noisy neighbour: ${ITEMS} items, ${SECONDS} s per load, PostgreSQL`, rows, [52, 58]);
}

function fig(f: Figure) {
  return `p99 ${f.p99} ms, median ${f.p50} ms, ${f.rps.toFixed(0)} req/s, ${f.errors} errors`;
}

if (!(await serveTandemIfChild())) await main();
