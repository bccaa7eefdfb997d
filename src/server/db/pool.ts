import pg from 'pg';

/** Anything that runs SQL: the pool or a client inside a transaction. Only server/db sees it. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
}

// Return bigint counts and numerics as JS numbers; our values fit comfortably.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

/** How long a request waits for a connection (a free slot, or the server to answer) before failing. */
export const CONNECT_TIMEOUT_MS = 5_000;
/**
 * No statement runs longer than this (a search gone wrong, a lock waited on): PostgreSQL cancels
 * it and the caller gets 503 `busy` (query-errors.ts) instead of a request that hangs while it
 * holds a connection everyone else needs. Migrations lift it for their own connection.
 */
export const STATEMENT_TIMEOUT_MS = 15_000;

export function createPool(connectionString: string, max = 20): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    idleTimeoutMillis: 30_000,
    // While the database is down or restarting, fail (→ 503) instead of waiting without end.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => undefined);
  // Nor may a checked-out one between two queries (the pool listens only while a client is idle):
  // its next query fails instead, and release() discards it as no longer queryable.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** How a lost database shows on a connection: shut down, crashed, reset, refused, cut off. */
const CONNECTION_LOST = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE']);

/** A lost connection as graphile-worker's retryable "cannot connect now" (57P03); else the error. */
function asRetryable(err: unknown): unknown {
  const e = err as { code?: string; message?: string } | null;
  const lost =
    (e?.code !== undefined && CONNECTION_LOST.has(e.code)) ||
    /Connection terminated|connection timeout/i.test(e?.message ?? '');
  if (!lost || e?.code === '57P03') return err;
  return Object.assign(new Error(e?.message ?? 'The database connection was lost', { cause: err }), {
    code: '57P03',
  });
}

/**
 * The job queue's connections. graphile-worker retries a failed "job done" or "job failed" write
 * only for a few error codes (57P03 among them) and leaves any other rejection unhandled, which
 * would end the process when the database restarts under running jobs. Here every sign of a lost
 * connection, on connecting or on a query, reads as 57P03, so it waits for the database instead.
 */
export function createQueuePool(connectionString: string, max: number): pg.Pool {
  const pool = createPool(connectionString, max);
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  pool.connect = ((...args: unknown[]) => {
    if (args.length > 0) return (connect as (...a: unknown[]) => unknown)(...args);
    return connect().then(
      (client) => client,
      (err: unknown) => {
        throw asRetryable(err);
      },
    );
  }) as typeof pool.connect;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...a: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const result = query(...args);
      return result instanceof Promise
        ? result.catch((err: unknown) => {
            throw asRetryable(err);
          })
        : result;
    }) as typeof client.query;
  });
  return pool;
}

export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

const statementNames = new Map<string, string>();

/**
 * Runs every parameterised query as a named prepared statement, so PostgreSQL plans each distinct
 * SQL text once per connection instead of on every call. The items table has many indexes and
 * planning its list query cost 1.3 ms against 0.3 ms to run it. Queries without parameters
 * (migrations: several statements in one text) go through unchanged.
 */
export function prepared(db: Queryable): Queryable {
  return {
    query(text, values) {
      if (!values || values.length === 0) return db.query(text, values);
      let name = statementNames.get(text);
      if (!name) {
        name = `tandem_${statementNames.size + 1}`;
        statementNames.set(text, name);
      }
      return (db as pg.Pool).query({ name, text, values });
    },
  };
}

/**
 * A transaction's connection runs one query at a time. A use case may start several reads at once
 * (`Promise.all`: on the pool they run in parallel); on one client they wait here, in order, rather
 * than in pg's own queue, which is deprecated and goes in pg 9.
 */
export function oneAtATime(db: Queryable): Queryable {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    query<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      const run = () => db.query<R>(text, values);
      const next = tail.then(run, run);
      tail = next.catch(() => undefined);
      return next;
    },
  };
}
