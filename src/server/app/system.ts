import type { Store } from './store.ts';

/** What the server asks of the database itself: is it there, and has this request been seen. */
export function systemUseCases(store: Store) {
  return {
    /** Health check: resolves when the database answers. */
    ping: () => store.ping(),
    /** Runs a create once per (user, Idempotency-Key); a retry gets the first response. */
    once: (...request: Parameters<Store['idempotent']>) => store.idempotent(...request),
  };
}
