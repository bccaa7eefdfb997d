import type { Store } from './store.ts';

/** What the server asks of the database itself: is it there, and has this request been seen. */
export function systemUseCases(store: Store) {
  return {
    /** Health check: resolves when the database answers. */
    ping: () => store.ping(),
    /** Runs a create once per (user, Idempotency-Key); a retry gets the first response. */
    once: (
      userId: string,
      key: string,
      route: string,
      fn: () => Promise<{ status: number; body: unknown }>,
    ) => store.idempotent(userId, key, route, fn),
  };
}
