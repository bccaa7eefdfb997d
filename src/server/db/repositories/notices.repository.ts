import type { NoticeRecord, NoticesRepo } from '#app/reactions/ports.ts';
import type { Queryable } from '#db/pool.ts';

export function noticesRepo(db: Queryable): NoticesRepo {
  return {
    async insertMany(notices) {
      if (notices.length === 0) return 0;
      const r = await db.query(
        `insert into notices (recipient_id, cause_event_id, kind, product_id, actor_id, item_id, comment_id)
         select * from unnest($1::uuid[], $2::bigint[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[])
         on conflict (cause_event_id, recipient_id) do nothing`,
        [
          notices.map((n) => n.recipientId),
          notices.map((n) => n.causeEventId),
          notices.map((n) => n.kind),
          notices.map((n) => n.productId),
          notices.map((n) => n.actorId),
          notices.map((n) => n.itemId),
          notices.map((n) => n.commentId),
        ],
      );
      return r.rowCount ?? 0;
    },
    async listFor(userId, limit) {
      const r = await db.query<NoticeRecord>(
        `select n.id, n.kind, n.cause_event_id as "causeEventId", n.product_id as "productId",
                p.key as "productKey", u.name as "actorName", n.item_id as "itemId",
                case when i.id is null then null else p.key || '-' || i.number end as "itemKey",
                i.title as "itemTitle", left(c.body, 160) as excerpt,
                n.created_at as "createdAt", n.read_at as "readAt"
           from notices n
           join products p on p.id = n.product_id and p.deleted_at is null
           left join users u on u.id = n.actor_id
           left join items i on i.id = n.item_id and i.deleted_at is null
           left join item_comments c on c.id = n.comment_id and c.deleted_at is null
          where n.recipient_id = $1
          order by n.created_at desc, n.id
          limit $2`,
        [userId, limit],
      );
      return r.rows;
    },
    async unreadCount(userId) {
      const r = await db.query<{ n: number }>(
        `select count(*)::int as n from notices n join products p on p.id = n.product_id
          where n.recipient_id = $1 and n.read_at is null and p.deleted_at is null`,
        [userId],
      );
      return r.rows[0]?.n ?? 0;
    },
    async markRead(userId, noticeId) {
      if (!/^[0-9a-f-]{36}$/i.test(noticeId)) return false;
      const r = await db.query(
        `update notices set read_at = coalesce(read_at, now()) where id = $1 and recipient_id = $2`,
        [noticeId, userId],
      );
      return r.rowCount === 1;
    },
  };
}
