import type { Store } from './store.ts';

export const CHANGES_CHANNEL = 'tandem_events';
/**
 * Who holds which role on a product changes far less often than the product itself (a move is a
 * product change), so roles have their own topic: membership changes and product deletion NOTIFY it.
 */
export const rolesTopic = (productId: string) => `roles:${productId}`;
type Listener = (productId: string) => void;

/**
 * Tells caches that a product changed, from this instance or any other. Every event-writing change
 * NOTIFYs `tandem_events` with its product id when it commits (events repository, item moves); this
 * feed hears it through the store's LISTEN bridge. The HTTP layer also reports each finished write
 * on this instance synchronously, before its response leaves, so a client always reads its own
 * writes. `live` is false while the channel is not heard: caches must then not serve. When the
 * connection is lost, and again once it is back, listeners hear '*' (anything may have changed).
 */
export class ChangeFeed {
  readonly #listeners = new Set<Listener>();
  #started = false;
  #live = false;
  #stop: (() => void) | null = null;

  constructor(private readonly store: Store) {}

  get live(): boolean {
    if (!this.#started) this.#start();
    return this.#live;
  }

  subscribe(fn: Listener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** A write on this instance finished (its transaction committed). */
  touched(productId: string): void {
    for (const fn of this.#listeners) fn(productId);
  }

  /** At shutdown: stops listening and closes the bridge (the pool cannot end while it is held). */
  async close(): Promise<void> {
    this.#started = true;
    this.#live = false;
    this.#stop?.();
    this.#stop = null;
    await this.store.listen?.close();
  }

  #start() {
    this.#started = true;
    this.#stop =
      this.store.listen?.listen(
        CHANGES_CHANNEL,
        (productId) => this.touched(productId),
        (live) => {
          this.#live = live;
          // Whatever was cached may have missed changes while the connection was down.
          this.touched('*');
        },
      ) ?? null;
  }
}
