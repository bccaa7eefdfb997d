import type { ChangeFeed } from '../change-feed.ts';
import type { Store } from '../store.ts';
import { TopicCache } from '../topic-cache.ts';
import { itemExportUseCases } from './item-export.ts';
import { itemImportUseCases } from './item-import.ts';
import { itemOrderUseCases } from './item-order.ts';
import { itemReadUseCases } from './item-reads.ts';
import { itemSocialUseCases } from './item-social.ts';
import { itemWriteUseCases } from './item-writes.ts';

/** Backlog use cases, one file per concern. */
export function itemUseCases(store: Store, changes?: ChangeFeed) {
  return {
    /** Authorisation helper for item-keyed routes: the product of a live item, or null. */
    productOf: (itemId: string) => store.read.items.productOf(itemId),
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
