import { type ItemHistoryRecord, SLA_TIMER_TASK, type SlaRepo } from '#app/sla/ports.ts';
import type { Queryable } from '#db/pool.ts';
import type { SlaPolicy } from '#domain/sla/policy.ts';

const timerKey = (itemId: string) => `sla:${itemId}`;

export function slaRepo(db: Queryable): SlaRepo {
  return {
    async policy(productId) {
      const r = await db.query<{ policy: SlaPolicy; version: number; updatedAt: Date }>(
        'select policy, version, updated_at as "updatedAt" from sla_policies where product_id = $1',
        [productId],
      );
      const row = r.rows[0];
      return row ? { productId, ...row } : null;
    },
    async savePolicy(productId, policy, version) {
      const json = JSON.stringify(policy);
      const r =
        version === 0
          ? await db.query<{ version: number; updatedAt: Date }>(
              `insert into sla_policies (product_id, policy) values ($1, $2::jsonb)
               on conflict (product_id) do nothing returning version, updated_at as "updatedAt"`,
              [productId, json],
            )
          : await db.query<{ version: number; updatedAt: Date }>(
              `update sla_policies set policy = $2::jsonb, version = version + 1, updated_at = now()
                where product_id = $1 and version = $3 returning version, updated_at as "updatedAt"`,
              [productId, json, version],
            );
      const row = r.rows[0];
      return row ? { productId, policy, ...row } : null;
    },
    async histories(productId, itemIds) {
      const r = await db.query<ItemHistoryRecord>(
        `select i.id as "itemId", p.key || '-' || i.number as key, i.title, i.type, i.severity, i.status,
                i.waiting, i.created_at as "createdAt",
                coalesce((select json_agg(json_build_object(
                    'at', e.at, 'status', e.after->>'status', 'waiting', (e.after->>'waiting')::boolean,
                    'beforeStatus', e.before->>'status', 'created', e.type = 'item.created') order by e.id)
                  from events e
                 where e.entity_type = 'item' and e.entity_id = i.id::text
                   and e.type in ('item.created', 'item.updated', 'item.reimported')
                   and (e.type = 'item.created' or e.after ? 'status' or e.after ? 'waiting')), '[]') as points
           from items i join products p on p.id = i.product_id
          where i.product_id = $1 and i.deleted_at is null
            and (case when $2::uuid[] is null then i.type = 'defect' else i.id = any($2::uuid[]) end)`,
        [productId, itemIds ? [...itemIds] : null],
      );
      return r.rows;
    },
    async schedule(timers) {
      if (!timers.length) return;
      await db.query(
        `select graphile_worker.add_job($1,
                  json_build_object('itemId', t.item_id, 'productId', t.product_id, 'eventId', t.event_id),
                  run_at => t.run_at, job_key => 'sla:' || t.item_id, job_key_mode => 'replace', max_attempts => 10)
           from unnest($2::text[], $3::text[], $4::timestamptz[], $5::bigint[]) as t(item_id, product_id, run_at, event_id)`,
        [
          SLA_TIMER_TASK,
          timers.map((t) => t.itemId),
          timers.map((t) => t.productId),
          timers.map((t) => t.runAt),
          timers.map((t) => t.eventId),
        ],
      );
    },
    async unschedule(itemIds) {
      if (!itemIds.length) return;
      await db.query('select graphile_worker.remove_job(k) from unnest($1::text[]) as k', [
        itemIds.map(timerKey),
      ]);
    },
    async recipients(productId) {
      const r = await db.query<{ userId: string }>(
        `select m.user_id as "userId" from product_members m join users u on u.id = m.user_id
          where m.product_id = $1 and m.role in ('owner', 'team') and not u.disabled order by m.user_id`,
        [productId],
      );
      return r.rows.map((x) => x.userId);
    },
  };
}
