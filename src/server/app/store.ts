import type { IdempotentRequest, ListenBridge } from './ports.ts';

/**
 * Every repository, bound either to the pool (reads) or to one transaction (writes). Empty here on
 * purpose: server/capabilities/index.ts merges in the repositories of every capability on its list
 * (declaration merging), so a new capability adds its repositories without editing this file, and
 * a use case sees every repository that is registered.
 */
// biome-ignore lint/suspicious/noEmptyInterface: the members come from the capability list
export interface Repos {}

export interface Store {
  /** Repositories on the pool, for reads that need no transaction. */
  read: Repos;
  /** Runs `fn` in one transaction: the change and its events commit together or not at all. */
  transaction<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` once per (user, key), exactly once even across a crash: the key is claimed, `fn`
   * runs and its response is stored in ONE transaction, which every `transaction` (and `read`)
   * inside `fn` joins. A retry with the same key, even one racing the first, waits for it and
   * gets its stored response; the same key with a different request is refused
   * (`idempotency_key_reused`). When `fn` fails nothing is kept, so a retry runs it again.
   */
  idempotent(
    userId: string,
    key: string,
    request: IdempotentRequest,
    fn: () => Promise<{ status: number; body: unknown }>,
  ): Promise<{ status: number; body: unknown; replayed: boolean }>;
  /** NOTIFYs from every instance (live streams, cache invalidation); absent in tests without one. */
  listen?: ListenBridge;
  /**
   * True inside an idempotent request's transaction (Idempotency-Key): its writes must commit
   * with the stored key, so they are written in it, never handed to a batch shared with other
   * requests (the create and move queues).
   */
  readonly inRequestTransaction: boolean;
  /** Checks the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
