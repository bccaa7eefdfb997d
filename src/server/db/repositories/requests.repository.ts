import type { RequestFilter, RequestRecord, RequestsRepo } from '#app/requests/ports.ts';
import type { Queryable } from '#db/pool.ts';

/** Request columns as RequestRecord; `q` is requests; $2 is the reader (for supportedByMe). */
const COLS = `q.id, q.product_id as "productId", q.title, q.problem, q.segment_id as "segmentId", q.status,
  q.item_id as "itemId",
  (select p.key || '-' || i.number from items i join products p on p.id = i.product_id
    where i.id = q.item_id and i.deleted_at is null) as "itemKey",
  q.decline_reason as "declineReason", q.published, q.requester_id as "requesterId", q.supporters,
  exists (select 1 from request_supporters s where s.request_id = q.id and s.user_id = $2::uuid) as "supportedByMe",
  q.version, q.created_at as "createdAt"`;

const SORTS: Record<RequestFilter['sort'], string> = {
  newest: 'q.created_at desc, q.id',
  oldest: 'q.created_at asc, q.id',
  supporters: 'q.supporters desc, q.created_at asc, q.id',
};

const UPDATABLE = {
  title: 'title',
  problem: 'problem',
  segmentId: 'segment_id',
  published: 'published',
  status: 'status',
  itemId: 'item_id',
  declineReason: 'decline_reason',
} as const;

export function requestsRepo(db: Queryable): RequestsRepo {
  return {
    async productOf(requestId) {
      const r = await db.query<{ p: string }>('select product_id as p from requests where id = $1', [
        requestId,
      ]);
      return r.rows[0]?.p ?? null;
    },
    async get(requestId, readerId, lock = false) {
      const r = await db.query<RequestRecord>(
        `select ${COLS} from requests q where q.id = $1${lock ? ' for update of q' : ''}`,
        [requestId, readerId],
      );
      return r.rows[0] ?? null;
    },
    async list(productId, readerId, f) {
      const where = ['q.product_id = $1'];
      const params: unknown[] = [productId, readerId];
      const p = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      if (f.status) where.push(`q.status = ${p(f.status)}`);
      if (f.segmentId) where.push(`q.segment_id = ${p(f.segmentId)}`);
      if (f.itemId) where.push(`q.item_id = ${p(f.itemId)}`);
      if (f.requesterId) where.push(`q.requester_id = ${p(f.requesterId)}`);
      if (f.visibleTo) where.push(`(q.published or q.requester_id = ${p(f.visibleTo)})`);
      const r = await db.query<RequestRecord>(
        `select ${COLS} from requests q where ${where.join(' and ')} order by ${SORTS[f.sort]} limit 500`,
        params,
      );
      return r.rows;
    },
    async insert(q) {
      // The requester is the first who asked: their row in request_supporters makes a later +1 of
      // their own a no-op, and the count starts at one.
      const r = await db.query<{ id: string }>(
        `with q as (
           insert into requests (product_id, title, problem, segment_id, requester_id, supporters)
           values ($1, $2, $3, $4, $5, 1) returning id)
         insert into request_supporters (request_id, user_id) select id, $5 from q returning request_id as id`,
        [q.productId, q.title, q.problem, q.segmentId, q.requesterId],
      );
      return r.rows[0]!.id;
    },
    async update(requestId, version, patch) {
      const sets: string[] = [];
      const params: unknown[] = [requestId, version];
      for (const [k, col] of Object.entries(UPDATABLE)) {
        const v = patch[k as keyof typeof UPDATABLE];
        if (v === undefined) continue;
        params.push(v);
        sets.push(`${col} = $${params.length}`);
      }
      const r = await db.query(
        `update requests set ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
          where id = $1 and version = $2`,
        params,
      );
      return (r.rowCount ?? 0) > 0;
    },
    async markShipped(requestIds) {
      if (requestIds.length === 0) return;
      await db.query(
        `update requests set status = 'shipped', version = version + 1, updated_at = now()
          where id = any($1::uuid[])`,
        [[...requestIds]],
      );
    },
    async support(requestId, userId) {
      // The primary key keeps one row per person: a parallel second call waits for the first and
      // then inserts nothing, so the count moves once.
      const ins = await db.query(
        'insert into request_supporters (request_id, user_id) values ($1, $2) on conflict do nothing',
        [requestId, userId],
      );
      const added = (ins.rowCount ?? 0) > 0;
      const r = added
        ? await db.query<{ supporters: number }>(
            'update requests set supporters = supporters + 1 where id = $1 returning supporters',
            [requestId],
          )
        : await db.query<{ supporters: number }>('select supporters from requests where id = $1', [
            requestId,
          ]);
      return { added, supporters: r.rows[0]?.supporters ?? 0 };
    },
    async segmentsOf(productId, userId) {
      const r = await db.query<{ id: string }>(
        'select segment_id as id from member_segments where product_id = $1 and user_id = $2',
        [productId, userId],
      );
      return r.rows.map((x) => x.id);
    },
    async askersBySegment(itemId) {
      const r = await db.query<{
        segmentId: string | null;
        name: string | null;
        people: number;
        total: number;
      }>(
        `with people as (
           select distinct s.user_id, q.product_id from requests q
             join request_supporters s on s.request_id = q.id
            where q.item_id = $1)
         select ms.segment_id as "segmentId", g.name, count(*)::int as people,
                (select count(*) from people)::int as total
           from people pe
           left join member_segments ms on ms.product_id = pe.product_id and ms.user_id = pe.user_id
           left join segments g on g.id = ms.segment_id
          group by ms.segment_id, g.name
          order by count(*) desc, g.name nulls last`,
        [itemId],
      );
      return {
        total: r.rows[0]?.total ?? 0,
        bySegment: r.rows.map((x) => ({
          segmentId: x.segmentId,
          name: x.name ?? 'No segment',
          people: x.people,
        })),
      };
    },
  };
}
