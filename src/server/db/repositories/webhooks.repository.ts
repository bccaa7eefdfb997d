import type {
  DeliveryToSend,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
  WebhooksRepo,
} from '#app/webhooks/ports.ts';
import type { Queryable } from '#db/pool.ts';

const ENDPOINT = `id, product_id as "productId", url, description, event_types as "eventTypes", enabled,
  disabled_reason as "disabledReason", failing_since as "failingSince", created_by as "createdBy",
  version, created_at as "createdAt", updated_at as "updatedAt"`;
const deliveryCols = (t: string) => `${t}.id, ${t}.endpoint_id as "endpointId",
  ${t}.event_id::text as "eventIdText", ${t}.event_type as "eventType", ${t}.status, ${t}.attempts,
  ${t}.last_error as "lastError", ${t}.response_code as "responseCode", ${t}.latency_ms as "latencyMs",
  ${t}.next_attempt_at as "nextAttemptAt", ${t}.last_attempt_at as "lastAttemptAt",
  ${t}.sent_at as "sentAt", ${t}.created_at as "createdAt"`;
const DELIVERY = deliveryCols('webhook_deliveries');

type DeliveryRow = Omit<WebhookDeliveryRecord, 'eventId'> & { eventIdText: string | null };
const delivery = ({ eventIdText, ...d }: DeliveryRow): WebhookDeliveryRecord => ({
  ...d,
  eventId: eventIdText === null ? null : Number(eventIdText),
});

/** The send job: one per delivery (job key), so a re-queue while it waits moves it instead of adding one. */
const SEND_TASK = 'webhook-send';
const ENQUEUE = (ids: string, runAt = 'null::timestamptz') => `graphile_worker.add_jobs(array(
  select row('${SEND_TASK}', json_build_object('deliveryId', d.id), null, ${runAt}, 3,
             '${SEND_TASK}:' || d.id, null, null)::graphile_worker.job_spec from ${ids} d))`;

export function webhooksRepo(db: Queryable): WebhooksRepo {
  return {
    async insertEndpoint(e) {
      const r = await db.query<WebhookEndpointRecord>(
        `insert into webhook_endpoints (product_id, url, description, event_types, secret_sealed, created_by)
         values ($1, $2, $3, $4, $5, $6) returning ${ENDPOINT}`,
        [e.productId, e.url, e.description, e.eventTypes, e.secretSealed, e.createdBy],
      );
      return r.rows[0]!;
    },
    async listEndpoints(productId) {
      const r = await db.query<WebhookEndpointRecord>(
        `select ${ENDPOINT} from webhook_endpoints where product_id = $1 order by created_at, id`,
        [productId],
      );
      return r.rows;
    },
    async endpoint(productId, id) {
      const r = await db.query<WebhookEndpointRecord>(
        `select ${ENDPOINT} from webhook_endpoints where id = $1 and product_id = $2`,
        [id, productId],
      );
      return r.rows[0] ?? null;
    },
    async productOf(id) {
      const r = await db.query<{ productId: string }>(
        `select w.product_id as "productId" from webhook_endpoints w
           join products p on p.id = w.product_id and p.deleted_at is null where w.id = $1`,
        [id],
      );
      return r.rows[0]?.productId ?? null;
    },
    async updateEndpoint(id, version, p) {
      // Turning an endpoint on again clears why it was off and restarts its failure clock.
      const r = await db.query<WebhookEndpointRecord>(
        `update webhook_endpoints set
            url = coalesce($3, url), event_types = coalesce($4, event_types),
            description = coalesce($5, description), enabled = coalesce($6, enabled),
            disabled_reason = case when $6 is true then null else disabled_reason end,
            failing_since = case when $6 is true then null else failing_since end,
            version = version + 1, updated_at = now()
          where id = $1 and version = $2 returning ${ENDPOINT}`,
        [id, version, p.url ?? null, p.eventTypes ?? null, p.description ?? null, p.enabled ?? null],
      );
      return r.rows[0] ?? null;
    },
    async deleteEndpoint(productId, id) {
      const r = await db.query<WebhookEndpointRecord>(
        `delete from webhook_endpoints where id = $1 and product_id = $2 returning ${ENDPOINT}`,
        [id, productId],
      );
      return r.rows[0] ?? null;
    },
    async fanOut(e) {
      const r = await db.query<{ ids: string[] }>(
        `with ins as (
           insert into webhook_deliveries (key, endpoint_id, event_id, event_type, body)
           select $1::int8 || ':' || w.id, w.id, $1, $2, $4 from webhook_endpoints w
            where w.product_id = $3 and w.enabled and $2 = any (w.event_types)
           on conflict (key) do nothing
           returning id),
         queued as (select ${ENQUEUE('ins')} where exists (select 1 from ins))
         select coalesce((select array_agg(id) from ins), '{}') as ids, (select count(*) from queued) as q`,
        [e.eventId, e.eventType, e.productId, e.body],
      );
      return r.rows[0]?.ids ?? [];
    },
    async insertDelivery(d) {
      const r = await db.query<{ id: string }>(
        `with ins as (
           insert into webhook_deliveries (key, endpoint_id, event_type, body) values ($1, $2, $3, $4)
           returning id),
         queued as (select ${ENQUEUE('ins')})
         select (select id from ins) as id, (select count(*) from queued) as q`,
        [d.key, d.endpointId, d.eventType, d.body],
      );
      return r.rows[0]!.id;
    },
    async enqueue(deliveryId, runAt) {
      await db.query(`select ${ENQUEUE('(select $1::uuid as id)', '$2::timestamptz')}`, [deliveryId, runAt]);
    },
    async toSend(deliveryId) {
      const r = await db.query<DeliveryRow & { body: string; endpoint: DeliveryToSend['endpoint'] }>(
        // The claim marks the row in flight; a mark still set is an attempt a crash cut short.
        `with claimed as (
           update webhook_deliveries set interrupted = interrupted + in_flight::int, in_flight = true
            where id = $1 and status = 'pending' returning *)
         select ${deliveryCols('d')}, d.body,
                json_build_object('id', w.id, 'productId', w.product_id, 'url', w.url, 'enabled', w.enabled,
                                  'secretSealed', w.secret_sealed) as endpoint
           from claimed d join webhook_endpoints w on w.id = d.endpoint_id`,
        [deliveryId],
      );
      const row = r.rows[0];
      if (!row) return null;
      const { endpoint, body, ...rest } = row;
      return { delivery: { ...delivery(rest), body }, endpoint };
    },
    async recordAttempt(deliveryId, a) {
      const r = await db.query(
        `update webhook_deliveries set status = $2, attempts = attempts + 1, last_error = $3, in_flight = false,
                response_code = $4, latency_ms = $5, last_attempt_at = $6, next_attempt_at = $7,
                sent_at = case when $2 = 'sent' then $6 else sent_at end
          where id = $1 and status = 'pending'`,
        [deliveryId, a.status, a.error, a.responseCode, a.latencyMs, a.at, a.nextAttemptAt],
      );
      return (r.rowCount ?? 0) > 0;
    },
    async markHealthy(endpointId) {
      await db.query(
        `update webhook_endpoints set failing_since = null where id = $1 and failing_since is not null`,
        [endpointId],
      );
    },
    async markFailing(endpointId, at) {
      const r = await db.query<{ failingSince: Date; enabled: boolean; url: string }>(
        `update webhook_endpoints set failing_since = coalesce(failing_since, $2) where id = $1
         returning failing_since as "failingSince", enabled, url`,
        [endpointId, at],
      );
      return r.rows[0]!;
    },
    async disable(endpointId, reason) {
      const r = await db.query(
        `update webhook_endpoints set enabled = false, disabled_reason = $2, version = version + 1,
                updated_at = now()
          where id = $1 and enabled`,
        [endpointId, reason],
      );
      return (r.rowCount ?? 0) > 0;
    },
    async deliveries(endpointId, q) {
      const r = await db.query<DeliveryRow>(
        `select ${DELIVERY} from webhook_deliveries where endpoint_id = $1 and ($2::text is null or status = $2)
          order by created_at desc, id limit $3`,
        [endpointId, q.status ?? null, q.limit],
      );
      return r.rows.map(delivery);
    },
    async delivery(endpointId, deliveryId) {
      const r = await db.query<DeliveryRow>(
        `select ${DELIVERY} from webhook_deliveries where id = $1 and endpoint_id = $2`,
        [deliveryId, endpointId],
      );
      return r.rows[0] ? delivery(r.rows[0]) : null;
    },
    async resend(endpointId, deliveryId) {
      const r = await db.query(
        `update webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at = null
          where id = $1 and endpoint_id = $2 and status <> 'pending'`,
        [deliveryId, endpointId],
      );
      return (r.rowCount ?? 0) > 0;
    },
    async adminList(q) {
      const r = await db.query<DeliveryRow & { url: string; productId: string; interrupted: number }>(
        `select ${DELIVERY}, w.url, w.product_id as "productId", webhook_deliveries.interrupted
           from webhook_deliveries join webhook_endpoints w on w.id = webhook_deliveries.endpoint_id
          where ($1::text is null or webhook_deliveries.status = $1)
          order by webhook_deliveries.created_at desc, webhook_deliveries.id limit $2`,
        [q.status ?? null, q.limit],
      );
      return r.rows.map(({ url, productId, interrupted, ...row }) => ({
        ...delivery(row),
        url,
        productId,
        interrupted,
      }));
    },
    async deliveryOwner(deliveryId) {
      const r = await db.query<{ endpointId: string; productId: string }>(
        `select d.endpoint_id as "endpointId", w.product_id as "productId"
           from webhook_deliveries d join webhook_endpoints w on w.id = d.endpoint_id where d.id = $1`,
        [deliveryId],
      );
      return r.rows[0] ?? null;
    },
    async ownersToTell(endpointId) {
      const r = await db.query<{ userId: string }>(
        `select m.user_id as "userId" from webhook_endpoints w
           join product_members m on m.product_id = w.product_id and m.role = 'owner'
          where w.id = $1 and (w.created_by = m.user_id or not exists (
                select 1 from product_members c where c.product_id = w.product_id
                   and c.user_id = w.created_by and c.role = 'owner'))`,
        [endpointId],
      );
      return r.rows.map((x) => x.userId);
    },
  };
}
