import type { HypothesesRepo, HypothesisRecord } from '#app/hypotheses/ports.ts';
import type { Queryable } from '#db/pool.ts';
import type { ReviewEvidence } from '#domain/voice/hypothesis.ts';

export function hypothesesRepo(db: Queryable): HypothesesRepo {
  return {
    async get(itemId) {
      const r = await db.query<HypothesisRecord>(
        `select i.id as "itemId", i.product_id as "productId", i.hypothesis, i.hypothesis_status as status,
                i.hypothesis_suggested as "suggestedAtJudgement", i.hypothesis_reason as reason,
                case when u.id is null then null else json_build_object('id', u.id, 'name', u.name) end as "judgedBy",
                i.hypothesis_judged_at as "judgedAt", i.version
           from items i left join users u on u.id = i.hypothesis_judged_by
          where i.id = $1 and i.deleted_at is null`,
        [itemId],
      );
      return r.rows[0] ?? null;
    },
    async reviewEvidence(itemId) {
      const r = await db.query<Omit<ReviewEvidence, 'kind'>>(
        `select cr.id as "reviewId", s.id as "sprintId", s.name as "sprintName",
                count(a.*) filter (where a.mood = 'happy')::int as happy,
                count(a.*) filter (where a.mood = 'neutral')::int as neutral,
                count(a.*) filter (where a.mood = 'sad')::int as sad,
                round(avg(a.rating), 2)::float8 as "ratingAvg",
                count(a.rating)::int as ratings,
                count(a.*)::int as responses
           from review_increments ri
           join customer_reviews cr on cr.id = ri.review_id
           join sprints s on s.id = cr.sprint_id
           left join review_answers a on a.review_id = ri.review_id and a.item_id = ri.item_id
          where ri.item_id = $1
          group by cr.id, s.id, s.name, cr.opened_at
          order by cr.opened_at, cr.id`,
        [itemId],
      );
      return r.rows.map((row) => ({ kind: 'review' as const, ...row }));
    },
    async requestEvidence(itemId) {
      const r = await db.query<{ requests: number; supporters: number }>(
        `select count(*)::int as requests,
                coalesce(sum((select count(*) from request_supporters s where s.request_id = q.id)), 0)::int
                  as supporters
           from requests q where q.item_id = $1 and q.status <> 'declined'`,
        [itemId],
      );
      return r.rows[0] ?? { requests: 0, supporters: 0 };
    },
  };
}
