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
 * feed LISTENs on one connection. The HTTP layer also reports each finished write on this instance
 * synchronously, before its response leaves, so a client always reads its own writes.
 * `live` is false while the LISTEN connection is not up: caches must then not serve.
 */
export class ChangeFeed {
  readonly #listeners = new Set<Listener>();
  #state: 'off' | 'starting' | 'on' | 'closed' = 'off';
  #stop: (() => Promise<void>) | null = null;

  constructor(private readonly store: Store) {}

  get live(): boolean {
    if (this.#state === 'off') this.#start();
    return this.#state === 'on';
  }

  subscribe(fn: Listener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** A write on this instance finished (its transaction committed). */
  touched(productId: string): void {
    for (const fn of this.#listeners) fn(productId);
  }

  /** Releases the LISTEN connection (at shutdown: the pool cannot end while it is held). */
  async close(): Promise<void> {
    this.#state = 'closed';
    const stop = this.#stop;
    this.#stop = null;
    await stop?.();
  }

  #start() {
    if (!this.store.listen) return;
    this.#state = 'starting';
    this.store
      .listen(
        CHANGES_CHANNEL,
        (productId) => this.touched(productId),
        () => {
          if (this.#state === 'closed') return;
          this.#state = 'off';
          this.#stop = null;
          // Whatever was cached may have missed changes while the connection was down.
          for (const fn of this.#listeners) fn('*');
        },
      )
      .then(async (stop) => {
        if (this.#state === 'closed') {
          await stop();
          return;
        }
        this.#stop = stop;
        this.#state = 'on';
      })
      .catch(() => {
        if (this.#state !== 'closed') this.#state = 'off';
      });
  }
}
