import type { Queryable } from '#db/pool.ts';
import { AppError } from '#domain/errors.ts';

/** PostgreSQL's query_canceled: here, the statement ran into the pool's statement_timeout. */
const QUERY_CANCELED = '57014';

/**
 * Names a statement that ran out of time `busy` (503 with Retry-After) instead of passing on the
 * SQL error, which would surface as a 500 'internal'. The use cases match no PostgreSQL code.
 */
export function timeoutsAsBusy(db: Queryable): Queryable {
  return {
    async query(text, values) {
      try {
        return await db.query(text, values);
      } catch (err) {
        if ((err as { code?: string }).code === QUERY_CANCELED)
          throw new AppError('busy', 'The server is too busy to answer this now. Please try again shortly.');
        throw err;
      }
    },
  };
}
