import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/** The list's database-built JSON must equal the TypeScript presenter's, field for field. */
let t: TestApp;
let po: TestUser;
let dev: TestUser;
let productId: string;

beforeAll(async () => {
  t = await createTestApp();
  po = await t.user('Pia PO');
  dev = await t.user('Dev Dan');
  productId = (await t.product(po, 'JSON product', 'JSN')).id;
  await t.addMember(po, productId, dev, 'team');
  const segs: string[] = [];
  for (const name of ['Secretariat', 'VIP members']) {
    segs.push(
      (
        await t.call(po, { method: 'POST', url: `/api/v1/products/${productId}/segments`, payload: { name } })
      ).json().id,
    );
  }
  const variants = [
    {
      type: 'story',
      title: 'Plain "quoted" \\ title ✓',
      problem: 'Members cannot find rooms',
      size: 3,
      businessValue: 13,
      timeCriticality: 8,
      riskReduction: 1,
      segmentIds: segs,
      labels: ['ux', 'rooms'],
      acceptanceCriteria: [{ given: 'a <meeting>', when: 'I open it', then: 'I see "the room"' }],
      releaseCritical: true,
    },
    { type: 'defect', title: 'Half point', size: 0.5, businessValue: 1 },
    { type: 'debt', title: 'Zero point', size: 0, riskReduction: 20 },
    { type: 'spike', title: 'Forty', size: 40, businessValue: 20, timeCriticality: 1 },
    {
      type: 'enabler',
      title: 'Needs estimate',
      businessValue: 5,
      description: '# Heading\n\nLine with `code` and emoji 🎉',
    },
    {
      type: 'story',
      title: 'Thirteen',
      problem: 'x',
      size: 13,
      businessValue: 2,
      timeCriticality: 3,
      riskReduction: 5,
    },
  ];
  for (const { size, ...body } of variants) {
    const r = await t.call(po, { method: 'POST', url: `/api/v1/products/${productId}/items`, payload: body });
    expect(r.statusCode, r.body).toBe(201);
    if (size !== undefined) {
      const s = await t.call(dev, {
        method: 'PATCH',
        url: `/api/v1/items/${r.json().id}`,
        payload: { size },
        headers: { 'if-match': String(r.json().version) },
      });
      expect(s.statusCode, s.body).toBe(200);
    }
  }
});

describe('backlog list JSON built by the database', () => {
  it('equals the presenter for every item and field', async () => {
    const list = await t.call(po, { method: 'GET', url: `/api/v1/products/${productId}/items?limit=100` });
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toMatch(/application\/json/);
    const items = list.json().items as Array<{ id: string }>;
    expect(items).toHaveLength(6);
    for (const item of items) {
      const one = (await t.call(po, { method: 'GET', url: `/api/v1/items/${item.id}` })).json();
      expect(item).toStrictEqual(one);
    }
  });

  it('pages with a cursor without gaps or repeats, in any sort', async () => {
    for (const sort of ['rank', 'wsjf', 'title', 'segment']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/products/${productId}/items?limit=4&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.call(po, { method: 'GET', url });
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json();
        seen.push(...page.items.map((i: { id: string }) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(6);
      expect(seen, sort).toHaveLength(6);
    }
  });
});
