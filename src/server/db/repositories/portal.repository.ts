import type { PortalDeliveredRecord, PortalPlannedRecord, PortalRepo } from '#app/requests/ports.ts';
import type { Queryable } from '#db/pool.ts';

/**
 * What stakeholders read of the backlog. Each query names the few columns a customer may see
 * (key, title, problem, segments, status, release): never size, description, value inputs,
 * assignee, comments or history, so nothing internal can reach the portal by a `select *`.
 */
const SEGMENTS = `coalesce((select json_agg(json_build_object('id', g.id, 'name', g.name) order by g.name)
    from item_segments x join segments g on g.id = x.segment_id where x.item_id = i.id), '[]'::json)`;

export function portalRepo(db: Queryable): PortalRepo {
  return {
    async delivered(productId, sprints) {
      // Every item accepted in the last sprints (customer fields only), with the PO's "what changed
      // for you" line where a review with customers listed it.
      const r = await db.query<PortalDeliveredRecord>(
        `with recent as (
           select s.id, s.name from sprints s
            where s.product_id = $1 and s.state in ('active', 'closed')
            order by coalesce(s.started_at, s.closed_at, s.created_at) desc limit $2)
         select p.key || '-' || i.number as key, i.title, i.problem, ${SEGMENTS} as segments,
                si.reviewed_at as "acceptedAt", s.name as "sprintName",
                nullif(ri.what_changed, '') as "whatChanged"
           from recent s
           join sprint_items si on si.sprint_id = s.id and si.review = 'accepted'
           join items i on i.id = si.item_id and i.deleted_at is null and i.status = 'accepted'
           join products p on p.id = i.product_id
           left join customer_reviews cr on cr.sprint_id = s.id
           left join review_increments ri on ri.review_id = cr.id and ri.item_id = i.id
          order by si.reviewed_at desc nulls last, i.number desc`,
        [productId, sprints],
      );
      return r.rows;
    },
    async planned(productId) {
      const r = await db.query<PortalPlannedRecord>(
        `select p.key || '-' || i.number as key, i.title, i.problem, ${SEGMENTS} as segments, i.status,
                rel.name as release
           from items i
           join item_order ord on ord.item_id = i.id
           join products p on p.id = i.product_id
           left join releases rel on rel.id = i.release_id
          where i.product_id = $1 and i.published and i.deleted_at is null
            and i.status not in ('accepted', 'rejected')
          order by ord.rank limit 200`,
        [productId],
      );
      return r.rows;
    },
    async openReview(productId, userId) {
      const r = await db.query<{ id: string; sprintName: string; closesAt: Date | null; answered: boolean }>(
        `select cr.id, s.name as "sprintName", cr.closes_at as "closesAt",
                exists (select 1 from review_answers a where a.review_id = cr.id and a.user_id = $2) as answered
           from customer_reviews cr join sprints s on s.id = cr.sprint_id
          where cr.product_id = $1 and cr.state = 'open' and (cr.closes_at is null or cr.closes_at > now())
          order by cr.opened_at desc limit 1`,
        [productId, userId],
      );
      return r.rows[0] ?? null;
    },
    async openVotes(productId, userId, now) {
      const r = await db.query<{ releaseId: string; name: string; closesAt: Date | null; voted: boolean }>(
        `select rel.id as "releaseId", rel.name, rel.vote_closes_at as "closesAt",
                exists (select 1 from release_voters v where v.release_id = rel.id and v.user_id = $2) as voted
           from releases rel
          where rel.product_id = $1 and rel.vote_opened_at is not null
            and (rel.vote_closes_at is null or rel.vote_closes_at > $3)
          order by rel.vote_closes_at nulls last, rel.name`,
        [productId, userId, now],
      );
      return r.rows;
    },
  };
}
