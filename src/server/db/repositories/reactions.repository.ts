import type { JobRecord, ReactionsRepo } from '#app/reactions/ports.ts';
import type { Queryable } from '#db/pool.ts';

// Any constant; the same for every instance, so two starting at once take turns.
const SUBSCRIPTIONS_LOCK = 7_246_002;

/** graphile-worker's schema is missing until a worker first started: no jobs yet, then. */
const noQueueYet = (err: unknown) =>
  ['3F000', '42P01', '42883'].includes((err as { code?: string }).code ?? '');

interface JobRow extends Omit<JobRecord, 'state'> {
  locked: boolean;
}

export function reactionsRepo(db: Queryable): ReactionsRepo {
  return {
    /** Runs in the caller's transaction (the advisory lock is transaction-scoped). */
    async syncSubscriptions(subs) {
      const rows = subs.flatMap((s) => s.eventTypes.map((t) => [t, s.name, s.maxAttempts] as const));
      await db.query('select pg_advisory_xact_lock($1)', [SUBSCRIPTIONS_LOCK]);
      await db.query('delete from event_subscriptions where true');
      await db.query(
        `insert into event_subscriptions (event_type, subscriber, max_attempts)
         select * from unnest($1::text[], $2::text[], $3::int[])`,
        [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
      );
    },
    async claim(eventId, subscriber) {
      const r = await db.query(
        `insert into reaction_receipts (event_id, subscriber) values ($1, $2)
         on conflict (event_id, subscriber) do nothing`,
        [eventId, subscriber],
      );
      return r.rowCount === 1;
    },
    async heartbeat(workerIds) {
      if (workerIds.length === 0) return;
      await db.query(
        `insert into reaction_workers (worker_id) select unnest($1::text[])
         on conflict (worker_id) do update set seen_at = now()`,
        [workerIds],
      );
    },
    async releaseSilentWorkers(silentMs) {
      const r = await db.query<{ n: number }>(
        `with gone as (
           delete from reaction_workers where seen_at < now() - make_interval(secs => $1::float8 / 1000)
           returning worker_id),
         unlocked as (select graphile_worker.force_unlock_workers(array(select worker_id from gone)))
         select (select count(*) from gone)::int as n from unlocked`,
        [silentMs],
      );
      return r.rows[0]?.n ?? 0;
    },
    async forgetWorkers(workerIds) {
      await db.query('delete from reaction_workers where worker_id = any($1::text[])', [workerIds]);
    },
    async jobs(q) {
      try {
        // The job key is subscriber:event_id (migration 0002), so the event is found from it.
        const r = await db.query<JobRow>(
          `select j.id::text as id, j.task_identifier as subscriber, e.id as "eventId",
                  e.type as "eventType", e.product_id as "productId", j.attempts,
                  j.max_attempts as "maxAttempts", j.last_error as "lastError", j.run_at as "runAt",
                  j.updated_at as "updatedAt", j.locked_at is not null as locked
             from graphile_worker.jobs j
             left join events e on e.id = substring(j.key from ':(\\d+)$')::bigint
            -- attempts counts the run in progress too: a last attempt still running is not failed.
            where case when $1 = 'failed' then j.attempts >= j.max_attempts and j.locked_at is null
                       else j.attempts < j.max_attempts or j.locked_at is not null end
            order by j.updated_at desc, j.id desc
            limit $2`,
          [q.state, q.limit],
        );
        return r.rows.map(({ locked, ...j }) => ({
          ...j,
          state: locked ? 'running' : j.attempts >= j.maxAttempts ? 'failed' : 'pending',
        }));
      } catch (err) {
        if (noQueueYet(err)) return [];
        throw err;
      }
    },
    async retry(jobId) {
      if (!/^\d{1,18}$/.test(jobId)) return false;
      try {
        const r = await db.query(
          `select id from graphile_worker.reschedule_jobs(
             array(select id from graphile_worker.jobs
                    where id = $1::bigint and attempts >= max_attempts and locked_at is null),
             run_at => now(), attempts => 0)`,
          [jobId],
        );
        return (r.rowCount ?? 0) > 0;
      } catch (err) {
        if (noQueueYet(err)) return false;
        throw err;
      }
    },
  };
}
