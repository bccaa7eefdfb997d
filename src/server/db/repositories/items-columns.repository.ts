/** Item columns as ItemRecord; `i` is items, `ord` its order row, `p` its product (for the key). */
export const ITEM_COLS = `i.id, p.key || '-' || i.number as key, i.number, i.product_id as "productId", i.type,
  i.title, i.problem, i.description, i.acceptance_criteria as "acceptanceCriteria",
  array(select x.segment_id::text from item_segments x where x.item_id = i.id order by x.segment_id) as "segmentIds",
  i.category, i.labels, i.assignee_id as "assigneeId", i.status, i.business_value as "businessValue",
  i.time_criticality as "timeCriticality", i.risk_reduction as "riskReduction", i.size,
  i.release_critical as "releaseCritical", i.published, i.wsjf, ord.rank, i.external_id as "externalId", i.version,
  i.release_critical as "releaseCritical", i.release_id as "releaseId",
  i.severity, i.waiting,
  case when i.sla_applies then json_build_object('responseDueAt', i.sla_response_due_at,
    'resolutionDueAt', i.sla_resolution_due_at, 'paused', i.sla_paused, 'breachAt', i.sla_breach_at) end as sla,
  i.wsjf, ord.rank, i.external_id as "externalId", i.version,
  i.created_at as "createdAt", i.updated_at as "updatedAt"`;

/** What ITEM_COLS reads from: an item, its place in the order (item_order) and its product. */
export const ITEM_FROM =
  'items i join item_order ord on ord.item_id = i.id join products p on p.id = i.product_id';
