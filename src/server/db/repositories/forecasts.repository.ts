import type { ForecastItemRecord, ForecastsRepo } from '#app/forecasts/ports.ts';
import type { Queryable } from '#db/pool.ts';

const ITEM_COLS = `i.id, p.key || '-' || i.number as key, i.title, i.type, i.size::float8 as size, i.status`;

export function forecastsRepo(db: Queryable): ForecastsRepo {
  return {
    async acceptances(productId) {
      // An item counts once, on the day it was first accepted (a later reopen does not undo throughput).
      const r = await db.query<{ itemId: string; on: string; key: string; title: string }>(
        `select a.item_id as "itemId", a.on_day::text as "on", p.key || '-' || i.number as key, i.title
           from (select e.entity_id as item_id, min((e.at at time zone 'UTC')::date) as on_day
                   from events e
                  where e.product_id = $1 and e.entity_type = 'item'
                    and e.type in ('item.created', 'item.updated', 'item.reimported')
                    and e.after->>'status' = 'accepted'
                  group by e.entity_id) a
           join items i on i.id::text = a.item_id and i.product_id = $1
           join products p on p.id = i.product_id
          order by a.on_day, i.number`,
        [productId],
      );
      return r.rows;
    },
    async closedSprints(productId) {
      // Committed: the start snapshot's items, else (sprints from before snapshots) the sprint's items.
      const r = await db.query<{
        sprintId: string;
        name: string;
        startDate: string;
        endDate: string;
        committedItems: number;
      }>(
        `select s.id as "sprintId", s.name, s.start_date::text as "startDate", s.end_date::text as "endDate",
                coalesce(jsonb_array_length(snap.items),
                         (select count(*) from sprint_items si where si.sprint_id = s.id))::int as "committedItems"
           from sprints s left join sprint_snapshots snap on snap.sprint_id = s.id
          where s.product_id = $1 and s.state = 'closed' order by s.start_date, s.created_at`,
        [productId],
      );
      return r.rows;
    },
    async firstSprintStart(productId) {
      const r = await db.query<{ d: string | null }>(
        `select min(start_date)::text as d from sprints where product_id = $1 and state <> 'planned'`,
        [productId],
      );
      return r.rows[0]?.d ?? null;
    },
    async openItems(productId) {
      const r = await db.query<ForecastItemRecord>(
        `select ${ITEM_COLS} from items i join products p on p.id = i.product_id join item_order ord on ord.item_id = i.id
          where i.product_id = $1 and i.deleted_at is null and i.status <> 'accepted'
          order by ord.rank`,
        [productId],
      );
      return r.rows;
    },
    async itemsByIds(productId, ids) {
      const r = await db.query<ForecastItemRecord>(
        `select ${ITEM_COLS} from items i join products p on p.id = i.product_id join item_order ord on ord.item_id = i.id
          where i.product_id = $1 and i.deleted_at is null and i.id = any($2::uuid[])
          order by ord.rank`,
        [productId, ids],
      );
      return r.rows;
    },
    async nextRelease(productId, today) {
      const r = await db.query<{ id: string; name: string; targetDate: string }>(
        `select id, name, target_date::text as "targetDate" from releases
          where product_id = $1 and shipped_at is null and target_date >= $2::date
          order by target_date, created_at limit 1`,
        [productId, today],
      );
      return r.rows[0] ?? null;
    },
  };
}
