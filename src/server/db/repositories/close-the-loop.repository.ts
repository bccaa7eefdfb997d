import type { LinkedRequest, LoopRepo, ShippedItem } from '#app/notifications/ports.ts';
import type { Queryable } from '#db/pool.ts';

const REQUEST_COLUMNS = `r.id, r.product_id as "productId", r.title, r.status, r.requester_id as "requesterId",
  r.item_id as "itemId", r.decline_reason as "declineReason"`;

export function loopRepo(db: Queryable): LoopRepo {
  return {
    async item(itemId) {
      const r = await db.query<ShippedItem>(
        `select i.id, i.product_id as "productId", p.key || '-' || i.number as key, i.title, i.published,
                i.status = 'accepted' as accepted,
                (select nullif(ri.what_changed, '') from review_increments ri
                   join customer_reviews cr on cr.id = ri.review_id
                  where ri.item_id = i.id and ri.what_changed <> ''
                  order by cr.opened_at desc limit 1) as "whatChanged"
           from items i join products p on p.id = i.product_id
          where i.id = $1 and i.deleted_at is null and p.deleted_at is null`,
        [itemId],
      );
      return r.rows[0] ?? null;
    },
    async audienceOf(itemId) {
      const r = await db.query<{ userId: string }>(
        `with item as (select id, product_id from items where id = $1),
         asked as (
           select q.requester_id as user_id from requests q, item
            where q.item_id = item.id and q.status <> 'declined' and q.requester_id is not null
           union
           select s.user_id from request_supporters s join requests q on q.id = s.request_id, item
            where q.item_id = item.id and q.status <> 'declined'
           union
           select v.user_id from release_votes v, item where v.item_id = item.id
           union
           select a.user_id from review_answers a, item where a.item_id = item.id and a.mood = 'sad'
         )
         select a.user_id as "userId" from asked a, item
           join product_members m on m.product_id = item.product_id
          where m.user_id = a.user_id
          order by a.user_id`,
        [itemId],
      );
      return r.rows.map((x) => x.userId);
    },
    async unshippedRequestsOf(itemId) {
      const r = await db.query<LinkedRequest>(
        `select ${REQUEST_COLUMNS} from requests r
          where r.item_id = $1 and r.status in ('open', 'planned') order by r.created_at, r.id for update`,
        [itemId],
      );
      return r.rows;
    },
    async request(requestId) {
      const r = await db.query<LinkedRequest>(`select ${REQUEST_COLUMNS} from requests r where r.id = $1`, [
        requestId,
      ]);
      return r.rows[0] ?? null;
    },
    async isMember(productId, userId) {
      const r = await db.query('select 1 from product_members where product_id = $1 and user_id = $2', [
        productId,
        userId,
      ]);
      return (r.rowCount ?? 0) > 0;
    },
  };
}
