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
 *
 * Single flight: callers asking for the same (topic, key) while its read is running wait for that
 * read instead of starting their own, so a burst of identical searches costs one query. Only a
 * read started since the topic's last change is joined (the generation again), so nobody is handed
 * what another caller saw before a write they may have made themselves.
 */
export class TopicCache<T> {
  readonly #entries = new Map<string, Map<string, Entry<T>>>();
  readonly #generation = new Map<string, number>();
  readonly #inFlight = new Map<string, { generation: number; value: Promise<T> }>();
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
    // Topic and key joined by a character neither contains (ids, JSON of a query).
    const flightKey = `${topic}\u0000${key}`;
    const running = this.#inFlight.get(flightKey);
    if (running && running.generation === generation) return running.value;
    const value = load();
    const flight = { generation, value };
    this.#inFlight.set(flightKey, flight);
    try {
      const result = await value;
      if ((this.#generation.get(topic) ?? 0) === generation && this.feed.live)
        this.#store(topic, key, { value: result, at: now() });
      return result;
    } finally {
      if (this.#inFlight.get(flightKey) === flight) this.#inFlight.delete(flightKey);
    }
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
