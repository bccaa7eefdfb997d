import type { CalendarFeedsRepo, CalendarSource } from '#app/calendar/ports.ts';
import type { Queryable } from '#db/pool.ts';
import type { DeadlineFact, ReviewFact, SprintFact, VoteFact } from '#domain/calendar/calendar-feed.ts';
import { ROLES } from '#domain/roles.ts';

export function calendarFeedsRepo(db: Queryable): CalendarFeedsRepo {
  return {
    async replace(userId, tokenHash, at) {
      await db.query(
        `insert into calendar_feeds (user_id, token_hash, created_at) values ($1, $2, $3)
         on conflict (user_id) do update set token_hash = excluded.token_hash,
           created_at = excluded.created_at, last_read_at = null`,
        [userId, tokenHash, at],
      );
    },
    async revoke(userId) {
      return ((await db.query('delete from calendar_feeds where user_id = $1', [userId])).rowCount ?? 0) > 0;
    },
    async ownerOf(tokenHash, at) {
      // Calendars poll every few minutes: the read is stamped at most once a minute.
      const r = await db.query<{ userId: string }>(
        `with feed as (select user_id, last_read_at from calendar_feeds where token_hash = $1),
              stamp as (update calendar_feeds f set last_read_at = $2 from feed
                         where f.token_hash = $1
                           and (feed.last_read_at is null or feed.last_read_at < $2::timestamptz - interval '1 minute'))
         select user_id as "userId" from feed`,
        [tokenHash, at],
      );
      return r.rows[0]?.userId ?? null;
    },
    async status(userId) {
      const r = await db.query<{ createdAt: Date; lastReadAt: Date | null }>(
        `select created_at as "createdAt", last_read_at as "lastReadAt" from calendar_feeds where user_id = $1`,
        [userId],
      );
      return r.rows[0] ?? null;
    },
  };
}

/** The person's live products and their role there, as every fact query starts. */
const MINE = `from product_members m join products p on p.id = m.product_id and p.deleted_at is null`;
const PRODUCT = `p.id as "productId", p.key as "productKey", p.name as "productName", m.role`;

/**
 * The dated things of the feed, one query per kind (see domain/calendar/calendar-feed.ts). A fact's
 * version adds up the versions of every row its event shows (the product's name, a review's
 * sprint), less one each beyond the first, so SEQUENCE starts at 0 and rises with any of them.
 */
export function calendarFactsRepo(
  db: Queryable,
): Record<'sprints' | 'reviews' | 'votes' | 'commentPeriods', CalendarSource> {
  return {
    async sprints(userId, since) {
      const r = await db.query<Omit<SprintFact, 'kind'>>(
        `select s.id, ${PRODUCT}, s.name, s.goal, s.start_date::text as "startDate",
                s.end_date::text as "endDate", s.version + p.version - 1 as version
           ${MINE} join sprints s on s.product_id = p.id
          where m.user_id = $1 and s.end_date >= $2::timestamptz::date
          order by s.start_date, s.id`,
        [userId, since],
      );
      return r.rows.map((row) => ({ kind: 'sprint' as const, ...row }));
    },
    async reviews(userId, since) {
      const r = await db.query<Omit<ReviewFact, 'kind'>>(
        `select cr.id, ${PRODUCT}, s.name as "sprintName", cr.opened_at as "openedAt",
                cr.closes_at as "closesAt", cr.closed_at as "closedAt",
                cr.version + s.version + p.version - 2 as version
           ${MINE} join customer_reviews cr on cr.product_id = p.id join sprints s on s.id = cr.sprint_id
          where m.user_id = $1 and coalesce(cr.closes_at, cr.opened_at) >= $2
          order by cr.opened_at, cr.id`,
        [userId, since],
      );
      return r.rows.map((row) => ({ kind: 'review' as const, ...row }));
    },
    async votes(userId, since) {
      const r = await db.query<Omit<VoteFact, 'kind'>>(
        `select rl.id, ${PRODUCT}, rl.name as "releaseName", rl.vote_closes_at as "closesAt",
                rl.shipped_at as "shippedAt", rl.version + p.version - 1 as version
           ${MINE} join releases rl on rl.product_id = p.id
          where m.user_id = $1 and rl.vote_opened_at is not null and rl.vote_closes_at >= $2
          order by rl.vote_closes_at, rl.id`,
        [userId, since],
      );
      return r.rows.map((row) => ({ kind: 'vote' as const, ...row }));
    },
    /**
     * Working agreements' comment periods (issue 13), for the internal members who may comment. A
     * proposal withdrawn by a newer one before it took effect is sent as cancelled.
     */
    async commentPeriods(userId, since) {
      const r = await db.query<{
        id: string;
        productId: string;
        productKey: string;
        productName: string;
        role: DeadlineFact['role'];
        version: number;
        agreementId: string;
        title: string;
        number: number;
        at: Date;
        withdrawn: boolean;
      }>(
        `select a.id || '-v' || v.number as id, ${PRODUCT}, a.id as "agreementId", a.title, v.number,
                v.comment_until as at, a.version + v.revision + p.version - 2 as version,
                exists (select 1 from agreement_versions n where n.agreement_id = v.agreement_id
                          and n.number > v.number and n.proposed_at < v.effective_from) as withdrawn
           ${MINE} join agreements a on a.product_id = p.id
           join agreement_versions v on v.agreement_id = a.id
          where m.user_id = $1 and v.comment_until is not null and v.comment_until >= $2
          order by v.comment_until, a.id, v.number`,
        [userId, since],
      );
      return r.rows.map(({ agreementId, title, number, withdrawn, ...row }) => ({
        kind: 'deadline' as const,
        ...row,
        source: 'comment-period',
        summary: `Comments close: ${title}, version ${number} (${row.productName})`,
        description: `The comment period of version ${number} of the working agreement “${title}” ends.`,
        cancelled: withdrawn,
        path: `agreements/${agreementId}`,
        audience: ROLES.readers,
      }));
    },
  };
}
