import type { ChangeFeed } from '#app/change-feed.ts';
import type { Store } from '#app/store.ts';
import { TopicCache } from '#app/topic-cache.ts';
import { itemExportUseCases } from './item-export.ts';
import { itemImportUseCases } from './item-import.ts';
import { itemOrderUseCases } from './item-order.ts';
import { itemReadUseCases } from './item-reads.ts';
import { itemSocialUseCases } from './item-social.ts';
import { itemWriteUseCases } from './item-writes.ts';

/** Backlog use cases, one file per concern. */
export function itemUseCases(store: Store, changes?: ChangeFeed) {
  const productOfItem = new Map<string, string>();
  return {
    /** Authorisation helper for item-keyed routes: the product of a live item, or null. */
    productOf: async (itemId: string): Promise<string | null> => {
      // An item never changes product, so its product is remembered (a deleted item still fails
      // later, where the use case loads it). Bounded: the oldest half is dropped when full.
      const known = productOfItem.get(itemId);
      if (known) return known;
      const productId = await store.read.items.productOf(itemId);
      if (productId) {
        if (productOfItem.size >= 50_000)
          for (const k of [...productOfItem.keys()].slice(0, 25_000)) productOfItem.delete(k);
        productOfItem.set(itemId, productId);
      }
      return productId;
    },
    ...itemReadUseCases(
      store,
      changes ? new TopicCache(changes, { maxAgeMs: 10_000, maxEntries: 2_000 }) : undefined,
    ),
    ...itemWriteUseCases(store),
    ...itemOrderUseCases(store),
    ...itemSocialUseCases(store),
    import: itemImportUseCases(store),
    export: itemExportUseCases(store),
  };
}
export type ItemUseCases = ReturnType<typeof itemUseCases>;
