import { describe, expect, it } from 'vitest';
import type { Item } from '#contracts/items.ts';
import { dropSide, flatItems, type ListData, moveInPages, patchInPages } from './list-cache.ts';

const item = (id: string) => ({ id, key: id.toUpperCase(), version: 1 }) as Item;
const data = (...pages: string[][]): ListData => ({
  pages: pages.map((ids) => ({ items: ids.map(item), nextCursor: null })),
  pageParams: pages.map(() => null),
});
const ids = (d: ListData) => flatItems(d).map((x) => x.id);

describe('optimistic list edits', () => {
  it('moves an item before or after another, across pages', () => {
    const d = data(['a', 'b', 'c'], ['d', 'e']);
    expect(ids(moveInPages(d, 'e', 'b', 'before'))).toEqual(['a', 'e', 'b', 'c', 'd']);
    expect(ids(moveInPages(d, 'a', 'd', 'after'))).toEqual(['b', 'c', 'd', 'a', 'e']);
    expect(moveInPages(d, 'a', 'zz', 'after')).toBe(d);
  });

  it('patches one item and tells the drop side from the drag direction', () => {
    const d = patchInPages(data(['a', 'b']), 'b', { version: 7 });
    expect(flatItems(d)[1]?.version).toBe(7);
    expect(flatItems(d)[0]?.version).toBe(1);
    expect(dropSide(5, 1)).toBe('before');
    expect(dropSide(1, 5)).toBe('after');
  });
});
