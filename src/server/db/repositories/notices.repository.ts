import type { NoticeRecord, NoticesRepo, NotificationRecord } from '#app/reactions/ports.ts';
import type { Queryable } from '#db/pool.ts';
import { ROLES } from '#domain/roles.ts';

/** A mention quotes an internal comment: listed and counted only while its recipient reads internal work. */
const VISIBLE = `(n.kind not in ('mention', 'agreement') or exists (
  select 1 from product_members m where m.product_id = n.product_id and m.user_id = n.recipient_id
     and m.role in (${ROLES.readers.map((r) => `'${r}'`).join(', ')})))`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function noticesRepo(db: Queryable): NoticesRepo {
  return {
    async insertMany(notices) {
      if (notices.length === 0) return 0;
      const r = await db.query(
        `insert into notices (recipient_id, cause_event_id, cause_key, kind, product_id, actor_id,
                              item_id, comment_id, request_id, title, body, agreement_id)
         select * from unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::uuid[], $6::uuid[],
                              $7::uuid[], $8::uuid[], $9::uuid[], $10::text[], $11::text[], $12::uuid[])
         on conflict (cause_key, recipient_id) do nothing`,
        [
          notices.map((n) => n.recipientId),
          notices.map((n) => n.causeEventId),
          notices.map((n) => n.causeKey),
          notices.map((n) => n.kind),
          notices.map((n) => n.productId),
          notices.map((n) => n.actorId),
          notices.map((n) => n.itemId),
          notices.map((n) => n.commentId),
          notices.map((n) => n.requestId ?? null),
          notices.map((n) => n.title ?? null),
          notices.map((n) => n.body ?? null),
          notices.map((n) => n.agreementId ?? null),
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
          where n.recipient_id = $1 and n.kind = 'mention' and ${VISIBLE}
          order by n.created_at desc, n.id
          limit $2`,
        [userId, limit],
      );
      return r.rows;
    },
    async unreadCount(userId, kinds) {
      const r = await db.query<{ n: number }>(
        `select count(*)::int as n from notices n join products p on p.id = n.product_id
          where n.recipient_id = $1 and n.read_at is null and p.deleted_at is null
            and ($2::text[] is null or n.kind = any($2)) and ${VISIBLE}`,
        [userId, kinds ? [...kinds] : null],
      );
      return r.rows[0]?.n ?? 0;
    },
    async markRead(userId, noticeId) {
      if (!UUID.test(noticeId)) return false;
      const r = await db.query(
        `update notices set read_at = coalesce(read_at, now()) where id = $1 and recipient_id = $2`,
        [noticeId, userId],
      );
      return r.rowCount === 1;
    },
    async listAll(userId, page) {
      const r = await db.query<NotificationRecord>(
        `select n.id, n.kind, n.product_id as "productId", p.key as "productKey", u.name as "actorName",
                n.item_id as "itemId",
                case when i.id is null then null else p.key || '-' || i.number end as "itemKey",
                i.title as "itemTitle", n.request_id as "requestId", n.agreement_id as "agreementId", n.title, n.body,
                left(c.body, 160) as excerpt, n.created_at as "createdAt", n.read_at as "readAt"
           from notices n
           join products p on p.id = n.product_id and p.deleted_at is null
           left join users u on u.id = n.actor_id
           left join items i on i.id = n.item_id and i.deleted_at is null
           left join item_comments c on c.id = n.comment_id and c.deleted_at is null
          where n.recipient_id = $1
            and ${VISIBLE}
          order by (n.read_at is null) desc, n.created_at desc, n.id
          limit $2 offset $3`,
        [userId, page.limit, page.offset],
      );
      return r.rows;
    },
    async count(userId) {
      const r = await db.query<{ n: number }>(
        `select count(*)::int as n from notices n join products p on p.id = n.product_id
          where n.recipient_id = $1 and p.deleted_at is null and ${VISIBLE}`,
        [userId],
      );
      return r.rows[0]?.n ?? 0;
    },
    async markManyRead(userId, ids) {
      const valid = [...new Set(ids.filter((id) => UUID.test(id)))];
      if (valid.length === 0) return 0;
      // Someone else's ids match no row: ignored, and nothing says they exist.
      const r = await db.query(
        `update notices set read_at = now()
          where id = any($1::uuid[]) and recipient_id = $2 and read_at is null`,
        [valid, userId],
      );
      return r.rowCount ?? 0;
    },
  };
}
