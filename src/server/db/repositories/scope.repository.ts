import type { DebtRecord, DebtRepo, ScopeCandidateRecord, ScopeRepo } from '#app/insight/scope-ports.ts';
import type { Queryable } from '#db/pool.ts';
import type { DebtCost } from '#domain/insight/debt.ts';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function scopeRepo(db: Queryable): ScopeRepo {
  return {
    async releaseCandidates(releaseId) {
      const r = await db.query<{ id: string }>(
        `select c.item_id as id from release_candidates c join items i on i.id = c.item_id
          where c.release_id = $1 and i.deleted_at is null order by c.position`,
        [releaseId],
      );
      return r.rows.map((x) => x.id);
    },
    async openItems(productId) {
      const r = await db.query<{ id: string }>(
        `select i.id from items i join item_order ord on ord.item_id = i.id
          where i.product_id = $1 and i.deleted_at is null and i.status not in ('done', 'accepted', 'rejected')
          order by ord.rank`,
        [productId],
      );
      return r.rows.map((x) => x.id);
    },
    async candidates(productId, releaseId, ids) {
      if (!ids.length) return [];
      const r = await db.query<ScopeCandidateRecord & { size: string | null; votes: string }>(
        `select i.id, p.key || '-' || i.number as key, i.title, i.type, i.status, i.size,
                coalesce(i.business_value, 0) + coalesce(i.time_criticality, 0) + coalesce(i.risk_reduction, 0)
                  as "costOfDelay",
                coalesce((select sum(v.points) from release_votes v where v.release_id = $2 and v.item_id = i.id), 0)
                  as votes,
                i.release_critical as "releaseCritical", i.release_id as "releaseId"
           from items i join products p on p.id = i.product_id
          where i.product_id = $1 and i.id = any($3::uuid[]) and i.deleted_at is null`,
        [productId, releaseId, ids],
      );
      const byId = new Map(
        r.rows.map((x) => [
          x.id,
          { ...x, size: num(x.size), votes: Number(x.votes), costOfDelay: Number(x.costOfDelay) },
        ]),
      );
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    async blockersOf(ids) {
      if (!ids.length) return [];
      const r = await db.query<{ fromItemId: string; toItemId: string }>(
        `select from_item_id as "fromItemId", to_item_id as "toItemId" from item_links
          where kind = 'blocks' and to_item_id = any($1::uuid[])`,
        [ids],
      );
      return r.rows;
    },
    async closedSprints(productId, limit) {
      const r = await db.query<{ completedPoints: string | null; days: number }>(
        `select * from (
           select completed_points as "completedPoints", (end_date - start_date + 1) as days, closed_at
             from sprints where product_id = $1 and state = 'closed'
            order by closed_at desc limit $2) s order by closed_at`,
        [productId, limit],
      );
      return r.rows.map((x) => ({ completedPoints: Number(x.completedPoints ?? 0), days: Number(x.days) }));
    },
  };
}

type DebtRow = Omit<DebtRecord, 'cost'> & { min: string | null; max: string | null; weekly: string | null };
const costOf = (x: { min: unknown; max: unknown; weekly: unknown }): DebtCost | null =>
  x.min === null
    ? null
    : { fixHours: { min: Number(x.min), max: Number(x.max) }, weeklyHours: Number(x.weekly) };

export function debtRepo(db: Queryable): DebtRepo {
  return {
    async openDebt(productId) {
      const r = await db.query<DebtRow>(
        `select i.id as "itemId", p.key || '-' || i.number as key, i.title, i.status, i.created_at as "createdAt",
                i.debt_fix_min_hours as min, i.debt_fix_max_hours as max, i.debt_weekly_hours as weekly,
                -- Issue 13: the workaround a repayment item repays, and its due day.
                (select json_build_object('workaroundKey', p.key || '-' || w.number,
                                          'dueDate', to_char(coalesce(r.due_date, s.end_date), 'YYYY-MM-DD'))
                   from repayments r join items w on w.id = r.workaround_item_id
                   left join sprints s on s.id = r.due_sprint_id
                  where r.repayment_item_id = i.id) as repays
           from items i join products p on p.id = i.product_id
          where i.product_id = $1 and i.type = 'debt' and i.deleted_at is null
            and i.status not in ('done', 'accepted', 'rejected')`,
        [productId],
      );
      return r.rows.map(({ min, max, weekly, ...rest }) => ({ ...rest, cost: costOf({ min, max, weekly }) }));
    },
    async cost(itemId) {
      const r = await db.query<{ min: string | null; max: string | null; weekly: string | null }>(
        `select debt_fix_min_hours as min, debt_fix_max_hours as max, debt_weekly_hours as weekly
           from items where id = $1`,
        [itemId],
      );
      return r.rows[0] ? costOf(r.rows[0]) : null;
    },
    async setCost(itemId, version, cost) {
      const r = await db.query<{ version: number }>(
        `update items set debt_fix_min_hours = $3, debt_fix_max_hours = $4, debt_weekly_hours = $5,
                version = version + 1, updated_at = now()
          where id = $1 and version = $2 and deleted_at is null returning version`,
        [itemId, version, cost?.fixHours.min ?? null, cost?.fixHours.max ?? null, cost?.weeklyHours ?? null],
      );
      return r.rows[0]?.version ?? null;
    },
  };
}
