import type { DefinitionsOfDoneRepo } from '#app/sprints/ports.ts';
import type { Queryable } from '#db/pool.ts';

/**
 * The product's Definition of Done. (Sprints and poker change backlog items only through the
 * items repository, the one writer of the `items` table.)
 */
export function definitionsOfDoneRepo(db: Queryable): DefinitionsOfDoneRepo {
  return {
    async get(productId) {
      const r = await db.query<{ checklist: string[]; version: number }>(
        'select checklist, version from definitions_of_done where product_id = $1',
        [productId],
      );
      return r.rows[0] ?? null;
    },
    async save(productId, checklist) {
      const r = await db.query<{ checklist: string[]; version: number }>(
        `insert into definitions_of_done (product_id, checklist) values ($1, $2)
         on conflict (product_id) do update set checklist = excluded.checklist,
           version = definitions_of_done.version + 1, updated_at = now()
         returning checklist, version`,
        [productId, checklist],
      );
      return r.rows[0]!;
    },
  };
}
