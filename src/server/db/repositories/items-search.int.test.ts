import { beforeAll, describe, expect, it } from 'vitest';
import type { ItemPageQuery } from '#app/items/ports.ts';
import type { Queryable } from '#db/pool.ts';
import { createTestApp, type TestApp } from '#testing/harness.ts';
import { itemPageJson, SEARCH_INDEX_HITS, SEARCH_SCAN_ROWS } from './items-list.repository.ts';

let t: TestApp;
let productId: string;
// Enough items that the planner sees a backlog worth an index, and more "bulk" matches than step 2 sorts.
const COMMON = 20_000;
const DESCRIPTION =
  'As a league secretary I want the fixture list to move when a venue closes, so that referees and teams ' +
  'hear of it the same day. Today someone phones every club, and two clubs were missed last season.';

/** Items straight into the tables: `count` titles from `title(n)`, numbers from `from`, in order. */
async function seed(from: number, count: number, title: string) {
  // In chunks: one statement for 20,000 rows (and their search index) can pass the pool's
  // statement time limit on a busy machine.
  for (let start = from; start < from + count; start += 4000)
    await seedChunk(start, Math.min(4000, from + count - start), title);
}

async function seedChunk(from: number, count: number, title: string) {
  await t.pool.query(
    `with n as (select g from generate_series($2::int, $2::int + $3::int - 1) g),
     i as (insert into items (product_id, number, type, category, title, description)
           select $1, g, 'story', 'feature', replace($4, '#', g::text), $5 from n returning id, number)
     insert into item_order (item_id, product_id, rank) select id, $1, 'r' || lpad(number::text, 7, '0') from i`,
    [productId, from, count, title, DESCRIPTION],
  );
}

beforeAll(async () => {
  t = await createTestApp();
  const owner = await t.user('Sam Search');
  productId = (await t.product(owner, 'Search product', 'SRCH')).id;
  // Ranks follow numbers. 1–1000: "early"; then COMMON "bulk" items; every 1000th one is also "sparse".
  await seed(1, 1000, 'Early item #');
  await seed(1001, COMMON, 'Bulk item #');
  await t.pool.query(
    `update items set title = title || ' sparse' where product_id = $1 and number > 1000 and number % 1000 = 0`,
    [productId],
  );
  await seed(900_000, 1, 'Fix <script> escaping in titles');
  await seed(900_001, 1, 'Mail foo@bar.com about v1.2/beta_release');
  await t.pool.query('analyze items');
}, 60_000);

const page = (text: string, limit = 20) =>
  itemPageJson(
    t.pool,
    productId,
    { sort: 'rank', dir: 'asc', limit: limit + 1, text } as ItemPageQuery,
    limit,
  );
const titles = async (text: string, limit = 20) =>
  (JSON.parse((await page(text, limit)).json) as Array<{ title: string }>).map((i) => i.title);

/** The same answer as filtering every item by hand, whichever of the three steps answers. */
async function expected(pattern: string, limit = 20) {
  const r = await t.pool.query<{ title: string }>(
    `select i.title from items i join item_order o on o.item_id = i.id
      where i.product_id = $1 and i.title ~* $2 order by o.rank limit $3`,
    [productId, pattern, limit],
  );
  return r.rows.map((x) => x.title);
}

describe('text search', () => {
  it('keeps every word, whatever punctuation surrounds it (<script>, e-mail, paths)', async () => {
    expect(await titles('<script>')).toEqual(['Fix <script> escaping in titles']);
    // The old parser read everything after '<' as part of an HTML tag and dropped it.
    expect(await titles('escaping')).toEqual(['Fix <script> escaping in titles']);
    expect(await titles('bar.com')).toEqual(['Mail foo@bar.com about v1.2/beta_release']);
    expect(await titles('beta release')).toEqual(['Mail foo@bar.com about v1.2/beta_release']);
    expect(await titles('about v1')).toEqual(['Mail foo@bar.com about v1.2/beta_release']);
  });

  it('answers a common word from the ordered scan, a rare one from the index, a middling one after both', async () => {
    expect(SEARCH_SCAN_ROWS).toBeLessThan(1000);
    expect(COMMON).toBeGreaterThan(SEARCH_INDEX_HITS);
    // Common ("item" in every title): the first rows in order.
    expect(await titles('item')).toEqual(await expected('item'));
    // Rare (one item, far down the order): the text index.
    expect(await titles('escaping')).toEqual(await expected('escaping'));
    // More matches than the index step sorts, none in the first rows: the ordered scan goes on.
    expect(await titles('bulk', 50)).toEqual(await expected('bulk', 50));
    // Few matches deep in the order, found by the index; word prefixes as the search box sends them.
    expect(await titles('spar ite', 50)).toEqual(await expected('item.*sparse', 50));
    expect(await titles('nothing-like-this')).toEqual([]);
    expect(await titles('SRCH-1000')).toEqual(['Early item 1000']);
  });

  it('finds a rare word through the text index on (product_id, search), not by scanning the backlog', async () => {
    let sql = '';
    let params: unknown[] = [];
    const capture: Queryable = {
      query: async (text, values) => {
        sql = text;
        params = values ?? [];
        return { rows: [{ json: '[]', found: 0, lastValue: null, lastRank: null }] } as never;
      },
    };
    await itemPageJson(
      capture,
      productId,
      { sort: 'rank', dir: 'asc', limit: 21, text: 'escaping' } as ItemPageQuery,
      20,
    );
    const r = await t.pool.query<{ 'QUERY PLAN': unknown }>(`explain (analyze, format json) ${sql}`, params);
    const nodes: Array<Record<string, unknown>> = [];
    const walk = (n: Record<string, unknown>) => {
      nodes.push(n);
      for (const c of (n.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(c);
    };
    walk((r.rows[0]!['QUERY PLAN'] as Array<{ Plan: Record<string, unknown> }>)[0]!.Plan);
    const used = nodes.filter((n) => n['Index Name'] === 'items_search_idx' && Number(n['Actual Loops']) > 0);
    expect(used.length).toBe(1);
    expect(String(used[0]!['Index Cond'])).toContain('product_id');
    // No step read more rows in order than the first step's bound.
    const scanned = nodes.filter((n) => n['Index Name'] === 'item_order_rank_idx');
    for (const n of scanned) expect(Number(n['Actual Rows'])).toBeLessThanOrEqual(SEARCH_SCAN_ROWS);
  });
});
