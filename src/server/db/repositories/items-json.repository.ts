/**
 * The API's Item shape (contracts/items.ts), built by PostgreSQL for list pages. Turning 100 rows
 * into objects in Node and back into JSON cost ~1 ms of the server's one thread per page; built
 * here it costs ~0.3 ms, so the backlog list scales with the database's cores instead. The
 * presenter test (items-json.int.test.ts) holds it equal to presentItem for every field.
 */
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
export const ITEM_JSON = `json_build_object(
  'id', i.id, 'key', p.key || '-' || i.number, 'number', i.number, 'productId', i.product_id,
  'type', i.type, 'title', i.title, 'problem', i.problem, 'description', i.description,
  'acceptanceCriteria', i.acceptance_criteria,
  'segmentIds', array(select x.segment_id from item_segments x where x.item_id = i.id order by x.segment_id),
  'category', i.category, 'labels', i.labels, 'assigneeId', i.assignee_id, 'status', i.status,
  'businessValue', i.business_value, 'timeCriticality', i.time_criticality, 'riskReduction', i.risk_reduction,
  'size', i.size, 'releaseCritical', i.release_critical, 'published', i.published,
  'size', i.size, 'releaseCritical', i.release_critical, 'releaseId', i.release_id,
  'severity', i.severity, 'waiting', i.waiting,
  'sla', case when i.sla_applies then json_build_object(
    'responseDueAt', to_char(i.sla_response_due_at at time zone 'UTC', ${ISO}),
    'resolutionDueAt', to_char(i.sla_resolution_due_at at time zone 'UTC', ${ISO}),
    'paused', i.sla_paused, 'breached', coalesce(i.sla_breach_at <= now(), false)) end,
  'costOfDelay', coalesce(i.business_value, 0) + coalesce(i.time_criticality, 0) + coalesce(i.risk_reduction, 0),
  'wsjf', round(i.wsjf, 2)::float8,
  'rank', ord.rank, 'externalId', i.external_id, 'version', i.version,
  'createdAt', to_char(i.created_at at time zone 'UTC', ${ISO}),
  'updatedAt', to_char(i.updated_at at time zone 'UTC', ${ISO}))`;
