import type { ChangeFeed } from '../change-feed.ts';

interface Entry<T> {
  value: T;
  at: number;
}

/**
 * Caches backlog list pages per product until that product changes. The backlog is read far more
 * often than written (every screen, every teammate, every refresh), and building a page of 100
 * items is the most expensive read Tandem serves. Correctness rests on the change feed: any change
 * to the product drops its pages, here and on other instances. A generation number per product
 * stops a read that started before a change from storing what it saw. `maxAgeMs` bounds staleness
 * should a change ever bypass the feed.
 */
export class PageCache<T> {
  readonly #pages = new Map<string, Map<string, Entry<T>>>();
  readonly #generation = new Map<string, number>();
  #size = 0;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly options: { maxAgeMs: number; maxEntries: number; now?: () => number },
  ) {
    feed.subscribe((productId) => this.invalidate(productId));
  }

  async get(productId: string, key: string, load: () => Promise<T>): Promise<T> {
    const now = this.options.now ?? Date.now;
    if (!this.feed.live) return load();
    const hit = this.#pages.get(productId)?.get(key);
    if (hit && now() - hit.at <= this.options.maxAgeMs) return hit.value;
    const generation = this.#generation.get(productId) ?? 0;
    const value = await load();
    if ((this.#generation.get(productId) ?? 0) === generation && this.feed.live)
      this.#store(productId, key, { value, at: now() });
    return value;
  }

  /** Drops a product's pages ('*' drops everything). */
  invalidate(productId: string): void {
    if (productId === '*') {
      for (const id of this.#pages.keys()) this.#generation.set(id, (this.#generation.get(id) ?? 0) + 1);
      this.#pages.clear();
      this.#size = 0;
      return;
    }
    this.#generation.set(productId, (this.#generation.get(productId) ?? 0) + 1);
    this.#size -= this.#pages.get(productId)?.size ?? 0;
    this.#pages.delete(productId);
  }

  #store(productId: string, key: string, entry: Entry<T>) {
    if (this.#size >= this.options.maxEntries) this.invalidate('*');
    const pages = this.#pages.get(productId) ?? new Map<string, Entry<T>>();
    if (!pages.has(key)) this.#size += 1;
    pages.set(key, entry);
    this.#pages.set(productId, pages);
  }
}
