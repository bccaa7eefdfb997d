import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

let t: TestApp;
let owner: TestUser;
let team: TestUser;
let stranger: TestUser;
let productId: string;
const ids: string[] = [];

const listUrl = () => `/api/v1/products/${productId}/items`;
async function order(): Promise<string[]> {
  const r = await t.call(owner, { method: 'GET', url: `${listUrl()}?limit=500` });
  return r.json().items.map((i: { id: string }) => i.id);
}

const movesInHistory = async (id: string): Promise<number> =>
  (await t.call(owner, { method: 'GET', url: `/api/v1/items/${id}/history` }))
    .json()
    .entries.filter((e: { type: string }) => e.type === 'item.moved').length;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Olive Owner');
  team = await t.user('Tom Team');
  stranger = await t.user('Sam Stranger');
  productId = (await t.product(owner, 'League Platform', 'LP')).id;
  await t.addMember(owner, productId, team, 'team');
  const csv = ['Title,Type,Business value,Labels']
    .concat(
      Array.from({ length: 30 }, (_, i) => `Item ${i},enabler,${[1, 2, 3, 5, 8, 13, 20][i % 7]},l${i % 3}`),
    )
    .join('\n');
  const r = await t.call(owner, { method: 'POST', url: `${listUrl()}/import`, payload: { csv } });
  expect(r.json()).toEqual({ created: 30, updated: 0 });
  ids.push(...(await order()));
  // Only the team estimates: the sizes come from the team, not from the PO's file.
  for (const [i, id] of ids.entries()) {
    const sized = await t.call(team, {
      method: 'PATCH',
      url: `/api/v1/items/${id}`,
      headers: { 'if-match': '1' },
      payload: { size: (i % 5) + 1 },
    });
    expect(sized.statusCode, sized.body).toBe(200);
  }
});

describe('moves', () => {
  it('moves after and before another item, writing exactly one row: its order row', async () => {
    const [a, b, c] = ids;
    const snapshot = async (table: 'items' | 'item_order', id: 'id' | 'item_id') =>
      new Map(
        (
          await t.pool.query<{ id: string; xmin: string }>(
            `select ${id} as id, xmin::text from ${table} where product_id = $1`,
            [productId],
          )
        ).rows.map((x) => [x.id, x.xmin]),
      );
    const changed = (was: Map<string, string>, now: Map<string, string>) =>
      [...now].filter(([id, x]) => was.get(id) !== x).map(([id]) => id);
    const [items, orderRows] = [await snapshot('items', 'id'), await snapshot('item_order', 'item_id')];
    const r = await t.call(owner, { method: 'POST', url: `/api/v1/items/${a}/move`, payload: { after: c } });
    expect(r.statusCode).toBe(200);
    expect(changed(orderRows, await snapshot('item_order', 'item_id'))).toEqual([a]);
    expect(changed(items, await snapshot('items', 'id'))).toEqual([]);
    expect((await order()).slice(0, 3)).toEqual([b, c, a]);
    await t.call(owner, { method: 'POST', url: `/api/v1/items/${a}/move`, payload: { before: b } });
    expect((await order()).slice(0, 3)).toEqual([a, b, c]);
  });

  it('leaves the item itself alone: an edit begun before a move still saves', async () => {
    const [a, b] = ids;
    const item = (await t.call(team, { method: 'GET', url: `/api/v1/items/${a}` })).json();
    await t.call(owner, { method: 'POST', url: `/api/v1/items/${a}/move`, payload: { after: b } });
    const edit = await t.call(team, {
      method: 'PATCH',
      url: `/api/v1/items/${a}`,
      headers: { 'if-match': `"${item.version}"` },
      payload: { title: 'Renamed while the PO reordered' },
    });
    expect(edit.statusCode).toBe(200);
    await t.call(owner, { method: 'POST', url: `/api/v1/items/${a}/move`, payload: { before: b } });
  });

  it('places each of many simultaneous moves right after its anchor', async () => {
    const start = await order();
    // Twelve items move at once, each after its own anchor; anchors do not move.
    const pairs = Array.from({ length: 12 }, (_, k) => ({ item: start[k]!, anchor: start[29 - k]! }));
    const before = await Promise.all(pairs.map((p) => movesInHistory(p.item)));
    const results = await Promise.all(
      pairs.map((p) =>
        t.call(owner, { method: 'POST', url: `/api/v1/items/${p.item}/move`, payload: { after: p.anchor } }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(pairs.map(() => 200));
    const end = await order();
    for (const p of pairs) expect(end[end.indexOf(p.anchor) + 1], p.item).toBe(p.item);
    // Each move is its own entry in its item's history, batched or not.
    expect(await Promise.all(pairs.map((p) => movesInHistory(p.item)))).toEqual(before.map((n) => n + 1));
  });

  it('refuses bad targets, other roles and strangers', async () => {
    const [a, b] = ids;
    const self = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/items/${a}/move`,
      payload: { after: a },
    });
    expect(self.json().error.fields.after).toBeDefined();
    const both = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/items/${a}/move`,
      payload: { after: b, before: b },
    });
    expect(both.statusCode).toBe(400);
    expect(
      (await t.call(team, { method: 'POST', url: `/api/v1/items/${a}/move`, payload: { after: b } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.call(stranger, { method: 'POST', url: `/api/v1/items/${a}/move`, payload: { after: b } }))
        .statusCode,
    ).toBe(404);
  });

  it('keeps keys unique and the order a permutation under many concurrent moves', async () => {
    const start = await order();
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const moves = Array.from({ length: 60 }, () => {
      const item = start[Math.floor(rnd() * start.length)]!;
      let anchor = start[Math.floor(rnd() * start.length)]!;
      if (anchor === item) anchor = start.find((x) => x !== item)!;
      // Half of them aim at the same gap, to force key clashes and retries.
      const target =
        rnd() < 0.5
          ? { after: start[0]! === item ? start[1]! : start[0]! }
          : { [rnd() < 0.5 ? 'after' : 'before']: anchor };
      return t.call(owner, { method: 'POST', url: `/api/v1/items/${item}/move`, payload: target });
    });
    const results = await Promise.all(moves);
    expect(results.filter((r) => r.statusCode !== 200).map((r) => r.body)).toEqual([]);
    const ranks = await t.pool.query<{ rank: string }>(
      "select rank from item_order where product_id = $1 and rank < '~'",
      [productId],
    );
    expect(new Set(ranks.rows.map((r) => r.rank)).size).toBe(ranks.rows.length);
    const end = await order();
    expect([...end].sort()).toEqual([...start].sort());
  });

  it('rebalances when keys grow long, keeping the order', async () => {
    const [a, b] = ids;
    for (let i = 0; i < 40; i += 1) {
      const r = await t.call(owner, {
        method: 'POST',
        url: `/api/v1/items/${i % 2 ? a : b}/move`,
        payload: { after: ids[2]! },
      });
      expect(r.statusCode).toBe(200);
    }
    const longest = await t.pool.query<{ n: number }>(
      "select max(length(rank))::int as n from item_order where product_id = $1 and rank < '~'",
      [productId],
    );
    expect(longest.rows[0]!.n).toBeLessThanOrEqual(24);
    const o = await order();
    // The last of the 40 moves (odd) put a right after ids[2].
    expect(o.indexOf(ids[2]!) + 1).toBe(o.indexOf(a!));
  });
});

describe('WSJF order', () => {
  it('suggests the WSJF order with its moves, and applies it as one change', async () => {
    const plan = (
      await t.call(team, { method: 'GET', url: `/api/v1/products/${productId}/wsjf-order` })
    ).json();
    expect(plan.current).toHaveLength(30);
    const w = plan.suggested.map((s: { wsjf: number }) => s.wsjf);
    expect(w).toEqual([...w].sort((x: number, y: number) => y - x));
    expect(plan.moves.length).toBeGreaterThan(0);
    expect(
      (await t.call(team, { method: 'POST', url: `/api/v1/products/${productId}/wsjf-order/apply` }))
        .statusCode,
    ).toBe(403);
    const applied = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/products/${productId}/wsjf-order/apply`,
    });
    expect(applied.json().moved).toBe(plan.moves.length);
    expect(await order()).toEqual(plan.suggested.map((s: { id: string }) => s.id));
    const again = (
      await t.call(owner, { method: 'GET', url: `/api/v1/products/${productId}/wsjf-order` })
    ).json();
    expect(again.moves).toEqual([]);

    // Undo puts the order back as it was, in one change; a second undo finds it moved and refuses.
    const restoreUrl = `/api/v1/products/${productId}/order/restore`;
    const changes = applied.json().changes;
    expect(changes).toHaveLength(plan.moves.length);
    expect((await t.call(team, { method: 'POST', url: restoreUrl, payload: { changes } })).statusCode).toBe(
      403,
    );
    const undone = await t.call(owner, { method: 'POST', url: restoreUrl, payload: { changes } });
    expect(undone.statusCode).toBe(200);
    expect(undone.json().restored).toBe(plan.moves.length);
    expect(await order()).toEqual(plan.current.map((s: { id: string }) => s.id));
    const twice = await t.call(owner, { method: 'POST', url: restoreUrl, payload: { changes } });
    expect(twice.statusCode).toBe(409);
    expect(await order()).toEqual(plan.current.map((s: { id: string }) => s.id));
    // A key that is not an order key (a tombstone) is a 400, never written.
    const bad = await t.call(owner, {
      method: 'POST',
      url: restoreUrl,
      payload: { changes: [{ ...changes[0], from: '~gone' }] },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses to undo onto a key another item took since (409, nothing written), never a 500', async () => {
    const applied = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/products/${productId}/wsjf-order/apply`,
    });
    // Each item's WSJF is fixed, so shuffle first for the apply to move something.
    const changes =
      applied.json().changes.length > 0
        ? applied.json().changes
        : await (async () => {
            const ids = await order();
            await t.call(owner, {
              method: 'POST',
              url: `/api/v1/items/${ids[0]}/move`,
              payload: { after: ids[ids.length - 1] },
            });
            return (
              await t.call(owner, { method: 'POST', url: `/api/v1/products/${productId}/wsjf-order/apply` })
            ).json().changes;
          })();
    expect(changes.length).toBeGreaterThan(0);
    const before = await order();
    const moving = new Set(changes.map((c: { id: string }) => c.id));
    const [squatter] = (
      await t.pool.query<{ item_id: string }>(
        'select item_id from item_order where product_id = $1 and not (item_id = any($2::uuid[])) limit 1',
        [productId, [...moving]],
      )
    ).rows;
    // Another item now holds the key the first undone item would go back to.
    await t.pool.query('update item_order set rank = $2 where item_id = $1', [
      squatter!.item_id,
      changes[0].from,
    ]);
    const res = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/products/${productId}/order/restore`,
      payload: { changes },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
    const after = await order();
    expect(after.filter((id) => id !== squatter!.item_id)).toEqual(
      before.filter((id) => id !== squatter!.item_id),
    );
  });
});

describe('list', () => {
  it('sorts by WSJF in the database and pages with a cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    const wsjfs: number[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `?sort=wsjf&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.call(owner, { method: 'GET', url: listUrl() + q })).json();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      wsjfs.push(...page.items.map((i: { wsjf: number }) => i.wsjf));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(30);
    expect(wsjfs).toEqual([...wsjfs].sort((x, y) => y - x));
  });

  it('filters by label, text and type, and names a bad filter', async () => {
    const byLabel = (await t.call(owner, { method: 'GET', url: `${listUrl()}?label=l1&limit=100` })).json();
    expect(byLabel.items.length).toBe(10);
    const byText = (await t.call(owner, { method: 'GET', url: `${listUrl()}?q=item%2012` })).json();
    expect(byText.items.map((i: { title: string }) => i.title)).toContain('Item 12');
    const byKey = (await t.call(owner, { method: 'GET', url: `${listUrl()}?q=LP-3` })).json();
    expect(byKey.items.map((i: { key: string }) => i.key)).toEqual(['LP-3']);
    const none = (await t.call(owner, { method: 'GET', url: `${listUrl()}?type=story` })).json();
    expect(none.items).toEqual([]);
    const bad = await t.call(owner, { method: 'GET', url: `${listUrl()}?type=saga&sort=colour` });
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['query.sort', 'query.type.0']);
    expect((await t.call(stranger, { method: 'GET', url: listUrl() })).statusCode).toBe(404);
  });
});

describe('import and export', () => {
  it('previews per-row errors, refuses a file with errors whole, and re-import updates by key', async () => {
    const csv = 'Summary,Issue key,Issue Type,Story Points\nGood,J-1,Story,3\n,J-2,Bug,x';
    const preview = (
      await t.call(owner, { method: 'POST', url: `${listUrl()}/import/preview`, payload: { csv } })
    ).json();
    expect(preview.counts).toEqual({ create: 1, update: 0, error: 1 });
    expect(Object.keys(preview.rows[1].errors).sort()).toEqual(['size', 'title']);
    const refused = await t.call(owner, { method: 'POST', url: `${listUrl()}/import`, payload: { csv } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields['line 3.title']).toBeDefined();
    expect((await order()).length).toBe(30);

    const exported = await t.call(owner, { method: 'GET', url: `${listUrl()}/export?format=csv` });
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    const changed = exported.body.replace('Item 5,', 'Item five,');
    const re = (
      await t.call(owner, { method: 'POST', url: `${listUrl()}/import`, payload: { csv: changed } })
    ).json();
    expect(re).toEqual({ created: 0, updated: 30 });
    const titles = (await t.call(owner, { method: 'GET', url: `${listUrl()}?limit=100` }))
      .json()
      .items.map((i: { title: string }) => i.title);
    expect(titles).toContain('Item five');
    expect(titles).toHaveLength(30);
  });

  it('exports JSON and Gherkin feature files', async () => {
    const json = (await t.call(team, { method: 'GET', url: `${listUrl()}/export?format=json` })).json();
    expect(json.items).toHaveLength(30);
    const item = json.items[0];
    await t.call(owner, {
      method: 'PATCH',
      url: `/api/v1/items/${item.id}`,
      headers: { 'if-match': String(item.version) },
      payload: {
        acceptanceCriteria: [{ given: 'a sponsor', when: 'I sort', then: 'teams order by sponsor' }],
      },
    });
    const f = await t.call(team, { method: 'GET', url: `/api/v1/items/${item.id}/feature` });
    expect(f.body).toContain('Then teams order by sponsor');
    const files = (await t.call(team, { method: 'GET', url: `${listUrl()}/export?format=feature` })).json();
    expect(files.files).toHaveLength(1);
  });
});
