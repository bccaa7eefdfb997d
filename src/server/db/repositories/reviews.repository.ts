import type {
  AnswerRecord,
  CommentRow,
  InvitationRecord,
  ItemFeedbackRow,
  ResultsRows,
  ReviewRecord,
  ReviewsRepo,
  SegmentCountsRow,
  TrendRow,
} from '#app/reviews/ports.ts';
import type { Queryable } from '#db/pool.ts';

const COUNTS = `count(a.mood) filter (where a.mood = 'happy')::int as happy,
  count(a.mood) filter (where a.mood = 'neutral')::int as neutral,
  count(a.mood) filter (where a.mood = 'sad')::int as sad,
  avg(a.rating)::float8 as "ratingAvg", count(a.mood)::int as responses`;

const REVIEW_COLS = `r.id, r.product_id as "productId", r.sprint_id as "sprintId", s.name as "sprintName",
  r.state, r.closes_at as "closesAt", r.opened_at as "openedAt", r.closed_at as "closedAt", r.version,
  (select count(*)::int from review_invitations v where v.review_id = r.id) as invited,
  (select count(distinct x.user_id)::int from review_answers x where x.review_id = r.id) as answered,
  coalesce((select json_agg(json_build_object('itemId', ri.item_id, 'key', p.key || '-' || i.number,
      'title', i.title, 'whatChanged', ri.what_changed) order by ri.position)
    from review_increments ri join items i on i.id = ri.item_id join products p on p.id = i.product_id
   where ri.review_id = r.id), '[]') as increments`;

const ANSWER_COLS = `item_id as "itemId", mood, rating, comment, changes, answered_at as "answeredAt"`;

/** Segment ids of a respondent, read now (answers snapshot nothing). */
const SEGMENT_IDS = `coalesce((select array_agg(ms.segment_id order by ms.segment_id) from member_segments ms
   where ms.product_id = $2 and ms.user_id = a.user_id), '{}')::text[]`;

export function reviewsRepo(db: Queryable): ReviewsRepo {
  return {
    async productOf(reviewId) {
      const r = await db.query<{ p: string }>('select product_id as p from customer_reviews where id = $1', [
        reviewId,
      ]);
      return r.rows[0]?.p ?? null;
    },
    async get(reviewId, lock) {
      const r = await db.query<ReviewRecord>(
        `select ${REVIEW_COLS} from customer_reviews r join sprints s on s.id = r.sprint_id
          where r.id = $1${lock ? ' for update of r' : ''}`,
        [reviewId],
      );
      return r.rows[0] ?? null;
    },
    async head(reviewId) {
      const r = await db.query<Pick<ReviewRecord, 'id' | 'productId' | 'state' | 'closesAt' | 'closedAt'>>(
        `select id, product_id as "productId", state, closes_at as "closesAt", closed_at as "closedAt"
           from customer_reviews where id = $1`,
        [reviewId],
      );
      return r.rows[0] ?? null;
    },
    async list(productId) {
      const r = await db.query<ReviewRecord>(
        `select ${REVIEW_COLS} from customer_reviews r join sprints s on s.id = r.sprint_id
          where r.product_id = $1 order by r.opened_at desc`,
        [productId],
      );
      return r.rows;
    },
    async sprint(sprintId) {
      const r = await db.query<{ productId: string; name: string; state: string; reviewId: string | null }>(
        `select s.product_id as "productId", s.name, s.state,
           (select id from customer_reviews where sprint_id = s.id) as "reviewId"
           from sprints s where s.id = $1`,
        [sprintId],
      );
      return r.rows[0] ?? null;
    },
    async acceptedItems(sprintId, only) {
      const r = await db.query<{ id: string }>(
        `select si.item_id as id from sprint_items si join items i on i.id = si.item_id
           join item_order o on o.item_id = i.id
          where si.sprint_id = $1 and si.review = 'accepted' and i.deleted_at is null
            and ($2::uuid[] is null or si.item_id = any($2))
          order by o.rank`,
        [sprintId, only ?? null],
      );
      return r.rows.map((x) => x.id);
    },
    async insert(rv, increments) {
      const r = await db.query<{ id: string }>(
        `insert into customer_reviews (product_id, sprint_id, closes_at, opened_by) values ($1, $2, $3, $4)
         returning id`,
        [rv.productId, rv.sprintId, rv.closesAt, rv.openedBy],
      );
      const id = r.rows[0]!.id;
      await db.query(
        `insert into review_increments (review_id, item_id, position, what_changed)
         select $1, x.item_id, x.n, x.what from unnest($2::uuid[], $3::text[]) with ordinality as x(item_id, what, n)`,
        [id, increments.map((i) => i.itemId), increments.map((i) => i.whatChanged)],
      );
      return id;
    },
    async setWhatChanged(reviewId, itemId, whatChanged) {
      const r = await db.query(
        'update review_increments set what_changed = $3 where review_id = $1 and item_id = $2',
        [reviewId, itemId, whatChanged],
      );
      if (r.rowCount === 0) return false;
      await db.query('update customer_reviews set version = version + 1 where id = $1', [reviewId]);
      return true;
    },
    async close(reviewId) {
      await db.query(
        `update customer_reviews set state = 'closed', closed_at = now(), version = version + 1 where id = $1`,
        [reviewId],
      );
    },
    async stakeholders(productId, f) {
      const r = await db.query<{ userId: string; name: string }>(
        `select m.user_id as "userId", u.name from product_members m join users u on u.id = m.user_id
          where m.product_id = $1 and m.role = 'stakeholder'
            and (($2::uuid[] is null and $3::uuid[] is null)
              or m.user_id = any($2)
              or exists (select 1 from member_segments ms where ms.product_id = $1
                          and ms.user_id = m.user_id and ms.segment_id = any($3)))
          order by u.name, m.user_id`,
        [productId, f.userIds ?? null, f.segmentIds ?? null],
      );
      return r.rows;
    },
    async upsertInvitations(reviewId, rows) {
      if (rows.length === 0) return;
      await db.query(
        `insert into review_invitations (review_id, user_id, token_hash, expires_at)
         select $1, x.u, x.h, x.e from unnest($2::uuid[], $3::text[], $4::timestamptz[]) as x(u, h, e)
         on conflict (review_id, user_id) do update
           set token_hash = excluded.token_hash, expires_at = excluded.expires_at, created_at = now()`,
        [reviewId, rows.map((x) => x.userId), rows.map((x) => x.tokenHash), rows.map((x) => x.expiresAt)],
      );
    },
    async invitationsByHash(lookups) {
      if (lookups.length === 0) return [];
      const r = await db.query<InvitationRecord & { hasItem: boolean; n: number }>(
        `select x.n::int as n, v.review_id as "reviewId", v.user_id as "userId", v.expires_at as "expiresAt",
                r.product_id as "productId", p.name as "productName", s.name as "sprintName",
                u.name as "userName", r.state, r.closes_at as "closesAt",
                exists (select 1 from product_members m where m.product_id = r.product_id
                         and m.user_id = v.user_id and m.role = 'stakeholder') as stakeholder,
                exists (select 1 from review_increments ri where ri.review_id = v.review_id
                         and ri.item_id = x.item_id) as "hasItem"
           from unnest($1::text[], $2::uuid[]) with ordinality as x(hash, item_id, n)
           join review_invitations v on v.token_hash = x.hash
           join customer_reviews r on r.id = v.review_id
           join products p on p.id = r.product_id and p.deleted_at is null
           join sprints s on s.id = r.sprint_id join users u on u.id = v.user_id`,
        [lookups.map((l) => l.tokenHash), lookups.map((l) => l.itemId ?? null)],
      );
      const out: Array<(InvitationRecord & { hasItem: boolean }) | null> = lookups.map(() => null);
      for (const { n, ...row } of r.rows) out[n - 1] = row;
      return out;
    },
    async userName(userId) {
      const r = await db.query<{ name: string }>('select name from users where id = $1', [userId]);
      return r.rows[0]?.name ?? '';
    },
    async answersOf(reviewId, userId) {
      const r = await db.query<AnswerRecord>(
        `select ${ANSWER_COLS} from review_answers where review_id = $1 and user_id = $2`,
        [reviewId, userId],
      );
      return r.rows;
    },
    async hasIncrement(reviewId, itemId) {
      const r = await db.query('select 1 from review_increments where review_id = $1 and item_id = $2', [
        reviewId,
        itemId,
      ]);
      return (r.rowCount ?? 0) > 0;
    },
    async upsertAnswers(answers) {
      if (answers.length === 0) return [];
      // `changes` counts real changes only; the row stays one per person, so it counts once.
      const same = `(t.mood, t.rating, t.comment) is not distinct from (excluded.mood, excluded.rating, excluded.comment)`;
      const r = await db.query<AnswerRecord & { n: number; inserted: boolean; changed: boolean }>(
        `with input as (
           select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::text[])
             with ordinality as x(review_id, item_id, user_id, mood, rating, comment, n)),
         prev as (
           select a.review_id, a.item_id, a.user_id, a.mood, a.rating, a.comment from review_answers a
             join input i on i.review_id = a.review_id and i.item_id = a.item_id and i.user_id = a.user_id),
         up as (
           insert into review_answers as t (review_id, item_id, user_id, mood, rating, comment)
           select review_id, item_id, user_id, mood, rating, comment from input
           on conflict (review_id, item_id, user_id) do update
             set mood = excluded.mood, rating = excluded.rating, comment = excluded.comment,
                 changes = t.changes + case when ${same} then 0 else 1 end,
                 answered_at = case when ${same} then t.answered_at else now() end
           returning t.review_id, t.item_id, t.user_id, t.mood, t.rating, t.comment, t.changes, t.answered_at,
                     (t.xmax = 0) as inserted)
         select i.n::int as n, up.item_id as "itemId", up.mood, up.rating, up.comment, up.changes,
                up.answered_at as "answeredAt", up.inserted,
                (p.review_id is null or (p.mood, p.rating, p.comment)
                   is distinct from (up.mood, up.rating, up.comment)) as changed
           from up join input i on i.review_id = up.review_id and i.item_id = up.item_id and i.user_id = up.user_id
           left join prev p on p.review_id = up.review_id and p.item_id = up.item_id and p.user_id = up.user_id
          order by i.n`,
        [
          answers.map((a) => a.reviewId),
          answers.map((a) => a.itemId),
          answers.map((a) => a.userId),
          answers.map((a) => a.mood),
          answers.map((a) => a.rating),
          answers.map((a) => a.comment),
        ],
      );
      return r.rows.map(({ n: _n, inserted, changed, ...answer }) => ({
        answer,
        inserted,
        changed: inserted || changed,
      }));
    },
    async results(reviewId, productId) {
      // One round trip, one scan of the answers (the CTE `a` is read by every part); segments come
      // from member_segments now, aggregated per segment id before their names are joined.
      const r = await db.query<ResultsRows>(
        `with a as materialized (
            select item_id, user_id, mood, rating, comment, answered_at from review_answers where review_id = $1),
          c as (select a.item_id, ${COUNTS} from a group by a.item_id),
          sg as (select a.item_id, ms.segment_id, ${COUNTS}
                   from a join member_segments ms on ms.product_id = $2 and ms.user_id = a.user_id
                  group by a.item_id, ms.segment_id)
        select
          (select count(*)::int from review_invitations where review_id = $1) as invited,
          (select count(*)::int from (select distinct user_id from a) d) as answered,
          coalesce((select json_agg(json_build_object('itemId', ri.item_id, 'key', p.key || '-' || i.number,
              'title', i.title, 'whatChanged', ri.what_changed, 'happy', coalesce(c.happy, 0),
              'neutral', coalesce(c.neutral, 0), 'sad', coalesce(c.sad, 0), 'ratingAvg', c."ratingAvg",
              'responses', coalesce(c.responses, 0)) order by ri.position)
             from review_increments ri join items i on i.id = ri.item_id join products p on p.id = i.product_id
             left join c on c.item_id = ri.item_id
            where ri.review_id = $1), '[]') as increments,
          coalesce((select json_agg(json_build_object('itemId', sg.item_id, 'segmentId', sg.segment_id,
              'name', g.name, 'happy', sg.happy, 'neutral', sg.neutral, 'sad', sg.sad,
              'ratingAvg', sg."ratingAvg", 'responses', sg.responses) order by g.name)
             from sg join segments g on g.id = sg.segment_id), '[]') as segments,
          coalesce((select json_agg(json_build_object('itemId', a.item_id, 'mood', a.mood, 'rating', a.rating,
              'comment', a.comment, 'at', a.answered_at, 'segmentIds', coalesce(us.ids, '{}'))
              order by a.answered_at desc)
             from a left join (select ms.user_id, array_agg(ms.segment_id order by ms.segment_id) as ids
                                 from member_segments ms where ms.product_id = $2 group by ms.user_id) us
               on us.user_id = a.user_id
            where coalesce(a.comment, '') <> ''), '[]') as comments`,
        [reviewId, productId],
      );
      return r.rows[0]!;
    },
    async totals(reviewId) {
      const r = await db.query<{ responses: number; sad: number }>(
        `select count(distinct user_id)::int as responses, count(*) filter (where mood = 'sad')::int as sad
           from review_answers where review_id = $1`,
        [reviewId],
      );
      return r.rows[0] ?? { responses: 0, sad: 0 };
    },
    async itemFeedback(itemId, productId) {
      const reviews = await db.query<ItemFeedbackRow>(
        `select r.id as "reviewId", r.sprint_id as "sprintId", s.name as "sprintName", r.state,
                r.opened_at as "openedAt", ${COUNTS}
           from review_increments ri join customer_reviews r on r.id = ri.review_id and r.product_id = $2
           join sprints s on s.id = r.sprint_id
           left join review_answers a on a.review_id = ri.review_id and a.item_id = ri.item_id
          where ri.item_id = $1
          group by r.id, s.name order by r.opened_at desc`,
        [itemId, productId],
      );
      const segments = await db.query<SegmentCountsRow & { reviewId: string }>(
        `select a.review_id as "reviewId", a.item_id as "itemId", ms.segment_id as "segmentId", g.name, ${COUNTS}
           from review_answers a
           join member_segments ms on ms.product_id = $2 and ms.user_id = a.user_id
           join segments g on g.id = ms.segment_id
          where a.item_id = $1
          group by a.review_id, a.item_id, ms.segment_id, g.name order by g.name`,
        [itemId, productId],
      );
      const comments = await db.query<CommentRow & { reviewId: string }>(
        `select a.review_id as "reviewId", a.item_id as "itemId", a.mood, a.rating, a.comment,
                a.answered_at as at, ${SEGMENT_IDS} as "segmentIds"
           from review_answers a where a.item_id = $1 and coalesce(a.comment, '') <> ''
          order by a.answered_at desc limit 500`,
        [itemId, productId],
      );
      return {
        reviews: reviews.rows,
        segments: segments.rows,
        comments: comments.rows.map((c) => ({ ...c, at: new Date(c.at).toISOString() })),
      };
    },
    async trend(productId) {
      const r = await db.query<TrendRow>(
        `select r.id as "reviewId", r.sprint_id as "sprintId", s.name as "sprintName", r.opened_at as "openedAt",
                null::uuid as "segmentId", null::text as "segmentName", ${COUNTS}
           from customer_reviews r join sprints s on s.id = r.sprint_id
           left join review_answers a on a.review_id = r.id
          where r.product_id = $1 group by r.id, s.name
         union all
         select r.id, r.sprint_id, s.name, r.opened_at, ms.segment_id, g.name, ${COUNTS}
           from customer_reviews r join sprints s on s.id = r.sprint_id
           join review_answers a on a.review_id = r.id
           join member_segments ms on ms.product_id = r.product_id and ms.user_id = a.user_id
           join segments g on g.id = ms.segment_id
          where r.product_id = $1 group by r.id, s.name, ms.segment_id, g.name
          order by 4, 6 nulls first`,
        [productId],
      );
      return r.rows;
    },
  };
}
