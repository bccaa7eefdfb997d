import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { Item } from '#contracts/items.ts';
import { isApiError } from '#web/lib/api.ts';
import { backlogKeys, fetchItemPage, moveItem } from './items-api.ts';
import { flatItems, type ListData, moveInPages, patchInPages } from './list-cache.ts';
import { type BacklogView, viewKey } from './view-state.ts';

/**
 * The backlog list of one view: pages fetched by cursor as the user scrolls, plus the optimistic
 * edits the list makes (move, patch). Refetch on focus is off: with thousands of rows loaded it
 * would replay every page; edits update the cache instead.
 */
export function useBacklogList(productId: string, view: BacklogView) {
  const key = backlogKeys.list(productId, viewKey(view));
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => fetchItemPage(productId, view, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchOnWindowFocus: false,
    staleTime: 30_000,
  });
  return { query, key, items: flatItems(query.data) };
}

export interface MoveFailure {
  message: string;
}

/** Moves an item at once in the list, then persists with one POST; rolls back on failure. */
export function useMoveItem(productId: string, listKey: readonly unknown[]) {
  const qc = useQueryClient();
  const [failure, setFailure] = useState<MoveFailure | null>(null);
  // Moves are sent one after another: two quick Alt+↑ must reach the server in the order pressed.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const move = useCallback(
    async (item: Item, anchor: Item, side: 'before' | 'after') => {
      if (item.id === anchor.id) return;
      // Synchronous up to the optimistic write, so a second key press already sees the new order.
      void qc.cancelQueries({ queryKey: listKey });
      const previous = qc.getQueryData<ListData>(listKey);
      if (previous) qc.setQueryData<ListData>(listKey, moveInPages(previous, item.id, anchor.id, side));
      setFailure(null);
      try {
        const body = side === 'before' ? { before: anchor.id } : { after: anchor.id };
        const sent = queue.current.then(() => moveItem(item.id, body));
        queue.current = sent.catch(() => undefined);
        const moved = await sent;
        const patch: Partial<Item> = { rank: moved.rank, version: moved.version };
        const now = qc.getQueryData<ListData>(listKey);
        if (now) qc.setQueryData<ListData>(listKey, patchInPages(now, item.id, patch));
        // Other cached views (filters, board) are out of date; they reload when next shown.
        await qc.invalidateQueries({
          queryKey: backlogKeys.all(productId),
          refetchType: 'none',
        });
      } catch (err) {
        if (previous) qc.setQueryData<ListData>(listKey, previous);
        // Later moves may have been built on this one: reload the server's order.
        void qc.invalidateQueries({ queryKey: listKey });
        const why = isApiError(err) ? err.message : 'The move could not be saved.';
        setFailure({ message: `${item.key} went back to its place: ${why}` });
      }
    },
    [qc, listKey, productId],
  );
  /** Moves an item one place up or down, judged on the latest cached order (not the last render). */
  const moveBy = useCallback(
    (itemId: string, direction: -1 | 1): number | null => {
      const items = flatItems(qc.getQueryData<ListData>(listKey));
      const i = items.findIndex((x) => x.id === itemId);
      const item = items[i];
      const anchor = items[i + direction];
      if (!item || !anchor) return null;
      void move(item, anchor, direction < 0 ? 'before' : 'after');
      return i + direction;
    },
    [qc, listKey, move],
  );
  return { move, moveBy, failure, clearFailure: () => setFailure(null) };
}

/** Writes a saved item into every cached list of the product (no refetch). */
export function usePatchCachedItem(productId: string) {
  const qc = useQueryClient();
  return useCallback(
    (item: Item) => {
      for (const [k, data] of qc.getQueriesData<ListData>({ queryKey: backlogKeys.all(productId) })) {
        if (data?.pages) qc.setQueryData<ListData>(k, patchInPages(data, item.id, item));
      }
      qc.setQueryData(backlogKeys.item(item.id), item);
    },
    [qc, productId],
  );
}
