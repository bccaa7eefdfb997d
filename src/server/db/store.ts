import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { Repos, Store } from '#app/store.ts';
import { AppError } from '#domain/errors.ts';
import { PgListenBridge } from './listen.ts';
import { inTransaction, oneAtATime, prepared, type Queryable } from './pool.ts';
import { timeoutsAsBusy } from './query-errors.ts';

/** Builds every registered repository on one connection (capabilities/index.ts: `createRepos`). */
export type ReposFactory = (db: Queryable) => Repos;

/**
 * The transaction of an idempotent request. Every `store.transaction` and `store.read` called
 * inside its `fn` (in its async context) runs on this client, so the write and the stored
 * response commit together. Joined transactions become savepoints, one at a time (`tail`), so a
 * use case that retries after a failed attempt (a unique-key clash) still can.
 */
interface Scope {
  client: pg.PoolClient;
  repos: Repos;
  tail: Promise<unknown>;
  savepoints: number;
  /** Set once the transaction ended: stray work in the async context falls back to the pool. */
  closed: boolean;
  /** Inside one of this scope's savepoints: nested calls run straight on, without queueing. */
  inside: boolean;
}
const scopes = new AsyncLocalStorage<Scope>();

function joined<T>(scope: Scope, fn: (repos: Repos) => Promise<T>): Promise<T> {
  const run = async (): Promise<T> => {
    scope.savepoints += 1;
    const name = `tandem_sp_${scope.savepoints}`;
    await scope.client.query(`savepoint ${name}`);
    try {
      const result = await scopes.run({ ...scope, inside: true }, () => fn(scope.repos));
      await scope.client.query(`release savepoint ${name}`);
      return result;
    } catch (err) {
      await scope.client.query(`rollback to savepoint ${name}`).catch(() => undefined);
      throw err;
    }
  };
  if (scope.inside) return run();
  const next = scope.tail.then(run, run);
  scope.tail = next.catch(() => undefined);
  return next;
}

/** The open idempotent transaction of this async context, if any. */
function activeScope(): Scope | undefined {
  const s = scopes.getStore();
  return s && !s.closed ? s : undefined;
}

/**
 * The store over a pool. Which repositories exist is not decided here: the composition root passes
 * `createRepos`, built from the capability list.
 */
export function createStore(pool: pg.Pool, createRepos: ReposFactory): Store {
  // Every query runs as a prepared statement; on a transaction's client, one at a time.
  const reposFor = (raw: Queryable, client = true): Repos =>
    createRepos(timeoutsAsBusy(client ? oneAtATime(prepared(raw)) : prepared(raw)));
  // One LISTEN connection per instance, shared by every live channel.
  const listen = new PgListenBridge(pool);
  const poolRepos = reposFor(pool, false);
  return {
    get read() {
      return activeScope()?.repos ?? poolRepos;
    },
    get inRequestTransaction() {
      return activeScope() !== undefined;
    },
    transaction: (fn) => {
      const scope = activeScope();
      if (scope) return joined(scope, fn);
      return inTransaction(pool, (client) => fn(reposFor(client)));
    },
    async idempotent(userId, key, request, fn) {
      return inTransaction(pool, async (client) => {
        // Serialise requests with the same key; a racing retry waits here (until the first
        // commits or dies with its connection), then replays. Released at commit or rollback.
        await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`${userId}:${key}`]);
        const repos = reposFor(client);
        const seen = await repos.idempotency.get(userId, key);
        if (seen) {
          const same = seen.hash === null ? seen.route === request.route : seen.hash === request.hash;
          if (!same) {
            throw new AppError(
              'idempotency_key_reused',
              'This Idempotency-Key was already used for a different request; use a new key.',
              { 'Idempotency-Key': 'Already used for another request' },
            );
          }
          return { status: seen.status, body: seen.response, replayed: true };
        }
        const scope: Scope = {
          client,
          repos,
          tail: Promise.resolve(),
          savepoints: 0,
          closed: false,
          inside: false,
        };
        try {
          const result = await scopes.run(scope, fn);
          await scope.tail;
          await repos.idempotency.put(userId, key, request, result.status, result.body ?? null);
          return { ...result, replayed: false };
        } finally {
          scope.closed = true;
        }
      });
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
