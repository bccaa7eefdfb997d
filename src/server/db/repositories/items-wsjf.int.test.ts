import { describe, expect, it } from 'vitest';
import { createTestApp } from '#testing/harness.ts';

describe('WSJF in the database', () => {
  it('is null until the team sizes the item, and the WSJF sort puts those last', async () => {
    const t = await createTestApp();
    const po = await t.user('Pat PO');
    const dev = await t.user('Dee Dev');
    const { id: productId } = await t.product(po, 'WSJF product', 'WSJF');
    await t.addMember(po, productId, dev, 'team');
    const make = async (title: string, businessValue: number, size: number | null) => {
      const r = await t.call(po, {
        method: 'POST',
        url: `/api/v1/products/${productId}/items`,
        payload: { type: 'defect', title, businessValue },
      });
      expect(r.statusCode, r.body).toBe(201);
      if (size !== null) {
        const s = await t.call(dev, {
          method: 'PATCH',
          url: `/api/v1/items/${r.json().id}`,
          payload: { size },
          headers: { 'if-match': String(r.json().version) },
        });
        expect(s.statusCode, s.body).toBe(200);
      }
    };
    await make('Unsized but valuable', 20, null);
    await make('Small and valuable', 13, 1);
    await make('Big', 8, 13);
    const stored = await t.pool.query<{ title: string; wsjf: number | null }>(
      'select title, wsjf from items order by title',
    );
    expect(stored.rows.find((r) => r.title === 'Unsized but valuable')!.wsjf).toBeNull();
    const sorted = await t.call(po, { method: 'GET', url: `/api/v1/products/${productId}/items?sort=wsjf` });
    expect(sorted.json().items.map((i: { title: string }) => i.title)).toEqual([
      'Small and valuable',
      'Big',
      'Unsized but valuable',
    ]);
    const suggestion = await t.call(po, { method: 'GET', url: `/api/v1/products/${productId}/wsjf-order` });
    expect(suggestion.statusCode).toBe(200);
    expect(suggestion.json().suggested.map((i: { title: string }) => i.title)).toEqual([
      'Small and valuable',
      'Big',
      'Unsized but valuable',
    ]);
    expect(suggestion.json().suggested.at(-1).wsjf).toBeNull();
  });
});
