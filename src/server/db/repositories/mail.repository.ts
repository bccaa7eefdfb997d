import { randomBytes } from 'node:crypto';
import type {
  DeliveryRecord,
  InvitationBatch,
  MailRepo,
  NoticeFacts,
  OutgoingMail,
  Recipient,
} from '#app/mail/ports.ts';
import type { Queryable } from '#db/pool.ts';
import { DEFAULT_MODE, type DeliveryMode, type MailKind } from '#domain/delivery/mail.ts';

/** Words a review invitation keeps once sent: the personal link is gone from the table. */
const REDACTED = '[the personal link was sent and is not kept]';
const LINK = `'(https?://[^\\s"<]*/feedback/)fb_[A-Za-z0-9_-]+'`;
const jobSql = (runAt: string) =>
  `graphile_worker.add_job('mail-send', json_build_object('id', $1::uuid), job_key := 'mail:' || $1,
                           max_attempts := 1000, run_at := ${runAt})`;

const DELIVERY_COLS = `d.id, d.status, d.attempts, d.last_error as "lastError", d.created_at as "createdAt",
  d.sent_at as "sentAt", d.kind, u.email as recipient, d.subject, d.message_id as "messageId", d.interrupted`;

export function mailRepo(db: Queryable): MailRepo {
  return {
    async recipients(userIds) {
      if (userIds.length === 0) return [];
      const r = await db.query<Recipient>(
        'select id, name, email from users where id = any($1::uuid[]) and not disabled',
        [userIds],
      );
      return r.rows;
    },
    async modes(userIds, kind) {
      const r = await db.query<{ user_id: string; mode: DeliveryMode }>(
        'select user_id, mode from notification_settings where kind = $2 and user_id = any($1::uuid[])',
        [userIds, kind],
      );
      const set = new Map(r.rows.map((row) => [row.user_id, row.mode]));
      return new Map(userIds.map((u) => [u, set.get(u) ?? DEFAULT_MODE]));
    },
    async settings(userId) {
      const r = await db.query<{ kind: MailKind; mode: DeliveryMode }>(
        'select kind, mode from notification_settings where user_id = $1',
        [userId],
      );
      return new Map(r.rows.map((row) => [row.kind, row.mode]));
    },
    async setSettings(userId, settings) {
      await db.query(
        `insert into notification_settings (user_id, kind, mode)
         select $1, * from unnest($2::text[], $3::text[])
         on conflict (user_id, kind) do update set mode = excluded.mode, updated_at = now()`,
        [userId, settings.map((s) => s.kind), settings.map((s) => s.mode)],
      );
    },
    async insertMany(mails) {
      if (mails.length === 0) return 0;
      const col = <K extends keyof (typeof mails)[number]>(k: K) => mails.map((m) => m[k]);
      const r = await db.query(
        `insert into mail_deliveries (key, recipient_id, kind, subject, text, html, message_id,
                                      unsubscribe_url, status, secret_until_sent)
         select * from unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
                              $7::text[], $8::text[], $9::text[], $10::boolean[])
         on conflict do nothing`,
        [
          col('key'),
          col('recipientId'),
          col('kind'),
          col('subject'),
          col('text'),
          col('html'),
          col('messageId'),
          col('unsubscribeUrl'),
          col('status'),
          col('secret'),
        ],
      );
      return r.rowCount ?? 0;
    },
    async noticeFacts(causeKeys, recipientIds) {
      const r = await db.query<NoticeFacts>(
        `select n.recipient_id as "recipientId", n.cause_key as "causeKey", n.kind,
                p.key as "productKey", p.name as "productName", n.item_id as "itemId",
                p.key || '-' || i.number as "itemKey", i.title as "itemTitle", a.name as "actorName", n.title, n.body,
                left(c.body, 280) as excerpt, n.agreement_id as "agreementId"
           from notices n
           join products p on p.id = n.product_id
           left join items i on i.id = n.item_id and i.deleted_at is null
           left join users a on a.id = n.actor_id
           left join item_comments c on c.id = n.comment_id
          where n.cause_key = any($1::text[]) and n.recipient_id = any($2::uuid[])`,
        [causeKeys, recipientIds],
      );
      return r.rows;
    },
    async claim(id) {
      const r = await db.query<OutgoingMail>(
        `with prev as (select id, in_flight from mail_deliveries where id = $1 and status = 'pending' for update)
         update mail_deliveries d
            set attempts = d.attempts + 1, in_flight = true, last_attempt_at = now(),
                interrupted = d.interrupted + prev.in_flight::int
           from users u, prev
          where d.id = prev.id and u.id = d.recipient_id
          returning d.id, d.kind, u.email as "to", u.name as "toName", d.subject, d.text, d.html,
                    d.message_id as "messageId", d.unsubscribe_url as "unsubscribeUrl", d.attempts,
                    prev.in_flight as interrupted`,
        [id],
      );
      return r.rows[0] ?? null;
    },
    async markSent(id) {
      await db.query(
        `update mail_deliveries
            set status = 'sent', sent_at = now(), in_flight = false, last_error = null,
                text = case when secret_until_sent then regexp_replace(text, ${LINK}, '\\1${REDACTED}', 'g') else text end,
                html = case when secret_until_sent then regexp_replace(html, ${LINK}, '\\1${REDACTED}', 'g') else html end
          where id = $1`,
        [id],
      );
    },
    async markFailed(id, error) {
      await db.query(
        `update mail_deliveries set status = 'failed', in_flight = false, last_error = $2 where id = $1`,
        [id, error.slice(0, 1000)],
      );
    },
    async retryLater(id, error, delayMs) {
      await db.query(
        `with d as (update mail_deliveries set in_flight = false, last_error = $2 where id = $1 returning id)
         select ${jobSql('now() + make_interval(secs => $3::float8 / 1000)')} from d`,
        [id, error.slice(0, 1000), delayMs],
      );
    },
    async resend(id) {
      const r = await db.query<{ status: string; redacted: boolean; subject: string }>(
        `select status, subject, (secret_until_sent and status = 'sent') as redacted
           from mail_deliveries where id = $1 for update`,
        [id],
      );
      const row = r.rows[0];
      if (!row || !['sent', 'failed'].includes(row.status)) return { outcome: 'missing', subject: '' };
      if (row.redacted) return { outcome: 'redacted', subject: row.subject };
      await db.query(
        `with d as (update mail_deliveries set status = 'pending', attempts = 0, in_flight = false,
                       last_error = null, sent_at = null where id = $1 returning id)
         select ${jobSql('now()')} from d`,
        [id],
      );
      return { outcome: 'queued', subject: row.subject };
    },
    async list(q) {
      const r = await db.query<DeliveryRecord>(
        `select ${DELIVERY_COLS} from mail_deliveries d join users u on u.id = d.recipient_id
          where ($1::text is null or d.status = $1) order by d.created_at desc, d.id limit $2`,
        [q.status ?? null, q.limit],
      );
      return r.rows;
    },
    async counts() {
      const r = await db.query<{ pending: number; held: number; failed: number; sent: number }>(
        `select count(*) filter (where status = 'pending')::int as pending,
                count(*) filter (where status = 'held')::int as held,
                count(*) filter (where status = 'failed')::int as failed,
                count(*) filter (where status = 'sent')::int as sent
           from mail_deliveries`,
      );
      return r.rows[0]!;
    },
    async signingKey() {
      // Read first: the key exists after the first mail, and a read takes no lock.
      const r = await db.query<{ secret: Buffer }>(
        `with made as (insert into mail_signing_key (id, secret)
                       select 1, $1 where not exists (select 1 from mail_signing_key) on conflict do nothing
                       returning secret)
         select secret from made union all select secret from mail_signing_key limit 1`,
        [randomBytes(32)],
      );
      return r.rows[0]!.secret;
    },
    async workFacts(productId, actorId) {
      const r = await db.query<{ productKey: string; productName: string; actorName: string | null }>(
        `select p.key as "productKey", p.name as "productName",
                (select name from users where id = $2::uuid) as "actorName"
           from products p where p.id = $1`,
        [productId, actorId],
      );
      return r.rows[0] ?? null;
    },
    async itemName(itemId) {
      const r = await db.query<{ key: string; title: string }>(
        `select p.key || '-' || i.number as key, i.title from items i join products p on p.id = i.product_id
          where i.id = $1`,
        [itemId],
      );
      return r.rows[0] ?? null;
    },
    async insertInvitationBatch(b) {
      await db.query(
        'insert into invitation_mail_batches (review_id, expires_at, user_ids, tokens) values ($1, $2, $3, $4)',
        [b.reviewId, b.expiresAt, b.userIds, b.tokens],
      );
    },
    async takeInvitationBatches(reviewId) {
      const r = await db.query<InvitationBatch>(
        `delete from invitation_mail_batches where review_id = $1
         returning review_id as "reviewId", expires_at as "expiresAt", user_ids as "userIds", tokens`,
        [reviewId],
      );
      return r.rows;
    },
    async liveLinks(reviewId, hashes) {
      const r = await db.query<{ h: string }>(
        'select token_hash as h from review_invitations where review_id = $1 and token_hash = any($2::text[])',
        [reviewId, hashes],
      );
      return new Set(r.rows.map((x) => x.h));
    },
    async reviewFacts(reviewId, actorId) {
      const r = await db.query<{
        productName: string;
        sprintName: string;
        closesAt: Date | null;
        actorName: string | null;
      }>(
        `select p.name as "productName", s.name as "sprintName", cr.closes_at as "closesAt",
                (select name from users where id = $2::uuid) as "actorName"
           from customer_reviews cr join products p on p.id = cr.product_id join sprints s on s.id = cr.sprint_id
          where cr.id = $1`,
        [reviewId, actorId],
      );
      return r.rows[0] ?? null;
    },
    async sprintName(sprintId) {
      const r = await db.query<{ name: string; goal: string }>(
        'select name, goal from sprints where id = $1',
        [sprintId],
      );
      return r.rows[0] ?? null;
    },
  };
}
