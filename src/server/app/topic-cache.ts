import type { ChangeFeed } from './change-feed.ts';

interface Entry<T> {
  value: T;
  at: number;
}

/**
 * Caches reads per topic (a product id, or 'auth') until that topic changes. Used where a read is
 * far more frequent than a change: backlog pages (the most expensive read Tandem serves), the
 * caller's role on a product, and who a session or token belongs to. Correctness rests on the
 * change feed: a change drops its topic's entries, here and on other instances, and while the feed
 * is down nothing is served from memory. A generation number per topic stops a read that started
 * before a change from storing what it saw. `maxAgeMs` bounds staleness should a change ever
 * bypass the feed.
 */
export class TopicCache<T> {
  readonly #entries = new Map<string, Map<string, Entry<T>>>();
  readonly #generation = new Map<string, number>();
  #size = 0;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly options: { maxAgeMs: number; maxEntries: number; now?: () => number },
  ) {
    feed.subscribe((topic) => this.invalidate(topic));
  }

  async get(topic: string, key: string, load: () => Promise<T>): Promise<T> {
    const now = this.options.now ?? Date.now;
    if (!this.feed.live) return load();
    const hit = this.#entries.get(topic)?.get(key);
    if (hit && now() - hit.at <= this.options.maxAgeMs) return hit.value;
    const generation = this.#generation.get(topic) ?? 0;
    const value = await load();
    if ((this.#generation.get(topic) ?? 0) === generation && this.feed.live)
      this.#store(topic, key, { value, at: now() });
    return value;
  }

  /** Drops a product's pages ('*' drops everything). */
  invalidate(topic: string): void {
    if (topic === '*') {
      for (const id of this.#entries.keys()) this.#generation.set(id, (this.#generation.get(id) ?? 0) + 1);
      this.#entries.clear();
      this.#size = 0;
      return;
    }
    this.#generation.set(topic, (this.#generation.get(topic) ?? 0) + 1);
    this.#size -= this.#entries.get(topic)?.size ?? 0;
    this.#entries.delete(topic);
  }

  #store(topic: string, key: string, entry: Entry<T>) {
    if (this.#size >= this.options.maxEntries) this.invalidate('*');
    const pages = this.#entries.get(topic) ?? new Map<string, Entry<T>>();
    if (!pages.has(key)) this.#size += 1;
    pages.set(key, entry);
    this.#entries.set(topic, pages);
  }
}
