import type { ChangeFeed } from './change-feed.ts';
import type { EventRecord } from './ports.ts';
import type { Store } from './store.ts';

export type ActivityListener = (events: EventRecord[]) => void;

interface Feed {
  /** The last event handed to the listeners; set once `ready` resolves. */
  lastId: number;
  ready: Promise<void>;
  listeners: Set<ActivityListener>;
  running: boolean;
  again: boolean;
}

const PAGE = 500;

/**
 * Live activity: the change feed says a product changed (a write here, or a NOTIFY from any
 * instance); this hub reads that product's new events once per wake-up and hands them to the
 * product's open streams, in order. A stream that reconnects says which event it saw last
 * (Last-Event-ID) and first gets what it missed, up to a few pages (the web app refetches on any
 * event, so one that was away longer still ends up current).
 */
export class ActivityHub {
  readonly #feeds = new Map<string, Feed>();
  #unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly changes: ChangeFeed,
  ) {}

  /** Starts sending the product's events that happen from now on (or after `sinceId`). */
  async subscribe(productId: string, fn: ActivityListener, sinceId?: number): Promise<() => void> {
    let feed = this.#feeds.get(productId);
    if (!feed) {
      // Registered before the first await, so concurrent subscribers share one feed.
      const created: Feed = {
        lastId: 0,
        ready: Promise.resolve(),
        listeners: new Set(),
        running: false,
        again: false,
      };
      created.ready = this.store.read.events.latestId(productId).then((id) => {
        created.lastId = id;
      });
      this.#feeds.set(productId, created);
      feed = created;
    }
    const joined = feed;
    // Reading `live` starts the change feed's LISTEN if it is not up yet.
    void this.changes.live;
    this.#unsubscribe ??= this.changes.subscribe((changed) => {
      if (changed === '*') for (const id of this.#feeds.keys()) this.#changed(id);
      else this.#changed(changed);
    });
    const leave = () => {
      joined.listeners.delete(fn);
      if (joined.listeners.size === 0 && this.#feeds.get(productId) === joined) this.#feeds.delete(productId);
      if (this.#feeds.size === 0) {
        this.#unsubscribe?.();
        this.#unsubscribe = null;
      }
    };
    try {
      await joined.ready;
      if (sinceId !== undefined) await this.#catchUp(productId, joined, fn, sinceId);
    } catch (err) {
      leave();
      throw err;
    }
    joined.listeners.add(fn);
    return leave;
  }

  #changed(productId: string): void {
    const feed = this.#feeds.get(productId);
    if (!feed) return;
    if (feed.running) {
      feed.again = true;
      return;
    }
    void this.#drain(feed, productId);
  }

  /**
   * Sends one stream what happened after `sinceId` up to where the feed is, then returns with no
   * await left before the caller joins the feed, so nothing falls between the two.
   */
  async #catchUp(productId: string, feed: Feed, fn: ActivityListener, sinceId: number) {
    let cursor = sinceId;
    for (let pages = 0; cursor < feed.lastId && pages < 4; pages += 1) {
      const upTo = feed.lastId;
      const missed = (await this.store.read.events.after(productId, cursor, PAGE)).filter(
        (e) => e.id <= upTo,
      );
      cursor = missed.at(-1)?.id ?? upTo;
      if (missed.length > 0) fn(missed);
    }
  }

  async #drain(feed: Feed, productId: string) {
    feed.running = true;
    await feed.ready.catch(() => undefined);
    do {
      feed.again = false;
      const events = await this.store.read.events.after(productId, feed.lastId, PAGE).catch(() => []);
      if (events.length === 0) continue;
      feed.lastId = events.at(-1)!.id;
      if (events.length === PAGE) feed.again = true;
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
