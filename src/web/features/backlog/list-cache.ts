import type { InfiniteData } from '@tanstack/react-query';
import type { Item, ItemList } from '#contracts/items.ts';

/**
 * Pure edits of the cached, paged backlog list, used for optimistic updates: a move or an edit
 * shows at once, and the previous pages are kept to roll back. Pages are edited in place of one
 * another (never refetched), so a 10,000-item list does not reload after each change.
 */
/** One cached page is exactly what the list endpoint answers. */
type ItemPage = ItemList;
export type ListData = InfiniteData<ItemPage, string | null>;

export const flatItems = (data: { pages: readonly ItemPage[] } | undefined): Item[] =>
  data?.pages.flatMap((p) => p.items) ?? [];

/** Moves `itemId` right before or after `anchorId`; unchanged data when either is not loaded. */
export function moveInPages(
  data: ListData,
  itemId: string,
  anchorId: string,
  side: 'before' | 'after',
): ListData {
  if (itemId === anchorId) return data;
  let moving: Item | undefined;
  const without = data.pages.map((p) => {
    const i = p.items.findIndex((x) => x.id === itemId);
    if (i < 0) return p;
    moving = p.items[i];
    return { ...p, items: [...p.items.slice(0, i), ...p.items.slice(i + 1)] };
  });
  if (!moving) return data;
  const item = moving;
  let placed = false;
  const pages = without.map((p) => {
    if (placed) return p;
    const i = p.items.findIndex((x) => x.id === anchorId);
    if (i < 0) return p;
    placed = true;
    const at = side === 'before' ? i : i + 1;
    return { ...p, items: [...p.items.slice(0, at), item, ...p.items.slice(at)] };
  });
  return placed ? { ...data, pages } : data;
}

/** Replaces the cached copy of `item` (same id) with the given fields. */
export function patchInPages(data: ListData, id: string, patch: Partial<Item>): ListData {
  return {
    ...data,
    pages: data.pages.map((p) =>
      p.items.some((x) => x.id === id)
        ? { ...p, items: p.items.map((x) => (x.id === id ? { ...x, ...patch } : x)) }
        : p,
    ),
  };
}

/** Adds a new item at the end of the loaded list (where a create lands in rank order). */
export function appendToPages(data: ListData, item: Item): ListData {
  const last = data.pages.length - 1;
  if (last < 0 || data.pages[last]?.nextCursor) return data;
  return {
    ...data,
    pages: data.pages.map((p, i) => (i === last ? { ...p, items: [...p.items, item] } : p)),
  };
}

/** The drop side for a drag: moving down lands after the target, moving up before it. */
export const dropSide = (fromIndex: number, toIndex: number): 'before' | 'after' =>
  toIndex > fromIndex ? 'after' : 'before';
