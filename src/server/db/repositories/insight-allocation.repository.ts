import type {
  AllocationItemRecord,
  AllocationRepo,
  AllocationSprintRecord,
  BudgetRecord,
  JustificationRecord,
  SharingRecord,
  WorkRecord,
} from '#app/insight/allocation-ports.ts';
import type { Queryable } from '#db/pool.ts';
import type { AllocSegment, CategoryRanges } from '#domain/insight/allocation.ts';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function allocationRepo(db: Queryable): AllocationRepo {
  const budgetCols = `total::float8 as total, unit, cost_per_sprint::float8 as "costPerSprint", version`;
  return {
    async targets(productId, lock) {
      const r = await db.query<{ categories: CategoryRanges; version: number; updatedAt: Date }>(
        `select categories, version, updated_at as "updatedAt" from allocation_targets where product_id = $1${
          lock ? ' for update' : ''
        }`,
        [productId],
      );
      return r.rows[0] ?? null;
    },
    async saveTargets(productId, categories, userId) {
      const r = await db.query<{ version: number; updatedAt: Date }>(
        `insert into allocation_targets (product_id, categories, updated_by) values ($1, $2, $3)
         on conflict (product_id) do update set categories = excluded.categories,
           updated_by = excluded.updated_by, updated_at = now(), version = allocation_targets.version + 1
         returning version, updated_at as "updatedAt"`,
        [productId, JSON.stringify(categories), userId],
      );
      return r.rows[0] as { version: number; updatedAt: Date };
    },
    async sharing(productId, lock) {
      const r = await db.query<SharingRecord>(
        `select allocation, version, updated_at as "updatedAt" from insight_sharing where product_id = $1${
          lock ? ' for update' : ''
        }`,
        [productId],
      );
      return r.rows[0] ?? null;
    },
    async saveSharing(productId, allocation, userId) {
      const r = await db.query<SharingRecord>(
        `insert into insight_sharing (product_id, allocation, updated_by) values ($1, $2, $3)
         on conflict (product_id) do update set allocation = excluded.allocation,
           updated_by = excluded.updated_by, updated_at = now(), version = insight_sharing.version + 1
         returning allocation, version, updated_at as "updatedAt"`,
        [productId, allocation, userId],
      );
      return r.rows[0] as SharingRecord;
    },
    async segments(productId) {
      const r = await db.query<AllocSegment>(
        `select id, name, target_share::float8 as "targetShare" from segments where product_id = $1
         order by target_share desc nulls last, lower(name)`,
        [productId],
      );
      return r.rows;
    },
    async sprints(productId, limit) {
      const r = await db.query<AllocationSprintRecord & { created_at: Date }>(
        `select * from (
           select s.id, s.name, s.state, s.start_date::text as "startDate", s.end_date::text as "endDate",
             j.text as justification, u.name as "justifiedBy", s.created_at
             from sprints s
             left join sprint_justifications j on j.sprint_id = s.id
             left join users u on u.id = j.written_by
            where s.product_id = $1 and s.state <> 'planned'
            order by s.start_date desc, s.created_at desc limit $2) x
         order by "startDate", created_at`,
        [productId, limit],
      );
      return r.rows.map(({ created_at: _c, ...s }) => s);
    },
    async completed(sprintIds) {
      if (!sprintIds.length) return [];
      const r = await db.query<WorkRecord>(
        `select si.sprint_id as "sprintId", si.item_id as "itemId",
                coalesce(si.points_at_close, i.size, 0)::float8 as points
           from sprint_items si join items i on i.id = si.item_id
          where si.sprint_id = any($1::uuid[])
            and (si.outcome = 'completed' or (si.open and (si.review = 'accepted' or i.status = 'accepted')))`,
        [sprintIds],
      );
      return r.rows;
    },
    async committed(sprintIds) {
      if (!sprintIds.length) return [];
      const r = await db.query<WorkRecord>(
        `select sn.sprint_id as "sprintId", (e->>'itemId') as "itemId", coalesce((e->>'size')::float8, 0) as points
           from sprint_snapshots sn, jsonb_array_elements(sn.items) e
          where sn.sprint_id = any($1::uuid[])
         union all
         select si.sprint_id, si.item_id::text, coalesce(i.size, 0)::float8
           from sprint_items si join items i on i.id = si.item_id
          where si.sprint_id = any($1::uuid[])
            and not exists (select 1 from sprint_snapshots sn where sn.sprint_id = si.sprint_id)`,
        [sprintIds],
      );
      return r.rows;
    },
    async backlog(productId) {
      const r = await db.query<WorkRecord>(
        `select '' as "sprintId", i.id as "itemId", i.size::float8 as points from items i
          where i.product_id = $1 and i.deleted_at is null and i.size is not null
            and i.status not in ('done', 'accepted', 'rejected')
            and not exists (select 1 from sprint_items si join sprints s on s.id = si.sprint_id
                             where si.item_id = i.id
                               and (si.outcome = 'completed' or (si.open and s.state = 'active')))`,
        [productId],
      );
      return r.rows;
    },
    async items(productId) {
      // One pass over the product's item_segments (grouped), not a subquery per item.
      // Segment ids (with the PO's weight, `id:weight`) come as one comma-joined text: parsing
      // 10,000 text[] values costs more than a split.
      const r = await db.query<
        Omit<AllocationItemRecord, 'segmentIds' | 'segmentWeights'> & { segs: string | null }
      >(
        `select i.id, p.key || '-' || i.number as key, i.title, i.category, s.ids as segs,
                (coalesce(i.business_value, 0) + coalesce(i.time_criticality, 0) + coalesce(i.risk_reduction, 0))::int
                  as "costOfDelay"
           from items i
           join products p on p.id = i.product_id
           left join (select x.item_id, string_agg(x.segment_id::text || coalesce(':' || x.weight::text, ''), ',') as ids
                        from item_segments x join segments g on g.id = x.segment_id
                       where g.product_id = $1 group by x.item_id) s on s.item_id = i.id
          where i.product_id = $1`,
        [productId],
      );
      return r.rows.map(({ segs, ...i }) => ({ ...i, ...segmentsOf(segs) }));
    },
    async segmentWeights(itemId) {
      const r = await db.query<{ segmentId: string; weight: string }>(
        `select segment_id as "segmentId", weight from item_segments where item_id = $1 and weight is not null`,
        [itemId],
      );
      return Object.fromEntries(r.rows.map((w) => [w.segmentId, Number(w.weight)]));
    },
    async setSegmentWeights(itemId, version, weights) {
      const r = await db.query<{ version: number }>(
        `update items set version = version + 1, updated_at = now()
          where id = $1 and version = $2 and deleted_at is null returning version`,
        [itemId, version],
      );
      if (!r.rows[0]) return null;
      const ids = Object.keys(weights ?? {});
      await db.query(
        // Every segment of the item gets its weight, or none: a weight never outlives a new set.
        `update item_segments x set weight = w.weight
           from (select s.segment_id, g.weight from item_segments s
                   left join unnest($2::uuid[], $3::numeric[]) as g(segment_id, weight) on g.segment_id = s.segment_id
                  where s.item_id = $1) w
          where x.item_id = $1 and x.segment_id = w.segment_id`,
        [itemId, ids, ids.map((id) => weights?.[id] ?? null)],
      );
      return r.rows[0].version;
    },
    async setJustification(sprintId, productId, text, userId) {
      const prev = await db.query<{ text: string }>(
        'select text from sprint_justifications where sprint_id = $1 for update',
        [sprintId],
      );
      const r = await db.query<JustificationRecord>(
        `insert into sprint_justifications (sprint_id, product_id, text, written_by) values ($1, $2, $3, $4)
         on conflict (sprint_id) do update set text = excluded.text, written_by = excluded.written_by,
           written_at = now()
         returning sprint_id as "sprintId", text, written_at as "writtenAt",
           (select name from users where id = $4) as "writtenBy"`,
        [sprintId, productId, text, userId],
      );
      return { before: prev.rows[0]?.text ?? null, after: r.rows[0] as JustificationRecord };
    },
    async budget(productId, lock) {
      const r = await db.query<BudgetRecord>(
        `select ${budgetCols} from product_budgets where product_id = $1${lock ? ' for update' : ''}`,
        [productId],
      );
      const b = r.rows[0];
      return b ? { ...b, costPerSprint: num(b.costPerSprint) } : null;
    },
    async saveBudget(productId, b, userId) {
      const r = await db.query<BudgetRecord>(
        `insert into product_budgets (product_id, total, unit, cost_per_sprint, updated_by) values ($1, $2, $3, $4, $5)
         on conflict (product_id) do update set total = excluded.total, unit = excluded.unit,
           cost_per_sprint = excluded.cost_per_sprint, updated_by = excluded.updated_by, updated_at = now(),
           version = product_budgets.version + 1
         returning ${budgetCols}`,
        [productId, b.total, b.unit, b.costPerSprint, userId],
      );
      const row = r.rows[0] as BudgetRecord;
      return { ...row, costPerSprint: num(row.costPerSprint) };
    },
    async reviewTallies(productId) {
      const r = await db.query<{
        itemId: string;
        happy: number;
        neutral: number;
        sad: number;
        ratingSum: number;
        ratings: number;
      }>(
        `select a.item_id as "itemId",
                count(*) filter (where a.mood = 'happy')::int as happy,
                count(*) filter (where a.mood = 'neutral')::int as neutral,
                count(*) filter (where a.mood = 'sad')::int as sad,
                coalesce(sum(a.rating), 0)::int as "ratingSum", count(a.rating)::int as ratings
           from review_answers a join items i on i.id = a.item_id
          where i.product_id = $1 group by a.item_id`,
        [productId],
      );
      return r.rows;
    },
  };
}

/** `id,id` or `id:60,id:40` → the ids and, when every one carries a weight, the weights. */
function segmentsOf(segs: string | null): Pick<AllocationItemRecord, 'segmentIds' | 'segmentWeights'> {
  if (!segs) return { segmentIds: [], segmentWeights: null };
  if (!segs.includes(':')) return { segmentIds: segs.split(','), segmentWeights: null };
  const segmentIds: string[] = [];
  const segmentWeights: Record<string, number> = {};
  for (const part of segs.split(',')) {
    const [id = '', weight] = part.split(':');
    segmentIds.push(id);
    if (weight !== undefined) segmentWeights[id] = Number(weight);
  }
  return { segmentIds, segmentWeights };
}
