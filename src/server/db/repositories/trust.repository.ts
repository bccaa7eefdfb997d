import type { TrustRepo } from '#app/trust/ports.ts';
import type { Queryable } from '#db/pool.ts';
import type {
  TrustAnswer,
  TrustComment,
  TrustContradiction,
  TrustDefect,
  TrustFacts,
  TrustLink,
  TrustRepayment,
  TrustSprintFact,
  TrustSprintItemFact,
} from '#domain/insight/trust.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** Accepted work this long before the window still matters (escaped defects). */
const LOOKBACK = '28 days';

export function trustRepo(db: Queryable): TrustRepo {
  return {
    async facts(productId, from, to) {
      const sprintsP = db.query<
        Omit<TrustSprintFact, 'startedAt' | 'closedAt' | 'startEventId'> & {
          startedAt: Date | null;
          closedAt: Date | null;
          startEventId: string | null;
        }
      >(
        `select s.id, s.name, s.state, s.started_at as "startedAt", s.closed_at as "closedAt",
                coalesce(s.committed_points, ss.committed_points)::float8 as "committedPoints",
                s.completed_points::float8 as "completedPoints",
                ss.forecast_points::float8 as "forecastPoints", ss.over_forecast as "overForecast",
                jsonb_array_length(ss.items) as "startItems",
                (select max(e.id) from events e
                  where e.entity_type = 'sprint' and e.entity_id = s.id::text and e.type = 'sprint.started')::text
                  as "startEventId"
           from sprints s left join sprint_snapshots ss on ss.sprint_id = s.id
          where s.product_id = $1 and s.started_at is not null and s.started_at < $3
            and (s.closed_at is null or s.closed_at >= $2::timestamptz - $4::interval)`,
        [productId, from, to, LOOKBACK],
      );
      // Only the sprint items and the review answers wait for the sprints; the rest start at once.
      const idsP = sprintsP.then((r) => r.rows.map((x) => x.id));
      const [sprints, items, events, comments, answers, links, defects, members, around, repayments] =
        await Promise.all([
          sprintsP,
          idsP.then((sprintIds) =>
            db.query<TrustSprintItemFact & { reviewedAt: Date | null }>(
              `select si.sprint_id as "sprintId", si.item_id as "itemId", p.key || '-' || i.number as key,
                  i.title, i.problem, i.business_value as "businessValue", si.outcome, si.review,
                  si.reviewed_at as "reviewedAt", si.reopened
             from sprint_items si join items i on i.id = si.item_id join products p on p.id = i.product_id
            where si.sprint_id = any($1::uuid[])`,
              [sprintIds],
            ),
          ),
          db.query<{
            id: string;
            type: string;
            entityId: string;
            actorId: string | null;
            actorName: string | null;
            after: Record<string, unknown> | null;
            at: Date;
          }>(
            `select e.id::text, e.type, e.entity_id as "entityId", e.actor_id as "actorId", u.name as "actorName",
                  e.after, e.at
             from events e left join users u on u.id = e.actor_id
            where e.product_id = $1 and e.at >= $2 and e.at < $3
              and e.type in ('sprint.item_added', 'sprint.item_removed', 'item.size_refused', 'review.closed')
            order by e.id`,
            [productId, from, to],
          ),
          db.query<Omit<TrustComment, 'at'> & { at: Date }>(
            `select c.id, c.item_id as "itemId", p.key || '-' || i.number as "itemKey", c.author_id as "authorId",
                  c.mentions::text[] as mentions, c.created_at as at
             from item_comments c join items i on i.id = c.item_id join products p on p.id = i.product_id
            where i.product_id = $1 and c.deleted_at is null and c.created_at >= $2`,
            [productId, from],
          ),
          idsP.then((sprintIds) =>
            db.query<Omit<TrustAnswer, 'at'> & { at: Date }>(
              `select a.review_id as "reviewId", a.item_id as "itemId", p.key || '-' || i.number as "itemKey",
                  a.mood, a.answered_at as at
             from customer_reviews cr join review_answers a on a.review_id = cr.id
             join items i on i.id = a.item_id join products p on p.id = i.product_id
            where cr.product_id = $1 and cr.sprint_id = any($2::uuid[])`,
              [productId, sprintIds],
            ),
          ),
          db.query<Omit<TrustLink, 'createdAt'> & { createdAt: Date }>(
            `select from_item_id as "fromItemId", to_item_id as "toItemId", created_at as "createdAt"
             from item_links where product_id = $1 and created_at >= $2`,
            [productId, from],
          ),
          db.query<Omit<TrustDefect, 'createdAt'> & { createdAt: Date }>(
            `select i.id, p.key || '-' || i.number as key, i.title, i.created_at as "createdAt"
             from items i join products p on p.id = i.product_id
            where i.product_id = $1 and i.type = 'defect' and i.deleted_at is null
              and i.created_at >= $2 and i.created_at < $3`,
            [productId, from, to],
          ),
          db.query<{ userId: string; role: string }>(
            `select user_id as "userId", role from product_members
            where product_id = $1 and role in ('owner', 'team')`,
            [productId],
          ),
          // Issue 13: changes that went around an accepted decision, and workaround repayments.
          db.query<Omit<TrustContradiction, 'at'> & { at: Date }>(
            `select c.cause_event_id::int as id, c.at, c.actor_id as "actorId", u.name as "actorName",
                  c.decision_id as "decisionId", d.title as "decisionTitle", c.item_id as "itemId", c.summary
             from decision_contradictions c join decisions d on d.id = c.decision_id
             left join users u on u.id = c.actor_id
            where c.product_id = $1 and c.at >= $2 and c.at < $3`,
            [productId, from, to],
          ),
          db.query<Omit<TrustRepayment, 'repaidAt'> & { repaidAt: Date | null }>(
            `select r.repayment_item_id as "itemId", p.key || '-' || i.number as key, p.key || '-' || w.number as "workaroundKey",
                  to_char(coalesce(r.due_date, s.end_date), 'YYYY-MM-DD') as "dueDate",
                  case when i.status in ('done', 'accepted') then i.updated_at end as "repaidAt"
             from repayments r join items i on i.id = r.repayment_item_id join items w on w.id = r.workaround_item_id
             join products p on p.id = r.product_id left join sprints s on s.id = r.due_sprint_id
            where r.product_id = $1 and i.deleted_at is null`,
            [productId],
          ),
        ]);
      const facts: TrustFacts = {
        sprints: sprints.rows.map((s) => ({
          ...s,
          startedAt: iso(s.startedAt),
          closedAt: iso(s.closedAt),
          startEventId: s.startEventId === null ? null : Number(s.startEventId),
        })),
        sprintItems: items.rows.map((r) => ({ ...r, reviewedAt: iso(r.reviewedAt) })),
        scopeChanges: [],
        sizeRefusals: [],
        reviewsClosed: [],
        comments: comments.rows.map((c) => ({ ...c, at: c.at.toISOString() })),
        answers: answers.rows.map((a) => ({ ...a, at: a.at.toISOString() })),
        links: links.rows.map((l) => ({ ...l, createdAt: l.createdAt.toISOString() })),
        defects: defects.rows.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
        ownerIds: members.rows.filter((m) => m.role === 'owner').map((m) => m.userId),
        teamIds: members.rows.filter((m) => m.role === 'team').map((m) => m.userId),
        contradictions: around.rows.map((c) => ({ ...c, at: c.at.toISOString() })),
        repayments: repayments.rows.map((r) => ({ ...r, repaidAt: iso(r.repaidAt) })),
      };
      for (const e of events.rows) {
        const base = { id: Number(e.id), at: e.at.toISOString(), actorId: e.actorId, actorName: e.actorName };
        const after = e.after ?? {};
        if (e.type === 'sprint.item_added' || e.type === 'sprint.item_removed')
          facts.scopeChanges.push({
            ...base,
            sprintId: e.entityId,
            change: e.type === 'sprint.item_added' ? 'added' : 'removed',
            itemKey: String(after.key ?? ''),
            reason: String(after.reason ?? ''),
          });
        else if (e.type === 'item.size_refused')
          facts.sizeRefusals.push({
            ...base,
            itemId: e.entityId,
            itemKey: String(after.key ?? ''),
            role: String(after.role ?? ''),
          });
        else if (e.type === 'review.closed')
          facts.reviewsClosed.push({ ...base, reviewId: e.entityId, sprintId: String(after.sprintId ?? '') });
      }
      return facts;
    },
  };
}
