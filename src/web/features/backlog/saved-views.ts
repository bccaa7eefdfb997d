import { useCallback, useSyncExternalStore } from 'react';

/**
 * Saved backlog views, per user and product. A view is the URL's search string (filters, sort,
 * columns), so opening one is navigating to it. Kept in this browser's storage: the backlog API
 * has no views endpoint yet (the backlog_views table exists; see the report).
 */
export interface SavedView {
  name: string;
  search: string;
}

const storageKey = (userId: string, productId: string) => `tandem.views.${userId}.${productId}`;
const listeners = new Set<() => void>();
const cache = new Map<string, SavedView[]>();

function read(key: string): SavedView[] {
  const hit = cache.get(key);
  if (hit) return hit;
  let views: SavedView[] = [];
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    if (Array.isArray(parsed))
      views = parsed.filter(
        (v): v is SavedView => typeof v?.name === 'string' && typeof v?.search === 'string',
      );
  } catch {
    views = [];
  }
  cache.set(key, views);
  return views;
}

function write(key: string, views: SavedView[]) {
  cache.set(key, views);
  try {
    localStorage.setItem(key, JSON.stringify(views));
  } catch {
    // Storage full or disabled: the views still work for this session.
  }
  for (const l of listeners) l();
}

export function useSavedViews(userId: string, productId: string) {
  const key = storageKey(userId, productId);
  const views = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => read(key),
  );
  const save = useCallback(
    (name: string, search: string) =>
      write(
        key,
        [...read(key).filter((v) => v.name !== name), { name, search }].sort((a, b) =>
          a.name.localeCompare(b.name),
        ),
      ),
    [key],
  );
  const remove = useCallback(
    (name: string) =>
      write(
        key,
        read(key).filter((v) => v.name !== name),
      ),
    [key],
  );
  return { views, save, remove };
}
