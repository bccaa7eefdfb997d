import type { EventRecord } from './ports.ts';
import type { Store } from './store.ts';

export const EVENTS_CHANNEL = 'tandem_events';
export type ActivityListener = (events: EventRecord[]) => void;

interface Feed {
  lastId: number;
  listeners: Set<ActivityListener>;
  running: boolean;
  again: boolean;
}

/**
 * Live activity: every appended event NOTIFYs `tandem_events` with its product id (events
 * repository), from whichever instance wrote it. This hub LISTENs while it has streams open, reads
 * each product's new events once per wake-up, and hands them to that product's streams in order.
 */
export class ActivityHub {
  readonly #feeds = new Map<string, Feed>();
  #bridge: 'off' | 'starting' | 'on' = 'off';
  #stop: (() => Promise<void>) | null = null;

  constructor(private readonly store: Store) {}

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
    this.#startBridge();
    return () => {
      feed.listeners.delete(fn);
      if (feed.listeners.size === 0) this.#feeds.delete(productId);
      if (this.#feeds.size === 0) this.#stopBridge();
    };
  }

  changed(productId: string): void {
    const feed = this.#feeds.get(productId);
    if (!feed) return;
    if (feed.running) {
      feed.again = true;
      return;
    }
    void this.#drain(productId, feed);
  }

  async #drain(productId: string, feed: Feed) {
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

  #startBridge() {
    if (this.#bridge !== 'off' || !this.store.listen) return;
    this.#bridge = 'starting';
    this.store
      .listen(
        EVENTS_CHANNEL,
        (productId) => this.changed(productId),
        () => {
          this.#bridge = 'off';
          this.#stop = null;
        },
      )
      .then(async (stop) => {
        if (this.#feeds.size === 0) {
          this.#bridge = 'off';
          await stop();
          return;
        }
        this.#stop = stop;
        this.#bridge = 'on';
        // Catch up on anything written while the bridge was connecting.
        for (const productId of this.#feeds.keys()) this.changed(productId);
      })
      .catch(() => {
        this.#bridge = 'off';
      });
  }

  #stopBridge() {
    const stop = this.#stop;
    if (this.#bridge !== 'on' || !stop) return;
    this.#bridge = 'off';
    this.#stop = null;
    void stop();
  }
}
