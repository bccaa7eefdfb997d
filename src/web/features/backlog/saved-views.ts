import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { BacklogView, BacklogViewList, type SaveViewBody } from '#contracts/backlog-views.ts';
import { ApiError, api, apiPath } from '#web/lib/api.ts';

/**
 * Saved backlog views, per user and product, kept on the server. A view is the URL's search
 * string (filters, sort, columns), so opening one is navigating to it.
 */
export interface SavedView {
  id: string;
  name: string;
  /** URLSearchParams text without the leading `?`, as the backlog page writes it. */
  search: string;
}

// The key names product and user in ONE string on purpose: live activity refetches every query
// with the product id as a part, and nobody else's change can alter my views.
const viewsKey = (userId: string, productId: string) => ['backlog-views', `${productId}:${userId}`] as const;
const path = (productId: string, ...rest: string[]) => apiPath('products', productId, 'views', ...rest);

// The API stores the search string as the browser shows it (with `?`); the page works without.
const toQuery = (search: string) => (search ? `?${search.replace(/^\?/, '')}` : '');
const toView = (v: BacklogView): SavedView => ({
  id: v.id,
  name: v.name,
  search: v.query.replace(/^\?/, ''),
});
const byName = (a: SavedView, b: SavedView) => a.name.toLowerCase().localeCompare(b.name.toLowerCase());

const postView = (productId: string, body: SaveViewBody) => api.post(path(productId), body, BacklogView);

/** Views saved in this browser before they moved to the server (same key the old code used). */
const legacyKey = (userId: string, productId: string) => `tandem.views.${userId}.${productId}`;
const uploading = new Set<string>();

function readLegacy(key: string): Array<{ name: string; search: string }> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (v): v is { name: string; search: string } =>
        typeof v?.name === 'string' && typeof v?.search === 'string',
    );
  } catch {
    return [];
  }
}

/**
 * Uploads views left in localStorage once, then clears them. Names the server already has win
 * (they are newer); a view the server rejects as invalid is dropped; a network failure keeps the
 * local copy for the next visit.
 */
async function uploadLegacy(productId: string, key: string, existing: SavedView[]): Promise<boolean> {
  const local = readLegacy(key);
  if (local.length === 0) {
    if (localStorage.getItem(key) !== null) localStorage.removeItem(key);
    return false;
  }
  const taken = new Set(existing.map((v) => v.name));
  for (const v of local) {
    const name = v.name.trim();
    if (!name || taken.has(name)) continue;
    try {
      await postView(productId, { name, query: toQuery(v.search) });
      taken.add(name);
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'validation_failed') return true;
    }
  }
  localStorage.removeItem(key);
  return true;
}

export function useSavedViews(userId: string, productId: string) {
  const qc = useQueryClient();
  const queryKey = viewsKey(userId, productId);
  const query = useQuery({
    queryKey,
    queryFn: async () => (await api.get(path(productId), BacklogViewList)).views.map(toView).sort(byName),
    staleTime: 60_000,
  });

  const loaded = query.data;
  useEffect(() => {
    if (!loaded) return;
    const key = legacyKey(userId, productId);
    if (uploading.has(key)) return;
    try {
      if (localStorage.getItem(key) === null) return;
    } catch {
      return;
    }
    uploading.add(key);
    void uploadLegacy(productId, key, loaded)
      .then((changed) => {
        if (changed) return qc.invalidateQueries({ queryKey: viewsKey(userId, productId) });
      })
      .catch(() => undefined)
      .finally(() => uploading.delete(key));
  }, [loaded, userId, productId, qc]);

  const saveMutation = useMutation({
    mutationFn: (v: { name: string; search: string }) =>
      postView(productId, { name: v.name, query: toQuery(v.search) }),
    onMutate: async (v) => {
      await qc.cancelQueries({ queryKey });
      const before = qc.getQueryData<SavedView[]>(queryKey);
      const same = before?.find((x) => x.name === v.name);
      qc.setQueryData<SavedView[]>(queryKey, (old = []) =>
        [...old.filter((x) => x.name !== v.name), { id: same?.id ?? `pending:${v.name}`, ...v }].sort(byName),
      );
      return { before };
    },
    onError: (_err, _v, ctx) => qc.setQueryData(queryKey, ctx?.before),
    onSettled: () => qc.invalidateQueries({ queryKey }),
  });

  const removeMutation = useMutation({
    mutationFn: (id: string) => api.delete(path(productId, id)),
    onMutate: async (id) => {
      await qc.cancelQueries({ queryKey });
      const before = qc.getQueryData<SavedView[]>(queryKey);
      qc.setQueryData<SavedView[]>(queryKey, (old = []) => old.filter((x) => x.id !== id));
      return { before };
    },
    onError: (err, _id, ctx) => {
      // Already gone (another tab deleted it): the list without it is right.
      if (!(err instanceof ApiError && err.status === 404)) qc.setQueryData(queryKey, ctx?.before);
    },
    onSettled: () => qc.invalidateQueries({ queryKey }),
  });

  const { mutate: saveView, reset: resetSave } = saveMutation;
  const { mutate: removeView } = removeMutation;
  const save = useCallback((name: string, search: string) => saveView({ name, search }), [saveView]);
  const remove = useCallback((id: string) => removeView(id), [removeView]);
  const error = saveMutation.error ?? removeMutation.error ?? query.error;
  return {
    views: query.data ?? [],
    loading: query.isPending,
    save,
    remove,
    /** The last failure, with the server's message (and a field message for a bad name). */
    error: error instanceof ApiError ? (error.fields.name ?? error.fields.query ?? error.message) : null,
    clearError: resetSave,
  };
}
