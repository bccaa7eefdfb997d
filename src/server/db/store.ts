import type pg from 'pg';
import type { Repos, Store } from '#app/store.ts';
import { AppError } from '#domain/errors.ts';
import { PgListenBridge } from './listen.ts';
import { inTransaction, prepared, type Queryable } from './pool.ts';

/** Builds every registered repository on one connection (capabilities/index.ts: `createRepos`). */
export type ReposFactory = (db: Queryable) => Repos;

/**
 * The store over a pool. Which repositories exist is not decided here: the composition root passes
 * `createRepos`, built from the capability list.
 */
export function createStore(pool: pg.Pool, createRepos: ReposFactory): Store {
  // Every query runs as a prepared statement.
  const reposFor = (raw: Queryable): Repos => createRepos(prepared(raw));
  // One LISTEN connection per instance, shared by every live channel.
  const listen = new PgListenBridge(pool);
  return {
    read: reposFor(pool),
    transaction: (fn) => inTransaction(pool, (client) => fn(reposFor(client))),
    async idempotent(userId, key, route, fn) {
      const client = await pool.connect();
      try {
        // Serialise requests with the same key; a racing retry waits here, then replays.
        await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [`${userId}:${key}`]);
        const repo = reposFor(client).idempotency;
        const seen = await repo.get(userId, key);
        if (seen) {
          if (seen.route !== route) {
            throw new AppError('conflict', 'This Idempotency-Key was already used for a different request.', {
              'Idempotency-Key': 'Already used for another request',
            });
          }
          return { status: seen.status, body: seen.response, replayed: true };
        }
        const result = await fn();
        await repo.put(userId, key, route, result.status, result.body ?? null);
        return { ...result, replayed: false };
      } finally {
        await client
          .query('select pg_advisory_unlock(hashtextextended($1, 0))', [`${userId}:${key}`])
          .catch(() => undefined);
        client.release();
      }
    },
    listen,
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await listen.close();
      await pool.end();
    },
  };
}
