import {
  type ItemRecord,
  type ItemsRepo,
  type ItemWritable,
  type MovedRecord,
  type NewItem,
  RankTaken,
} from '#app/items/ports.ts';
import type { Queryable } from '#db/pool.ts';
import { CLOSED_STATUSES } from '#domain/backlog/item-rules.ts';
import { changeWithEvents } from './events.repository.ts';
import { ITEM_COLS, ITEM_FROM } from './items-columns.repository.ts';
import { itemPageJson } from './items-list.repository.ts';

/** API field → column, for inserts and patches. */
const COLUMNS: Record<keyof ItemWritable, string> = {
  type: 'type',
  title: 'title',
  problem: 'problem',
  description: 'description',
  acceptanceCriteria: 'acceptance_criteria',
  category: 'category',
  labels: 'labels',
  assigneeId: 'assignee_id',
  status: 'status',
  businessValue: 'business_value',
  timeCriticality: 'time_criticality',
  riskReduction: 'risk_reduction',
  size: 'size',
  releaseCritical: 'release_critical',
  published: 'published',
  releaseId: 'release_id',
  severity: 'severity',
  waiting: 'waiting',
};

const toParam = (field: keyof ItemWritable, v: unknown) =>
  field === 'acceptanceCriteria' ? JSON.stringify(v) : v;
/** A new item's value of a column: severity and waiting have defaults (issue 13). */
const newValue = (item: NewItem, f: keyof ItemWritable) =>
  f === 'severity' ? (item.severity ?? null) : f === 'waiting' ? (item.waiting ?? false) : item[f];

/** Another item holds the key (the unique index of the order, migration 0104). */
const isRankTaken = (err: unknown) => {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'item_order_rank_idx';
};
/** Another item took the key first (or the two key writes deadlocked): the move retries. */
const isRankClash = (err: unknown) => isRankTaken(err) || (err as { code?: string }).code === '40P01';

/** Runs an insert that writes order keys, naming a taken key instead of passing on the SQL error. */
async function orRankTaken<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isRankTaken(err)) throw new RankTaken();
    throw err;
  }
}

export function itemsRepo(db: Queryable): ItemsRepo {
  const byId = async (id: string, lock = false) => {
    const r = await db.query<ItemRecord>(
      `select ${ITEM_COLS} from ${ITEM_FROM} where i.id = $1 and i.deleted_at is null${lock ? ' for update of i' : ''}`,
      [id],
    );
    return r.rows[0] ?? null;
  };
  return {
    async productOf(itemId) {
      const r = await db.query<{ productId: string }>(
        'select product_id as "productId" from items where id = $1 and deleted_at is null',
        [itemId],
      );
      return r.rows[0]?.productId ?? null;
    },
    byId,
    pageJson: (productId, q, keep) => itemPageJson(db, productId, q, keep),
    async all(productId) {
      const r = await db.query<ItemRecord>(
        `select ${ITEM_COLS} from ${ITEM_FROM}
          where i.product_id = $1 and i.deleted_at is null order by ord.rank`,
        [productId],
      );
      return r.rows;
    },
    async insert(item) {
      const fields = Object.keys(COLUMNS) as Array<keyof ItemWritable>;
      const cols = [...fields.map((f) => COLUMNS[f]), 'product_id', 'number', 'external_id', 'created_by'];
      const values = [
        ...fields.map((f) => toParam(f, newValue(item, f))),
        item.productId,
        item.number,
        item.externalId,
        item.createdBy,
        item.rank,
      ];
      // The item and its order row in one statement.
      const r = await orRankTaken(() =>
        db.query<{ id: string }>(
          `with i as (
             insert into items (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})
             returning id, product_id)
           insert into item_order (item_id, product_id, rank) select id, product_id, $${cols.length + 1} from i
           returning item_id as id`,
          values,
        ),
      );
      return (await byId(r.rows[0]!.id))!;
    },
    async insertMany(items) {
      if (!items.length) return [];
      const fields = Object.keys(COLUMNS) as Array<keyof ItemWritable>;
      const rows = items.map((it) => ({
        ...Object.fromEntries(fields.map((f) => [COLUMNS[f], newValue(it, f)])),
        product_id: it.productId,
        number: it.number,
        external_id: it.externalId,
        created_by: it.createdBy,
      }));
      const cols = [...fields.map((f) => COLUMNS[f]), 'product_id', 'number', 'external_id', 'created_by'];
      // One statement for the whole batch: rows travel as one JSON array, order rows as a text
      // array in the same order (numbers are unique per product, so they pair them up).
      const r = await orRankTaken(() =>
        db.query<{ id: string }>(
          `with i as (
           insert into items (${cols.join(', ')})
           select ${cols.join(', ')} from json_populate_recordset(null::items, $1::json) returning id, product_id, number),
         o as (
           insert into item_order (item_id, product_id, rank)
           select i.id, i.product_id, v.rank from i join unnest($2::int[], $3::text[]) as v(number, rank) using (number)
           returning item_id)
         select i.id from i join unnest($2::int[]) with ordinality as n(number, pos) using (number) order by n.pos`,
          [JSON.stringify(rows), items.map((it) => it.number), items.map((it) => it.rank)],
        ),
      );
      return r.rows.map((x) => x.id);
    },
    async byIds(ids) {
      const r = await db.query<ItemRecord>(
        `select ${ITEM_COLS} from ${ITEM_FROM} where i.id = any($1::uuid[]) and i.deleted_at is null`,
        [ids],
      );
      const byId = new Map(r.rows.map((row) => [row.id, row]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    async update(id, version, patch) {
      const fields = (Object.keys(patch) as Array<keyof ItemWritable>).filter(
        (f) => patch[f] !== undefined && f in COLUMNS,
      );
      const sets = fields.map((f, i) => `${COLUMNS[f]} = $${i + 3}`);
      const r = await db.query(
        `update items set ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
          where id = $1 and version = $2 and deleted_at is null`,
        [id, version, ...fields.map((f) => toParam(f, patch[f]))],
      );
      return r.rowCount ? byId(id) : null;
    },
    async setSegments(id, segmentIds) {
      await db.query('delete from item_segments where item_id = $1 and not (segment_id = any($2::uuid[]))', [
        id,
        segmentIds,
      ]);
      await db.query(
        `insert into item_segments (item_id, segment_id) select $1, unnest($2::uuid[]) on conflict do nothing`,
        [id, segmentIds],
      );
    },
    async softDelete(id, tombstoneRank) {
      await db.query(
        'update items set deleted_at = now(), version = version + 1, updated_at = now() where id = $1',
        [id],
      );
      await db.query('update item_order set rank = $2 where item_id = $1', [id, tombstoneRank]);
    },
    async lastRank(productId) {
      const r = await db.query<{ rank: string }>(
        `select rank from item_order where product_id = $1 and rank < '~' order by rank desc limit 1`,
        [productId],
      );
      return r.rows[0]?.rank ?? null;
    },
    async openSlot(productId) {
      const r = await db.query<{ after: string | null; before: string | null }>(
        // The bottom of the open work, walked up from the end of the order (index on
        // (product_id, rank)): it stops at the first open item, so finished work at the bottom
        // costs a few rows, not a scan of the backlog.
        `with last_open as (
           select o.rank from item_order o join items i on i.id = o.item_id
            where o.product_id = $1 and o.rank < '~' and i.deleted_at is null
              and i.status <> all($2::text[])
            order by o.rank desc limit 1)
         select (select rank from last_open) as after,
                (select n.rank from item_order n
                  where n.product_id = $1 and n.rank < '~'
                    and n.rank > coalesce((select rank from last_open), '')
                  order by n.rank asc limit 1) as before`,
        [productId, CLOSED_STATUSES],
      );
      return r.rows[0] ?? { after: null, before: null };
    },
    async gaps(productId, wanted) {
      // One round trip for the whole batch; each CASE branch is one index probe.
      const r = await db.query<{ anchor: string | null; neighbour: string | null }>(
        `select a.rank as anchor,
                case when a.rank is null then null
                     when v.side = 'after' then
                       (select n.rank from item_order n where n.product_id = $1 and n.rank > a.rank
                           and n.rank < '~' and n.item_id <> v.moving order by n.rank asc limit 1)
                     else
                       (select n.rank from item_order n where n.product_id = $1 and n.rank < a.rank
                           and n.item_id <> v.moving order by n.rank desc limit 1)
                end as neighbour
           from unnest($2::uuid[], $3::text[], $4::uuid[]) with ordinality as v(anchor, side, moving, n)
           left join item_order a on a.item_id = v.anchor and a.product_id = $1 and a.rank < '~'
          order by v.n`,
        [productId, wanted.map((w) => w.anchorId), wanted.map((w) => w.side), wanted.map((w) => w.movingId)],
      );
      return r.rows;
    },
    async moveMany(productId, moves, events) {
      try {
        // One statement, one round trip, for the batch: the keys, the `item.moved` events of the
        // items really moved and the NOTIFY, composed by the events repository.
        return await changeWithEvents<MovedRecord>(
          db,
          {
            with: `v as (select * from unnest($2::uuid[], $3::text[]) as v(id, rank)),
                   ord as (
                     update item_order o set rank = v.rank
                       from v where o.item_id = v.id and o.product_id = $1 and o.rank < '~'
                     returning o.*)`,
            select: `select ord.item_id as id, p.key || '-' || i.number as key, ord.rank, i.version
                       from ord join items i on i.id = ord.item_id join products p on p.id = i.product_id`,
            params: [productId, moves.map((m) => m.id), moves.map((m) => m.rank)],
          },
          events,
        );
      } catch (err) {
        if (isRankClash(err)) return 'clash';
        throw err;
      }
    },
    async setRanks(productId, ranks) {
      if (!ranks.length) return;
      const ids = ranks.map((r) => r.id);
      // Park the rows on unique temporary keys first ('~' sorts after live keys), so no new key
      // collides with an old one another row of the same batch still holds.
      await db.query(
        `update item_order set rank = '~tmp-' || item_id where product_id = $1 and item_id = any($2::uuid[])`,
        [productId, ids],
      );
      await orRankTaken(() =>
        db.query(
          `update item_order o set rank = v.rank
             from unnest($2::uuid[], $3::text[]) as v(id, rank)
            where o.item_id = v.id and o.product_id = $1`,
          [productId, ids, ranks.map((r) => r.rank)],
        ),
      );
    },
    async order(productId) {
      const r = await db.query(
        `select i.id, p.key || '-' || i.number as key, i.title, i.status, ord.rank, i.wsjf
           from ${ITEM_FROM}
          where i.product_id = $1 and i.deleted_at is null order by ord.rank`,
        [productId],
      );
      return r.rows as Awaited<ReturnType<ItemsRepo['order']>>;
    },
    async byExternalIds(productId, externalIds) {
      if (!externalIds.length) return new Map();
      const r = await db.query<ItemRecord>(
        `select ${ITEM_COLS} from ${ITEM_FROM}
          where i.product_id = $1 and i.deleted_at is null
            and (i.external_id = any($2::text[]) or p.key || '-' || i.number = any($2::text[]))`,
        [productId, externalIds],
      );
      const wanted = new Set(externalIds);
      const found = new Map<string, ItemRecord>();
      for (const row of r.rows) if (!row.externalId || !wanted.has(row.externalId)) found.set(row.key, row);
      for (const row of r.rows)
        if (row.externalId && wanted.has(row.externalId)) found.set(row.externalId, row);
      return found;
    },
    async existingSegments(productId, ids) {
      if (!ids.length) return [];
      const r = await db.query<{ id: string }>(
        'select id from segments where product_id = $1 and id = any($2::uuid[])',
        [productId, ids],
      );
      return r.rows.map((x) => x.id);
    },
    async lockProductOrder(productId) {
      // Serialises whole-backlog reorders (rebalance, suggested order) of one product.
      await db.query(`select pg_advisory_xact_lock(hashtextextended('items-order:' || $1, 0))`, [productId]);
    },
    async setHypothesis(id, version, hypothesis) {
      const r = await db.query<{ version: number }>(
        `update items set hypothesis = $3::jsonb, version = version + 1, updated_at = now()
          where id = $1 and version = $2 and deleted_at is null returning version`,
        [id, version, hypothesis === null ? null : JSON.stringify(hypothesis)],
      );
      return r.rows[0]?.version ?? null;
    },
    async setSla(rows) {
      if (!rows.length) return;
      const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((x) => x[k]);
      await db.query(
        `update items i set sla_applies = v.applies, sla_response_due_at = v.response,
                sla_resolution_due_at = v.resolution, sla_paused = v.paused, sla_breach_at = v.breach
           from unnest($1::uuid[], $2::boolean[], $3::timestamptz[], $4::timestamptz[], $5::boolean[],
                       $6::timestamptz[]) as v(id, applies, response, resolution, paused, breach)
          where i.id = v.id`,
        [
          col('itemId'),
          col('applies'),
          col('responseDueAt'),
          col('resolutionDueAt'),
          col('paused'),
          col('breachAt'),
        ],
      );
    },
    async judgeHypothesis(id, j) {
      await db.query(
        `update items set hypothesis_status = $2, hypothesis_suggested = $3, hypothesis_reason = $4,
                hypothesis_judged_by = $5, hypothesis_judged_at = now()
          where id = $1`,
        [id, j.status, j.suggested, j.reason, j.userId],
      );
    },
  };
}
