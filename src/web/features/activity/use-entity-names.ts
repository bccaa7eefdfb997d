import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ItemList } from '#contracts/items.ts';
import { SprintList } from '#contracts/sprints.ts';
import { api, apiPath } from '#web/lib/api.ts';
import type { EntityNames } from './describe-work-event.ts';

/**
 * Names for the ids in the activity feed: items as "VIP-5 “title”", sprints by name. Keyed under
 * the product's items and sprints so the edits that invalidate those lists refresh these too.
 * The first 500 items by backlog order cover a typical product; beyond that a sentence falls back
 * to the key the event carries, or "an item".
 */
export function useEntityNames(productId: string): EntityNames {
  const items = useQuery({
    queryKey: ['products', productId, 'items', 'names'],
    queryFn: async () =>
      (await api.get(`${apiPath('products', productId, 'items')}?limit=500`, ItemList)).items,
    staleTime: 60_000,
  });
  const sprints = useQuery({
    queryKey: ['products', productId, 'sprints', 'names'],
    queryFn: async () => (await api.get(apiPath('products', productId, 'sprints'), SprintList)).sprints,
    staleTime: 60_000,
  });
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const i of items.data ?? []) names.set(i.id, `${i.key} “${i.title}”`);
    for (const s of sprints.data ?? []) names.set(s.id, s.name);
    return names;
  }, [items.data, sprints.data]);
}
