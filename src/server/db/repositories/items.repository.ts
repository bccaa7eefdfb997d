import type { ItemRecord, ItemsRepo, ItemWritable } from '../../app/items/ports.ts';
import type { Queryable } from '../pool.ts';
import { ITEM_COLS } from './items-columns.repository.ts';
import { itemPage, itemPageJson } from './items-list.repository.ts';

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
};

const toParam = (field: keyof ItemWritable, v: unknown) =>
  field === 'acceptanceCriteria' ? JSON.stringify(v) : v;

/** Another item took the key first (or the two key writes deadlocked): the move retries. */
const isRankClash = (err: unknown) => {
  const e = err as { code?: string; constraint?: string };
  return (e.code === '23505' && e.constraint === 'items_rank_idx') || e.code === '40P01';
};

export function itemsRepo(db: Queryable): ItemsRepo {
  const byId = async (id: string) => {
    const r = await db.query<ItemRecord>(
      `select ${ITEM_COLS} from items i join products p on p.id = i.product_id where i.id = $1 and i.deleted_at is null`,
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
    async byIds(productId, ids) {
      const r = await db.query<ItemRecord>(
        `select ${ITEM_COLS} from items i join products p on p.id = i.product_id
          where i.product_id = $1 and i.id = any($2::uuid[]) and i.deleted_at is null order by i.rank`,
        [productId, ids],
      );
      return r.rows;
    },
    page: (productId, q) => itemPage(db, productId, q),
    pageJson: (productId, q, keep) => itemPageJson(db, productId, q, keep),
    async all(productId) {
      const r = await db.query<ItemRecord>(
        `select ${ITEM_COLS} from items i join products p on p.id = i.product_id
          where i.product_id = $1 and i.deleted_at is null order by i.rank`,
        [productId],
      );
      return r.rows;
    },
    async insert(item) {
      const fields = Object.keys(COLUMNS) as Array<keyof ItemWritable>;
      const cols = [
        ...fields.map((f) => COLUMNS[f]),
        'product_id',
        'number',
        'rank',
        'external_id',
        'created_by',
      ];
      const values = [
        ...fields.map((f) => toParam(f, item[f])),
        item.productId,
        item.number,
        item.rank,
        item.externalId,
        item.createdBy,
      ];
      const r = await db.query<{ id: string }>(
        `insert into items (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
        values,
      );
      return (await byId(r.rows[0]!.id))!;
    },
    async insertMany(items) {
      if (!items.length) return [];
      const fields = Object.keys(COLUMNS) as Array<keyof ItemWritable>;
      const rows = items.map((it) => ({
        ...Object.fromEntries(fields.map((f) => [COLUMNS[f], it[f]])),
        product_id: it.productId,
        number: it.number,
        rank: it.rank,
        external_id: it.externalId,
        created_by: it.createdBy,
      }));
      const cols = [
        ...fields.map((f) => COLUMNS[f]),
        'product_id',
        'number',
        'rank',
        'external_id',
        'created_by',
      ];
      // One statement for the whole batch: rows travel as one JSON array.
      const r = await db.query<{ id: string }>(
        `insert into items (${cols.join(', ')})
         select ${cols.join(', ')} from json_populate_recordset(null::items, $1::json) returning id`,
        [JSON.stringify(rows)],
      );
      return r.rows.map((x) => x.id);
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
        'update items set deleted_at = now(), rank = $2, version = version + 1, updated_at = now() where id = $1',
        [id, tombstoneRank],
      );
    },
    async lastRank(productId) {
      const r = await db.query<{ rank: string }>(
        `select rank from items where product_id = $1 and rank < '~' order by rank desc limit 1`,
        [productId],
      );
      return r.rows[0]?.rank ?? null;
    },
    async gap(productId, anchorId, side, movingId) {
      // One round trip: the anchor's key and the nearest live key on the wanted side of it.
      const cmp = side === 'after' ? '>' : '<';
      const dir = side === 'after' ? 'asc' : 'desc';
      const r = await db.query<{ anchor: string; neighbour: string | null }>(
        `select a.rank as anchor,
                (select n.rank from items n where n.product_id = a.product_id and n.rank ${cmp} a.rank
                    and n.rank < '~' and n.id <> $3 order by n.rank ${dir} limit 1) as neighbour
           from items a where a.id = $2 and a.product_id = $1 and a.deleted_at is null`,
        [productId, anchorId, movingId],
      );
      return r.rows[0] ?? null;
    },
    async moveTo(productId, id, rank, event) {
      try {
        // Same event row and wake-up as events.repository's append, folded into the update.
        const r = await db.query<ItemRecord>(
          `with i as (
             update items set rank = $3, version = version + 1, updated_at = now()
              where id = $2 and product_id = $1 and deleted_at is null returning *),
           ev as (
             insert into events (product_id, actor_id, entity_type, entity_id, type, after)
             select $1, $4, 'item', i.id::text, 'item.moved', $5::jsonb from i)
           select ${ITEM_COLS}, pg_notify('tandem_events', $1::text)::text as notified
             from i join products p on p.id = i.product_id`,
          [productId, id, rank, event.actorId, JSON.stringify(event.after)],
        );
        return r.rows[0] ?? null;
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
        `update items set rank = '~tmp-' || id where product_id = $1 and id = any($2::uuid[]) and deleted_at is null`,
        [productId, ids],
      );
      await db.query(
        `update items i set rank = v.rank, version = i.version + 1, updated_at = now()
           from unnest($2::uuid[], $3::text[]) as v(id, rank)
          where i.id = v.id and i.product_id = $1 and i.deleted_at is null`,
        [productId, ids, ranks.map((r) => r.rank)],
      );
    },
    async order(productId) {
      const r = await db.query(
        `select i.id, p.key || '-' || i.number as key, i.title, i.status, i.rank, i.wsjf
           from items i join products p on p.id = i.product_id
          where i.product_id = $1 and i.deleted_at is null order by i.rank`,
        [productId],
      );
      return r.rows as Awaited<ReturnType<ItemsRepo['order']>>;
    },
    async byExternalIds(productId, externalIds) {
      if (!externalIds.length) return new Map();
      const r = await db.query<ItemRecord>(
        `select ${ITEM_COLS} from items i join products p on p.id = i.product_id
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
  };
}
