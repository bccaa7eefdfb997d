import type { DecisionsRepo, RepaymentRecord, RepaymentsRepo } from '#app/decisions/ports.ts';
import type { Queryable } from '#db/pool.ts';
import type { ItemFact } from '#domain/decisions/rules.ts';

const person = (alias: string) =>
  `case when ${alias}.id is null then null else json_build_object('id', ${alias}.id, 'name', ${alias}.name) end`;

const CONTRADICTION_COLS = `c.decision_id as "decisionId", d.title as "decisionTitle", c.cause_event_id::int as "eventId",
  c.actor_id as "actorId", a.name as "actorName", c.item_id as "itemId", c.at, c.summary`;

export function decisionsRepo(db: Queryable): DecisionsRepo {
  return {
    async insert(d) {
      // One number per product: the advisory lock serialises this product's decision creates only.
      await db.query(`select pg_advisory_xact_lock(hashtext('decisions:' || $1))`, [d.productId]);
      const r = await db.query<{ id: string; number: number }>(
        `insert into decisions (product_id, number, title, context, decision, consequences, technical, rules, proposed_by)
         select $1, coalesce(max(number), 0) + 1, $2, $3, $4, $5, $6, $7, $8 from decisions where product_id = $1
         returning id, number`,
        [
          d.productId,
          d.title,
          d.context,
          d.decision,
          d.consequences,
          d.technical,
          JSON.stringify(d.rules),
          d.proposedBy,
        ],
      );
      const row = r.rows[0]!;
      if (d.itemIds.length)
        await db.query(
          `insert into decision_items (decision_id, item_id) select $1, unnest($2::uuid[]) on conflict do nothing`,
          [row.id, d.itemIds],
        );
      if (d.participants.length)
        await db.query(
          `insert into decision_participants (decision_id, user_id) select $1, unnest($2::uuid[]) on conflict do nothing`,
          [row.id, d.participants],
        );
      return row;
    },
    async get(id) {
      const r = await db.query(
        `select d.id, d.product_id as "productId", d.number, d.title, d.context, d.decision, d.consequences,
                d.technical, d.rules, d.status, ${person('pb')} as "proposedBy", ${person('ab')} as "acceptedBy",
                d.accepted_at as "acceptedAt",
                case when s.id is null then null else json_build_object('id', s.id, 'number', s.number, 'title', s.title) end as "supersededBy",
                d.superseded_at as "supersededAt", d.created_at as "createdAt",
                coalesce((select json_agg(json_build_object('id', i.id, 'key', p.key || '-' || i.number, 'title', i.title,
                                                            'status', i.status) order by i.number)
                            from decision_items di join items i on i.id = di.item_id join products p on p.id = i.product_id
                           where di.decision_id = d.id and i.deleted_at is null), '[]') as items,
                coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name) order by u.name)
                            from decision_participants dp join users u on u.id = dp.user_id
                           where dp.decision_id = d.id), '[]') as participants
           from decisions d
           left join users pb on pb.id = d.proposed_by
           left join users ab on ab.id = d.accepted_by
           left join decisions s on s.id = d.superseded_by
          where d.id = $1`,
        [id],
      );
      return (r.rows[0] as Awaited<ReturnType<DecisionsRepo['get']>>) ?? null;
    },
    async lock(id) {
      const r = await db.query(
        `select id, product_id as "productId", status, technical, number, title, rules from decisions where id = $1 for update`,
        [id],
      );
      return (r.rows[0] as Awaited<ReturnType<DecisionsRepo['lock']>>) ?? null;
    },
    async list(productId) {
      const r = await db.query(
        `select d.id, d.product_id as "productId", d.number, d.title, d.status, d.technical, d.accepted_at as "acceptedAt",
                (select count(*)::int from decision_contradictions c where c.decision_id = d.id) as contradictions,
                d.created_at as "createdAt"
           from decisions d where d.product_id = $1 order by d.number desc`,
        [productId],
      );
      return r.rows as Awaited<ReturnType<DecisionsRepo['list']>>;
    },
    async productOf(id) {
      const r = await db.query<{ productId: string }>(
        `select product_id as "productId" from decisions where id = $1`,
        [id],
      );
      return r.rows[0]?.productId ?? null;
    },
    async accept(id, by, at, targets) {
      const r = await db.query<{ productId: string }>(
        `update decisions set status = 'accepted', accepted_by = $2, accepted_at = $3 where id = $1 returning product_id as "productId"`,
        [id, by, at],
      );
      if (!targets.length) return;
      await db.query(
        `insert into decision_rule_targets (decision_id, product_id, item_id, sprint_id)
         select $1, $2, t.item_id, t.sprint_id from unnest($3::uuid[], $4::uuid[]) as t(item_id, sprint_id)`,
        [id, r.rows[0]!.productId, targets.map((t) => t.itemId), targets.map((t) => t.sprintId)],
      );
    },
    async supersede(id, byId, at) {
      await db.query(
        `update decisions set status = 'superseded', superseded_by = $2, superseded_at = $3 where id = $1`,
        [id, byId, at],
      );
      await db.query(`delete from decision_rule_targets where decision_id = $1`, [id]);
    },
    async governing(productId, itemIds, sprintIds) {
      if (!itemIds.length && !sprintIds.length) return [];
      const r = await db.query(
        `select d.id, d.number, d.title, d.rules, d.accepted_at as "acceptedAt"
           from decisions d
          where d.status = 'accepted' and d.product_id = $1
            and d.id in (select decision_id from decision_rule_targets
                          where item_id = any($2::uuid[]) or sprint_id = any($3::uuid[]))`,
        [productId, itemIds, sprintIds],
      );
      return r.rows as Awaited<ReturnType<DecisionsRepo['governing']>>;
    },
    async addContradiction(c) {
      const r = await db.query(
        `insert into decision_contradictions (decision_id, product_id, cause_event_id, actor_id, item_id, summary, at)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict (decision_id, cause_event_id) do nothing returning id`,
        [c.decisionId, c.productId, c.causeEventId, c.actorId, c.itemId, c.summary, c.at],
      );
      return r.rowCount === 1;
    },
    async contradictions(decisionId) {
      const r = await db.query(
        `select ${CONTRADICTION_COLS}
           from decision_contradictions c join decisions d on d.id = c.decision_id left join users a on a.id = c.actor_id
          where c.decision_id = $1 order by c.at, c.cause_event_id`,
        [decisionId],
      );
      return r.rows as Awaited<ReturnType<DecisionsRepo['contradictions']>>;
    },
    async participantIds(decisionId) {
      const r = await db.query<{ userId: string }>(
        `select user_id as "userId" from decision_participants where decision_id = $1`,
        [decisionId],
      );
      return r.rows.map((x) => x.userId);
    },
    async forItem(itemId) {
      const [decisions, contradictions] = await Promise.all([
        db.query(
          `select d.id, d.number, d.title, d.status from decisions d
            where d.id in (select decision_id from decision_items where item_id = $1
                           union select decision_id from decision_rule_targets where item_id = $1)
            order by d.number`,
          [itemId],
        ),
        db.query(
          `select ${CONTRADICTION_COLS}
             from decision_contradictions c join decisions d on d.id = c.decision_id left join users a on a.id = c.actor_id
            where c.item_id = $1 order by c.at, c.cause_event_id`,
          [itemId],
        ),
      ]);
      return {
        decisions: decisions.rows as Awaited<ReturnType<DecisionsRepo['forItem']>>['decisions'],
        contradictions: contradictions.rows as Awaited<
          ReturnType<DecisionsRepo['forItem']>
        >['contradictions'],
      };
    },
    async itemFacts(productId, ids) {
      if (!ids.length) return {};
      const r = await db.query<ItemFact & { id: string }>(
        `select i.id, p.key || '-' || i.number as key, i.title, i.type, i.status, i.labels
           from items i join products p on p.id = i.product_id
          where i.product_id = $1 and i.id = any($2::uuid[])`,
        [productId, [...ids]],
      );
      return Object.fromEntries(r.rows.map(({ id, ...f }) => [id, f]));
    },
    async sprintNames(productId, ids) {
      if (!ids.length) return {};
      const r = await db.query<{ id: string; name: string; endDate: string }>(
        `select id, name, to_char(end_date, 'YYYY-MM-DD') as "endDate" from sprints where product_id = $1 and id = any($2::uuid[])`,
        [productId, [...ids]],
      );
      return Object.fromEntries(r.rows.map(({ id, ...s }) => [id, s]));
    },
    async itemIdByKey(productId, key) {
      const r = await db.query<{ id: string }>(
        `select i.id from items i join products p on p.id = i.product_id
          where i.product_id = $1 and p.key || '-' || i.number = $2`,
        [productId, key],
      );
      return r.rows[0]?.id ?? null;
    },
    async statusesBefore(productId, itemIds, beforeEventId) {
      if (!itemIds.length) return {};
      const r = await db.query<{ id: string; status: ItemFact['status'] }>(
        // The latest logged status change before the event; else the first one after it, whose
        // `before` is the status the item had at the event.
        `select distinct on (entity_id) entity_id as id,
                case when id < $3 then after ->> 'status' else coalesce(before ->> 'status', after ->> 'status') end as status
           from events
          where entity_type = 'item' and entity_id = any($2::text[]) and product_id = $1
            and type in ('item.created', 'item.updated', 'item.reimported') and after ? 'status'
          order by entity_id, (id < $3) desc, case when id < $3 then -id else id end`,
        [productId, [...itemIds], beforeEventId],
      );
      return Object.fromEntries(r.rows.map((x) => [x.id, x.status]));
    },
    async existingItems(productId, ids) {
      if (!ids.length) return [];
      const r = await db.query<{ id: string }>(
        `select id from items where product_id = $1 and id = any($2::uuid[]) and deleted_at is null`,
        [productId, [...ids]],
      );
      return r.rows.map((x) => x.id);
    },
  };
}

const REPAYMENT_COLS = `r.repayment_item_id as "itemId", p.key || '-' || i.number as key, i.title, i.status,
  r.workaround_item_id as "workaroundItemId", p.key || '-' || w.number as "workaroundKey",
  to_char(r.due_date, 'YYYY-MM-DD') as "dueDate",
  case when s.id is null then null
       else json_build_object('id', s.id, 'name', s.name, 'endDate', to_char(s.end_date, 'YYYY-MM-DD')) end as "dueSprint"`;
const REPAYMENT_FROM = `repayments r join items i on i.id = r.repayment_item_id join items w on w.id = r.workaround_item_id
  join products p on p.id = r.product_id left join sprints s on s.id = r.due_sprint_id`;

export function repaymentsRepo(db: Queryable): RepaymentsRepo {
  return {
    async resolve(x) {
      await db.query(
        `insert into item_resolutions (item_id, product_id, resolution, resolved_by, resolved_at) values ($1, $2, $3, $4, $5)
         on conflict (item_id) do update set resolution = excluded.resolution, resolved_by = excluded.resolved_by,
                                             resolved_at = excluded.resolved_at`,
        [x.itemId, x.productId, x.resolution, x.by, x.at],
      );
    },
    async resolutionOf(itemId) {
      const r = await db.query(
        `select x.resolution, x.resolved_at as "resolvedAt", ${person('u')} as "resolvedBy"
           from item_resolutions x left join users u on u.id = x.resolved_by where x.item_id = $1`,
        [itemId],
      );
      return (r.rows[0] as Awaited<ReturnType<RepaymentsRepo['resolutionOf']>>) ?? null;
    },
    async insert(x) {
      await db.query(
        `insert into repayments (repayment_item_id, workaround_item_id, product_id, due_date, due_sprint_id)
         values ($1, $2, $3, $4, $5)`,
        [x.repaymentItemId, x.workaroundItemId, x.productId, x.dueDate, x.dueSprintId],
      );
    },
    async ofWorkaround(itemId) {
      const r = await db.query<RepaymentRecord>(
        `select ${REPAYMENT_COLS} from ${REPAYMENT_FROM}
          where r.workaround_item_id = $1 and i.deleted_at is null order by r.created_at`,
        [itemId],
      );
      return r.rows;
    },
    async ofProduct(productId) {
      const r = await db.query<RepaymentRecord>(
        `select ${REPAYMENT_COLS} from ${REPAYMENT_FROM}
          where r.product_id = $1 and i.deleted_at is null order by r.created_at`,
        [productId],
      );
      return r.rows;
    },
    async markOverdue(day, limit) {
      const r = await db.query<RepaymentRecord & { productId: string }>(
        `with due as (
           select r.repayment_item_id from ${REPAYMENT_FROM}
            where r.overdue_at is null and i.deleted_at is null and i.status not in ('done', 'accepted')
              and coalesce(r.due_date, s.end_date) < $1::date
            order by r.created_at limit $2
            for update of r skip locked)
         update repayments x set overdue_at = now() from due where x.repayment_item_id = due.repayment_item_id
         returning x.repayment_item_id`,
        [day, limit],
      );
      if (!r.rows.length) return [];
      const rows = await db.query<RepaymentRecord & { productId: string }>(
        `select ${REPAYMENT_COLS}, r.product_id as "productId" from ${REPAYMENT_FROM}
          where r.repayment_item_id = any($1::uuid[]) order by r.created_at`,
        [r.rows.map((x) => (x as unknown as { repayment_item_id: string }).repayment_item_id)],
      );
      return rows.rows;
    },
  };
}
