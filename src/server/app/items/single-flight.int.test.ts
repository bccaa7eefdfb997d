import { describe, expect, it } from 'vitest';
import { createTestApp } from '#testing/harness.ts';

describe('identical concurrent backlog reads', () => {
  it('run one query: twenty identical searches at once, one database read', async () => {
    const t = await createTestApp();
    const owner = await t.user('Sid Single');
    const { id: productId } = await t.product(owner, 'Flight product', 'FLT');
    const url = `/api/v1/products/${productId}/items`;
    for (const title of ['Sponsor page', 'Sponsor invoice', 'Team sheet']) {
      const r = await t.call(owner, {
        method: 'POST',
        url,
        payload: { type: 'story', title, problem: 'Clubs re-type the same lists.' },
      });
      expect(r.statusCode).toBe(201);
    }
    // Count the reads that reach the items repository.
    const items = t.store.read.items;
    const pageJson = items.pageJson;
    let reads = 0;
    items.pageJson = async (...args) => {
      reads += 1;
      return pageJson(...args);
    };
    const search = () => t.call(owner, { method: 'GET', url: `${url}?q=spons&limit=50` });
    const answers = await Promise.all(Array.from({ length: 20 }, search));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers[0]!.json().items.map((i: { title: string }) => i.title)).toEqual([
      'Sponsor page',
      'Sponsor invoice',
    ]);
    expect(reads).toBe(1);
    // A different search is its own read.
    await t.call(owner, { method: 'GET', url: `${url}?q=team&limit=50` });
    expect(reads).toBe(2);
  });
});
