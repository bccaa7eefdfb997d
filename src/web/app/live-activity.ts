import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { z } from 'zod';
import { Event } from '#contracts/products.ts';
import { apiPath } from '#web/lib/api.ts';
import { useMe } from '#web/lib/queries.ts';

const Batch = z.array(Event);

/**
 * Refreshes whatever another person just changed: every cached query whose key names the product
 * or the changed entity is marked stale and refetched if on screen. Our own changes are skipped;
 * the screen that made them already shows them (optimistically).
 */
export function refreshFor(qc: QueryClient, productId: string, events: Event[], myId: string | undefined) {
  const theirs = events.filter((e) => e.actor?.id !== myId);
  if (theirs.length === 0) return;
  const touched = new Set<string>([productId, ...theirs.map((e) => e.entityId)]);
  void qc.invalidateQueries({
    predicate: (q) => q.queryKey.some((part) => typeof part === 'string' && touched.has(part)),
  });
}

/**
 * Keeps one EventSource per open product. EventSource reconnects by itself after a drop and sends
 * the last event id it saw, so the server first replays what it missed.
 */
export function useLiveActivity(productId: string | undefined) {
  const qc = useQueryClient();
  const myId = useMe().data?.user.id;
  useEffect(() => {
    if (!productId || typeof EventSource === 'undefined') return;
    const source = new EventSource(apiPath('products', productId, 'events', 'stream'));
    source.addEventListener('activity', (msg) => {
      const parsed = Batch.safeParse(JSON.parse((msg as MessageEvent<string>).data));
      if (!parsed.success) return;
      refreshFor(qc, productId, parsed.data, myId);
    });
    return () => source.close();
  }, [productId, qc, myId]);
}
