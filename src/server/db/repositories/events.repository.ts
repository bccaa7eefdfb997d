import type { EventRecord, EventsRepo, NewEvent } from '#app/ports.ts';
import type { Queryable } from '#db/pool.ts';

/**
 * One data-modifying statement and its events in a single round trip, for the hottest write
 * (a batch of moves): `change` is a `with` list (which may update rows) and a final select that
 * returns an `id` column; the events whose `entityId` is among the returned ids are appended,
 * and the product's NOTIFY sent, in the same statement, so they commit together. The event SQL
 * and the NOTIFY stay here: callers compose, they do not write events themselves. `change`'s
 * parameters are $1…$n; the events' follow.
 */
export async function changeWithEvents<R>(
  db: Queryable,
  change: { with: string; select: string; params: unknown[] },
  events: readonly NewEvent[],
): Promise<R[]> {
  const n = change.params.length;
  const $ = (i: number) => `$${n + i}`;
  const products = [...new Set(events.flatMap((e) => (e.productId ? [e.productId] : [])))];
  const r = await db.query<R & { _notified?: unknown }>(
    `with ${change.with},
     change as (${change.select}),
     ev as (
       insert into events (product_id, actor_id, entity_type, entity_id, type, before, after)
       select e.* from unnest(${$(1)}::uuid[], ${$(2)}::uuid[], ${$(3)}::text[], ${$(4)}::text[],
                              ${$(5)}::text[], ${$(6)}::jsonb[], ${$(7)}::jsonb[])
                    as e(product_id, actor_id, entity_type, entity_id, type, before, after)
        where e.entity_id in (select id::text from change)),
     woke as (select pg_notify('tandem_events', p) from unnest(${$(8)}::text[]) as p)
     select c.*, (select count(*) from woke) as "_notified" from change c`,
    [
      ...change.params,
      events.map((e) => e.productId),
      events.map((e) => e.actorId),
      events.map((e) => e.entityType),
      events.map((e) => e.entityId),
      events.map((e) => e.type),
      events.map((e) => (e.before === undefined ? null : JSON.stringify(e.before))),
      events.map((e) => (e.after === undefined ? null : JSON.stringify(e.after))),
      products,
    ],
  );
  return r.rows.map(({ _notified, ...row }) => row as R);
}

export function eventsRepo(db: Queryable): EventsRepo {
  const appendMany = async (events: NewEvent[]) => {
    if (events.length === 0) return;
    // One round trip for any number of events: unnest parallel arrays.
    await db.query(
      `insert into events (product_id, actor_id, entity_type, entity_id, type, before, after)
       select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[])`,
      [
        events.map((e) => e.productId),
        events.map((e) => e.actorId),
        events.map((e) => e.entityType),
        events.map((e) => e.entityId),
        events.map((e) => e.type),
        events.map((e) => (e.before === undefined ? null : JSON.stringify(e.before))),
        events.map((e) => (e.after === undefined ? null : JSON.stringify(e.after))),
      ],
    );
    // The events table's trigger (migration 0002) enqueues the reactions to these events in
    // this same transaction. Wake live listeners (other instances, SSE streams) after commit.
    const products = [...new Set(events.flatMap((e) => (e.productId ? [e.productId] : [])))];
    for (const p of products) await notify('tandem_events', p);
  };
  const notify = async (channel: string, payload: string) => {
    await db.query('select pg_notify($1, $2)', [channel, payload]);
  };
  return {
    appendMany,
    notify,
    async after(productId, afterId, limit) {
      const r = await db.query<EventRecord>(
        `select e.id, e.product_id as "productId", e.actor_id as "actorId", u.name as "actorName",
                e.entity_type as "entityType", e.entity_id as "entityId", e.type, e.before, e.after, e.at
           from events e left join users u on u.id = e.actor_id
          where e.product_id = $1 and e.id > $2 order by e.id limit $3`,
        [productId, afterId, limit],
      );
      return r.rows;
    },
    async byId(id) {
      const r = await db.query<EventRecord>(
        `select e.id, e.product_id as "productId", e.actor_id as "actorId", u.name as "actorName",
                e.entity_type as "entityType", e.entity_id as "entityId", e.type, e.before, e.after, e.at
           from events e left join users u on u.id = e.actor_id
          where e.id = $1`,
        [id],
      );
      return r.rows[0] ?? null;
    },
    async latestId(productId) {
      const r = await db.query<{ id: number | null }>(
        'select max(id) as id from events where product_id = $1',
        [productId],
      );
      return r.rows[0]?.id ?? 0;
    },
    async lastId() {
      const r = await db.query<{ id: string | null }>('select max(id) as id from events');
      return Number(r.rows[0]?.id ?? 0);
    },
    async retimeForSeed(afterId, from, to) {
      const r = await db.query<{ id: string | null }>(
        `with x as (
           select id, row_number() over (order by id) as n, count(*) over () as total
             from events where id > $1)
         update events e
            set at = $2::timestamptz + (x.n::float8 / (x.total + 1)) * ($3::timestamptz - $2::timestamptz)
           from x where e.id = x.id
         returning e.id`,
        [afterId, from, to],
      );
      return Math.max(afterId, ...r.rows.map((x) => Number(x.id)));
    },
    async list(q) {
      const r = await db.query<EventRecord>(
        `select e.id, e.product_id as "productId", e.actor_id as "actorId", u.name as "actorName",
                e.entity_type as "entityType", e.entity_id as "entityId", e.type, e.before, e.after, e.at
           from events e left join users u on u.id = e.actor_id
          where e.product_id = $1 and ($2::bigint is null or e.id < $2)
            and ($3::text is null or e.entity_type = $3) and ($4::text is null or e.entity_id = $4)
          order by e.id desc limit $5`,
        [q.productId, q.beforeId ?? null, q.entityType ?? null, q.entityId ?? null, q.limit],
      );
      return r.rows;
    },
  };
}
