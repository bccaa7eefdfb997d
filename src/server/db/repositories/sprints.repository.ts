import type {
  ScopeChangeRecord,
  SnapshotRecord,
  SprintItemRecord,
  SprintRecord,
  SprintsRepo,
  VelocityRecord,
} from '#app/sprints/ports.ts';
import type { Queryable } from '#db/pool.ts';

const SPRINT_COLS = `s.id, s.product_id as "productId", s.name, s.goal, s.start_date::text as "startDate",
  s.end_date::text as "endDate", s.capacity, s.state, s.version, s.committed_points as "committedPoints",
  s.completed_points as "completedPoints", s.started_at as "startedAt", s.closed_at as "closedAt",
  s.created_at as "createdAt"`;

// Readiness facts are read from the backlog tables in the same query as the sprint items.
const ITEM_COLS = `si.item_id as "itemId", p.key || '-' || i.number as key, i.title, i.type, i.status,
  i.assignee_id as "assigneeId",
  i.size, i.problem, jsonb_array_length(i.acceptance_criteria)::int as "acceptanceCriteriaCount",
  (select count(*)::int from item_segments g where g.item_id = i.id) as "segmentCount",
  (i.business_value is not null or i.time_criticality is not null or i.risk_reduction is not null)
    as "hasValueInputs",
  i.description, coalesce((select jsonb_agg(jsonb_build_object('key', p.key || '-' || b.number, 'type', b.type,
       'status', b.status) order by b.number) from item_links l
     join items b on b.id = l.from_item_id
    where l.to_item_id = i.id and l.kind = 'blocks' and b.deleted_at is null), '[]') as blockers,
  si.added_at as "addedAt", si.done_at as "doneAt", si.dod_checked as "dodChecked", si.review,
  si.review_comment as "reviewComment", si.reopened, si.outcome, si.carried_to as "carriedTo",
  si.points_at_close as "pointsAtClose"`;
const ITEM_FROM = `sprint_items si join items i on i.id = si.item_id join item_order ord on ord.item_id = i.id
  join products p on p.id = i.product_id`;

export function sprintsRepo(db: Queryable): SprintsRepo {
  const one = async (sql: string, values: unknown[]) =>
    (await db.query<SprintRecord>(sql, values)).rows[0] ?? null;
  return {
    async productOf(sprintId) {
      const r = await db.query<{ productId: string }>(
        'select product_id as "productId" from sprints where id = $1',
        [sprintId],
      );
      return r.rows[0]?.productId ?? null;
    },
    async list(productId) {
      const r = await db.query<SprintRecord>(
        `select ${SPRINT_COLS} from sprints s where s.product_id = $1 order by s.start_date desc, s.created_at desc`,
        [productId],
      );
      return r.rows;
    },
    get: (id, lock = false) =>
      one(`select ${SPRINT_COLS} from sprints s where s.id = $1${lock ? ' for update' : ''}`, [id]),
    async insert(productId, f) {
      return (await one(
        `insert into sprints as s (product_id, name, goal, start_date, end_date, capacity)
         values ($1, $2, $3, $4, $5, $6) returning ${SPRINT_COLS}`,
        [productId, f.name, f.goal, f.startDate, f.endDate, f.capacity ? JSON.stringify(f.capacity) : null],
      ))!;
    },
    update: (id, version, p) =>
      one(
        `update sprints s set name = coalesce($3, name), goal = coalesce($4, goal),
           start_date = coalesce($5::date, start_date), end_date = coalesce($6::date, end_date),
           capacity = coalesce($7::jsonb, capacity), version = version + 1
         where id = $1 and version = $2 returning ${SPRINT_COLS}`,
        [
          id,
          version,
          p.name ?? null,
          p.goal ?? null,
          p.startDate ?? null,
          p.endDate ?? null,
          p.capacity ? JSON.stringify(p.capacity) : null,
        ],
      ),
    async markStarted(id, actorId, committed) {
      return (await one(
        `update sprints s set state = 'active', started_at = now(), started_by = $2, committed_points = $3,
           version = version + 1 where id = $1 returning ${SPRINT_COLS}`,
        [id, actorId, committed],
      ))!;
    },
    async markClosed(id, actorId, completed) {
      return (await one(
        `update sprints s set state = 'closed', closed_at = now(), closed_by = $2, completed_points = $3,
           version = version + 1 where id = $1 returning ${SPRINT_COLS}`,
        [id, actorId, completed],
      ))!;
    },
    async closedHistory(productId, limit, closedUpTo) {
      const r = await db.query<VelocityRecord>(
        `select "sprintId", name, "endDate", "committedPoints", "completedPoints", capacity from (
           select s.id as "sprintId", s.name, s.end_date::text as "endDate",
                  coalesce(s.committed_points, 0) as "committedPoints",
                  coalesce(s.completed_points, 0) as "completedPoints", s.capacity, s.closed_at
             from sprints s
            where s.product_id = $1 and s.state = 'closed' and ($2::timestamptz is null or s.closed_at < $2::timestamptz + interval '1 millisecond')
            order by s.closed_at desc limit $3) h
         order by h.closed_at`,
        [productId, closedUpTo ?? null, limit],
      );
      return r.rows;
    },

    async items(sprintId) {
      const r = await db.query<SprintItemRecord>(
        `select ${ITEM_COLS} from ${ITEM_FROM} where si.sprint_id = $1 order by ord.rank`,
        [sprintId],
      );
      return r.rows;
    },
    async item(sprintId, itemId) {
      const r = await db.query<SprintItemRecord>(
        `select ${ITEM_COLS} from ${ITEM_FROM} where si.sprint_id = $1 and si.item_id = $2`,
        [sprintId, itemId],
      );
      return r.rows[0] ?? null;
    },
    async openSprintOf(itemId) {
      const r = await db.query<{ id: string }>(
        'select sprint_id as id from sprint_items where item_id = $1 and open',
        [itemId],
      );
      return r.rows[0]?.id ?? null;
    },
    async addItem(sprintId, productId, itemId, actorId) {
      await db.query(
        'insert into sprint_items (sprint_id, product_id, item_id, added_by) values ($1, $2, $3, $4)',
        [sprintId, productId, itemId, actorId],
      );
    },
    async removeItem(sprintId, itemId) {
      await db.query('delete from sprint_items where sprint_id = $1 and item_id = $2', [sprintId, itemId]);
    },
    async markDone(sprintId, itemId, actorId, checked) {
      await db.query(
        `update sprint_items set done_at = now(), done_by = $3, dod_checked = $4, review = null,
           review_comment = null where sprint_id = $1 and item_id = $2`,
        [sprintId, itemId, actorId, checked],
      );
    },
    async review(sprintId, itemId, r) {
      await db.query(
        `update sprint_items set review = $3, review_comment = $4, reviewed_by = $5, reviewed_at = now(),
           reopened = reopened + case when $3 = 'rejected' then 1 else 0 end,
           done_at = case when $3 = 'rejected' then null else done_at end
         where sprint_id = $1 and item_id = $2`,
        [sprintId, itemId, r.review, r.comment, r.actorId],
      );
    },
    async setOutcome(sprintId, itemId, o) {
      await db.query(
        `update sprint_items set open = false, outcome = $3, carried_to = $4, points_at_close = $5
          where sprint_id = $1 and item_id = $2`,
        [sprintId, itemId, o.outcome, o.carriedTo, o.points],
      );
    },

    async addScopeChange(sprintId, c) {
      await db.query(
        `insert into sprint_scope_changes (sprint_id, item_id, change, points_before, points_after, reason, actor_id)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [sprintId, c.itemId, c.change, c.pointsBefore, c.pointsAfter, c.reason, c.actorId],
      );
    },
    async scopeChanges(sprintId) {
      const r = await db.query<ScopeChangeRecord>(
        `select c.item_id as "itemId", c.change, c.points_before as "pointsBefore",
                c.points_after as "pointsAfter", c.reason, c.actor_id as "actorId", u.name as "actorName", c.at
           from sprint_scope_changes c left join users u on u.id = c.actor_id
          where c.sprint_id = $1 order by c.id`,
        [sprintId],
      );
      return r.rows;
    },
    async insertSnapshot(sprintId, s, actorId) {
      await db.query(
        `insert into sprint_snapshots (sprint_id, committed_points, items, forecast_points, over_forecast,
           confirmed_by, taken_by) values ($1, $2, $3, $4, $5, $6, $7)`,
        [
          sprintId,
          s.committedPoints,
          JSON.stringify(s.items),
          s.forecastPoints,
          s.overForecast,
          s.confirmedBy,
          actorId,
        ],
      );
    },
    async snapshot(sprintId) {
      const r = await db.query<SnapshotRecord>(
        `select committed_points as "committedPoints", items, forecast_points as "forecastPoints",
                over_forecast as "overForecast", confirmed_by as "confirmedBy", taken_at as "takenAt"
           from sprint_snapshots where sprint_id = $1`,
        [sprintId],
      );
      return r.rows[0] ?? null;
    },
    async estimateSamples(sprintId, productId, limit, closedUpTo) {
      const r = await db.query<{ size: number; actualDays: number }>(
        `with recent as (
           (select s.id from sprints s
             where s.product_id = $2 and s.state = 'closed'
               and ($3::timestamptz is null or s.closed_at < $3::timestamptz + interval '1 millisecond')
             order by s.closed_at desc limit $4)
           union select $1::uuid)
         select coalesce(si.points_at_close, i.size) as size,
                extract(epoch from si.done_at - greatest(si.added_at, s.started_at))::float8 / 86400 as "actualDays"
           from recent x join sprint_items si on si.sprint_id = x.id join sprints s on s.id = si.sprint_id
           join items i on i.id = si.item_id
          where si.done_at is not null and coalesce(si.points_at_close, i.size) is not null`,
        [sprintId, productId, closedUpTo ?? null, limit],
      );
      return r.rows.map((x) => ({ size: x.size, actualDays: Math.max(0, x.actualDays) }));
    },
    async backdate(sprintId, startedAt, closedAt) {
      await db.query('update sprints set started_at = $2, closed_at = $3 where id = $1', [
        sprintId,
        startedAt,
        closedAt,
      ]);
      // Work finishes spread over the sprint, deterministically per item; changes land mid-sprint.
      await db.query(
        `update sprint_items set added_at = least(added_at, $2::timestamptz),
           done_at = case when done_at is null then null
             else $2::timestamptz + ((abs(hashtext(item_id::text)) % 85 + 10) / 100.0) * ($3::timestamptz - $2::timestamptz) end
         where sprint_id = $1`,
        [sprintId, startedAt, closedAt],
      );
      await db.query(
        `update sprint_items si set added_at = c.at from (
           select item_id, $2::timestamptz + (0.35 + 0.05 * row_number() over (order by id)) * ($3::timestamptz - $2::timestamptz) as at
             from sprint_scope_changes where sprint_id = $1 and change = 'added') c
          where si.sprint_id = $1 and si.item_id = c.item_id`,
        [sprintId, startedAt, closedAt],
      );
      await db.query(
        `update sprint_scope_changes c set at = $2::timestamptz + (0.35 + 0.05 * x.n) * ($3::timestamptz - $2::timestamptz)
           from (select id, row_number() over (order by id) as n from sprint_scope_changes where sprint_id = $1) x
          where c.id = x.id`,
        [sprintId, startedAt, closedAt],
      );
    },
  };
}
