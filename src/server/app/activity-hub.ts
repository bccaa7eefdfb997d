import type { ChangeFeed } from './change-feed.ts';
import type { EventRecord } from './ports.ts';
import type { Store } from './store.ts';

export type ActivityListener = (events: EventRecord[]) => void;

interface Feed {
  lastId: number;
  listeners: Set<ActivityListener>;
  running: boolean;
  again: boolean;
}

/**
 * Live activity: the change feed says a product changed (a write here, or a NOTIFY from any
 * instance); this hub reads that product's new events once per wake-up and hands them to the
 * product's open streams, in order.
 */
export class ActivityHub {
  readonly #feeds = new Map<string, Feed>();
  #unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly changes: ChangeFeed,
  ) {}

  /** Starts sending the product's events that happen from now on. */
  async subscribe(productId: string, fn: ActivityListener): Promise<() => void> {
    let feed = this.#feeds.get(productId);
    if (!feed) {
      feed = {
        lastId: await this.store.read.events.latestId(productId),
        listeners: new Set(),
        running: false,
        again: false,
      };
      this.#feeds.set(productId, feed);
    }
    feed.listeners.add(fn);
    // Reading `live` starts the change feed's LISTEN connection if it is not up yet.
    void this.changes.live;
    this.#unsubscribe ??= this.changes.subscribe((changed) => {
      if (changed === '*') for (const id of this.#feeds.keys()) this.changed(id);
      else this.changed(changed);
    });
    return () => {
      feed.listeners.delete(fn);
      if (feed.listeners.size === 0) this.#feeds.delete(productId);
      if (this.#feeds.size === 0) {
        this.#unsubscribe?.();
        this.#unsubscribe = null;
      }
    };
  }

  changed(productId: string): void {
    const feed = this.#feeds.get(productId);
    if (!feed) return;
    if (feed.running) {
      feed.again = true;
      return;
    }
    void this.#drain(feed, productId);
  }

  async #drain(feed: Feed, productId: string) {
    feed.running = true;
    do {
      feed.again = false;
      const events = await this.store.read.events.after(productId, feed.lastId, 500).catch(() => []);
      if (events.length === 0) continue;
      feed.lastId = events.at(-1)!.id;
      if (events.length === 500) feed.again = true;
      for (const fn of feed.listeners) {
        try {
          fn(events);
        } catch {
          // One broken stream must not stop the others.
        }
      }
    } while (feed.again);
    feed.running = false;
  }
}
