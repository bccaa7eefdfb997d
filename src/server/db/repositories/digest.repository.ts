import type { DigestRepo, HeldMail } from '#app/mail/ports.ts';
import type { Queryable } from '#db/pool.ts';

/** The daily digest: each person's time zone, the mail held for them, and bundling it. */
export function digestRepo(db: Queryable): DigestRepo {
  return {
    async timeZone(userId) {
      const r = await db.query<{ time_zone: string }>(
        'select time_zone from notification_preferences where user_id = $1',
        [userId],
      );
      return r.rows[0]?.time_zone ?? null;
    },
    async setTimeZone(userId, timeZone) {
      await db.query(
        `insert into notification_preferences (user_id, time_zone) values ($1, $2)
         on conflict (user_id) do update set time_zone = excluded.time_zone, updated_at = now()`,
        [userId, timeZone],
      );
    },
    async heldRecipients() {
      // The partial index on held rows (recipient_id, created_at) answers this without the rest.
      const r = await db.query<{ recipientId: string; timeZone: string | null; oldest: Date }>(
        `select h.recipient_id as "recipientId", p.time_zone as "timeZone", h.oldest
           from (select recipient_id, min(created_at) as oldest from mail_deliveries
                  where status = 'held' group by recipient_id) h
           left join notification_preferences p on p.user_id = h.recipient_id
          order by h.oldest`,
      );
      return r.rows;
    },
    async exists(digestKey) {
      const r = await db.query('select 1 from mail_deliveries where key = $1', [digestKey]);
      return (r.rowCount ?? 0) > 0;
    },
    async held(recipientId, before) {
      const r = await db.query<HeldMail>(
        `select id, kind, subject, text, secret_until_sent as secret, created_at as "createdAt"
           from mail_deliveries
          where status = 'held' and recipient_id = $1 and created_at < $2
          order by created_at, id for update skip locked`,
        [recipientId, before],
      );
      return r.rows;
    },
    async bundle(ids, digestKey) {
      await db.query(
        `update mail_deliveries set status = 'bundled',
                bundle_id = (select id from mail_deliveries where key = $2)
          where id = any($1::uuid[]) and status = 'held'`,
        [ids, digestKey],
      );
    },
  };
}
