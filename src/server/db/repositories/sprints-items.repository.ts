import type { SprintItemWritesRepo } from '#app/sprints/ports.ts';
import type { Queryable } from '#db/pool.ts';
import type { DorCheck } from '#domain/sprints/readiness.ts';

const DEFAULT_DOR: DorCheck[] = ['independent', 'negotiable', 'valuable', 'estimable', 'small', 'testable'];

/**
 * The few writes sprints and poker make to backlog items, in their own SQL (the backlog owns the
 * table). Each bumps the item version so an open editor sees a 412 instead of overwriting.
 */
export function sprintItemWritesRepo(db: Queryable): SprintItemWritesRepo {
  return {
    async facts(itemId) {
      const r = await db.query(
        `select i.id, i.product_id as "productId", p.key || '-' || i.number as key, i.title, i.status,
                i.size, i.version
           from items i join products p on p.id = i.product_id where i.id = $1 and i.deleted_at is null`,
        [itemId],
      );
      return (r.rows[0] as Awaited<ReturnType<SprintItemWritesRepo['facts']>>) ?? null;
    },
    async setSize(itemId, size) {
      await db.query('update items set size = $1, version = version + 1, updated_at = now() where id = $2', [
        size,
        itemId,
      ]);
    },
    async setStatus(itemId, status) {
      await db.query(
        'update items set status = $1, version = version + 1, updated_at = now() where id = $2',
        [status, itemId],
      );
    },
    async dor(productId) {
      const r = await db.query<{ checks: DorCheck[]; splitThreshold: number }>(
        'select dor_checks as checks, split_threshold as "splitThreshold" from backlog_settings where product_id = $1',
        [productId],
      );
      return r.rows[0] ?? { checks: DEFAULT_DOR, splitThreshold: 13 };
    },
    async definitionOfDone(productId) {
      const r = await db.query<{ checklist: string[]; version: number }>(
        'select checklist, version from definitions_of_done where product_id = $1',
        [productId],
      );
      return r.rows[0] ?? null;
    },
    async saveDefinitionOfDone(productId, checklist) {
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
