import type { BacklogViewRecord, BacklogViewsRepo } from '#app/items/views.ts';
import type { Queryable } from '#db/pool.ts';

const COLS = `id, product_id as "productId", user_id as "userId", name, query, created_at as "createdAt"`;

export function backlogViewsRepo(db: Queryable): BacklogViewsRepo {
  return {
    async list(productId, userId) {
      const r = await db.query<BacklogViewRecord>(
        `select ${COLS} from backlog_views where product_id = $1 and user_id = $2
          order by lower(name), name, id`,
        [productId, userId],
      );
      return r.rows;
    },
    async save(v) {
      // One statement, so two saves racing on the same name end as one view, not a unique error.
      // xmax is 0 on a freshly inserted row and set on one the conflict branch updated.
      const r = await db.query<BacklogViewRecord & { replaced: boolean }>(
        `insert into backlog_views (product_id, user_id, name, query) values ($1, $2, $3, $4)
         on conflict (product_id, user_id, name) do update set query = excluded.query
         returning ${COLS}, (xmax::text <> '0') as replaced`,
        [v.productId, v.userId, v.name, v.query],
      );
      const { replaced, ...view } = r.rows[0]!;
      return { view, replaced };
    },
    async remove(productId, userId, viewId) {
      const r = await db.query<BacklogViewRecord>(
        `delete from backlog_views where id = $1 and product_id = $2 and user_id = $3 returning ${COLS}`,
        [viewId, productId, userId],
      );
      return r.rows[0] ?? null;
    },
  };
}
