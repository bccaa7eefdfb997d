import type { ItemPageQuery, ItemSortKey } from '#app/items/ports.ts';
import type { Queryable } from '#db/pool.ts';
import { invalid } from '#domain/errors.ts';
import { textProblem } from '#domain/text.ts';
import { ITEM_FROM } from './items-columns.repository.ts';
import { ITEM_JSON } from './items-json.repository.ts';

/**
 * A cursor comes back from the client: its values must fit the SQL type they are cast to, or
 * PostgreSQL's cast error would be a 500 (a NUL in text, "abc" as a number, 31 February).
 */
function assertCursorFits(cast: string, after: { value: string | null; rank: string }) {
  const fits = (v: string) => {
    switch (cast) {
      case 'text':
        return textProblem(v, true) === null;
      case 'smallint':
        return /^-?\d{1,4}$/.test(v);
      case 'int':
        return /^-?\d{1,9}$/.test(v);
      case 'numeric':
        return /^-?\d{1,30}(\.\d{1,30})?$/.test(v);
      case 'boolean':
        return v === 'true' || v === 'false';
      case 'timestamptz': {
        if (v === 'infinity') return true;
        const m =
          /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/.exec(v);
        if (!m) return false;
        const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [
          number,
          number,
          number,
          number,
          number,
          number,
        ];
        const t = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
        return (
          t.getUTCFullYear() === y &&
          t.getUTCMonth() === mo - 1 &&
          t.getUTCDate() === d &&
          h < 24 &&
          mi < 60 &&
          sec < 60
        );
      }
      default:
        return false;
    }
  };
  if (textProblem(after.rank, false) !== null || (after.value !== null && !fits(after.value)))
    throw invalid({ cursor: 'This cursor is not one this listing gave out; start from the first page' });
}

interface SortSpec {
  /** The expression the index is built on (same text, so the planner uses it). */
  expr: string;
  /** SQL type to cast the cursor value back to. */
  cast: string;
  /** Direction of the index on `expr`; the rank tie-break is ascending in this direction. */
  natural: 'asc' | 'desc';
}

/**
 * Every sortable column, each backed by an index on (product_id, expr) (0104). Ties go in backlog
 * order: the index gives runs of equal values, an incremental sort orders each run by rank.
 */
const SORTS: Record<ItemSortKey, SortSpec> = {
  rank: { expr: 'ord.rank', cast: 'text', natural: 'asc' },
  key: { expr: 'i.number', cast: 'int', natural: 'asc' },
  title: { expr: 'lower(i.title) collate "C"', cast: 'text', natural: 'asc' },
  type: { expr: 'i.type', cast: 'text', natural: 'asc' },
  status: { expr: 'i.status_order', cast: 'smallint', natural: 'asc' },
  category: { expr: 'i.category', cast: 'text', natural: 'asc' },
  segment: { expr: 'i.segment_sort', cast: 'text', natural: 'asc' },
  wsjf: { expr: 'coalesce(i.wsjf, -1)', cast: 'numeric', natural: 'desc' },
  size: { expr: 'coalesce(i.size, -1)', cast: 'numeric', natural: 'asc' },
  businessValue: { expr: 'coalesce(i.business_value, 0)', cast: 'int', natural: 'asc' },
  timeCriticality: { expr: 'coalesce(i.time_criticality, 0)', cast: 'int', natural: 'asc' },
  riskReduction: { expr: 'coalesce(i.risk_reduction, 0)', cast: 'int', natural: 'asc' },
  releaseCritical: { expr: 'i.release_critical', cast: 'boolean', natural: 'asc' },
  // Few people, no index needed: sorted by name through the primary key of users.
  assignee: {
    expr: `coalesce((select lower(u.name) from users u where u.id = i.assignee_id), '~') collate "C"`,
    cast: 'text',
    natural: 'asc',
  },
  createdAt: { expr: 'i.created_at', cast: 'timestamptz', natural: 'asc' },
  updatedAt: { expr: 'i.updated_at', cast: 'timestamptz', natural: 'asc' },
  // SLA due times (issue 13, maintained columns, 0600): soonest first; none (paused, met, no SLA) last.
  responseDueAt: {
    expr: `coalesce(i.sla_response_due_at, 'infinity')`,
    cast: 'timestamptz',
    natural: 'asc',
  },
  resolutionDueAt: {
    expr: `coalesce(i.sla_resolution_due_at, 'infinity')`,
    cast: 'timestamptz',
    natural: 'asc',
  },
};

/** The SLA state filter (issue 13): breached = the earliest breach instant has passed. */
const SLA_STATES = {
  any: 'i.sla_applies',
  breached: 'i.sla_applies and i.sla_breach_at <= now()',
  paused: 'i.sla_applies and i.sla_paused',
  running: `i.sla_applies and not i.sla_paused and coalesce(i.sla_breach_at > now(), true)
    and (i.sla_response_due_at is not null or i.sla_resolution_due_at is not null)`,
} as const;

/**
 * Words of a search as a prefix tsquery ("spons tea" → spons:* & tea:*), or null if none. A word is
 * a run of letters and digits, as the indexed text is split (0105); the database lower-cases both.
 */
export function toPrefixQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length
    ? words
        .slice(0, 8)
        .map((w) => `${w}:*`)
        .join(' & ')
    : null;
}

/**
 * A text search is answered in up to three steps, each bounded, whatever the words match (the
 * planner cannot estimate prefix matches, so it is not left to choose): (1) the first SCAN_ROWS rows
 * in the requested order, tested one by one, stop as soon as a page of matches is found (common
 * words); else (2) the text index finds the product's matches, and up to INDEX_HITS of them are
 * sorted (rare words); else (3) the ordered scan goes on to the end of the page. With both near
 * √(page × items) the worst case stays a few thousand rows at 100,000 items.
 */
export const SEARCH_SCAN_ROWS = 500;
export const SEARCH_INDEX_HITS = 5000;

interface PagePlan {
  spec: SortSpec;
  params: unknown[];
  /** Every condition but the text search. */
  where: string[];
  /** The text search (indexable), or null without one. */
  text: string | null;
  order: string;
  limit: string;
}

/** WHERE, ORDER BY and LIMIT of one page, shared by the row and the JSON forms. */
function planPage(productId: string, q: ItemPageQuery): PagePlan {
  const spec = SORTS[q.sort];
  const params: unknown[] = [productId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  // Both product conditions: either table's index can then drive the scan.
  const where = ['i.product_id = $1', 'ord.product_id = $1', 'i.deleted_at is null'];
  if (q.types?.length) where.push(`i.type = any(${p(q.types)}::text[])`);
  if (q.statuses?.length) where.push(`i.status = any(${p(q.statuses)}::text[])`);
  if (q.categories?.length) where.push(`i.category = any(${p(q.categories)}::text[])`);
  if (q.segmentId)
    where.push(
      `exists (select 1 from item_segments s where s.item_id = i.id and s.segment_id = ${p(q.segmentId)})`,
    );
  if (q.label) where.push(`i.labels @> array[${p(q.label)}::text]`);
  if (q.assignee === 'none') where.push('i.assignee_id is null');
  else if (q.assignee) where.push(`i.assignee_id = ${p(q.assignee)}`);
  if (q.releaseCritical !== undefined) where.push(`i.release_critical = ${p(q.releaseCritical)}`);
  if (q.release === 'none') where.push('i.release_id is null');
  else if (q.release) where.push(`i.release_id = ${p(q.release)}`);
  if (q.severities?.length) where.push(`i.severity = any(${p(q.severities)}::text[])`);
  if (q.sla) where.push(`(${SLA_STATES[q.sla]})`);
  if (q.dueBefore)
    where.push(`least(i.sla_response_due_at, i.sla_resolution_due_at) < ${p(q.dueBefore)}::timestamptz`);
  let text: string | null = null;
  if (q.text) {
    const keyMatch = /^(?:[a-z][a-z0-9]*-)?(\d{1,9})$/i.exec(q.text.trim());
    const ts = toPrefixQuery(q.text);
    const ors: string[] = [];
    // A sub-select, so a row-by-row test (below) parses the query once, not once per row.
    if (ts) ors.push(`i.search @@ (select to_tsquery('simple', ${p(ts)}))`);
    if (keyMatch) ors.push(`i.number = ${p(Number(keyMatch[1]))}`);
    text = ors.length ? `(${ors.join(' or ')})` : 'false';
  }
  const forward = (q.dir ?? spec.natural) === spec.natural;
  const exprDir = forward ? spec.natural : spec.natural === 'asc' ? 'desc' : 'asc';
  const rankDir = forward ? 'asc' : 'desc';
  if (q.after) {
    assertCursorFits(spec.cast, q.after);
    const exprCmp = exprDir === 'asc' ? '>' : '<';
    const rankCmp = rankDir === 'asc' ? '>' : '<';
    if (q.sort === 'rank') {
      // Only bind what the statement uses: an unused parameter has no type and fails to prepare.
      where.push(`ord.rank ${rankCmp} ${p(q.after.rank)}`);
    } else {
      // The bound on the sorted column alone lets its index start the scan at the cursor.
      const v = `${p(q.after.value)}::${spec.cast}`;
      const r = p(q.after.rank);
      where.push(
        `${spec.expr} ${exprCmp}= ${v} and (${spec.expr} ${exprCmp} ${v} or ord.rank ${rankCmp} ${r})`,
      );
    }
  }
  const order = q.sort === 'rank' ? `ord.rank ${rankDir}` : `${spec.expr} ${exprDir}, ord.rank ${rankDir}`;
  return { spec, params, where, text, order, limit: p(q.limit) };
}

/**
 * The ids of one page of a text search, in three bounded steps (see SEARCH_SCAN_ROWS). Each step
 * after the first runs only when the one before found less than a page; `coalesce(…, false)` keeps
 * the planner from using the text index where the step means an ordered scan.
 */
function searchIds(plan: PagePlan): { ctes: string; ids: string } {
  const { where, text, order, limit } = plan;
  const base = where.join(' and ');
  const short = `(select count(*) from scanned) < ${limit}`;
  const ctes = `scanned as materialized (
      select h.id from (
        select i.id, coalesce(${text}, false) as hit from ${ITEM_FROM}
         where ${base} order by ${order} limit ${SEARCH_SCAN_ROWS}) h
       where h.hit limit ${limit}),
    hits as materialized (
      select i.id from items i
       where i.product_id = $1 and i.deleted_at is null and ${text} and ${short}
       limit ${SEARCH_INDEX_HITS + 1}),
    found as (
      select id from scanned where not ${short}
      union all
      (select i.id from ${ITEM_FROM}
        where ${base} and i.id in (select id from hits)
          and ${short} and (select count(*) from hits) <= ${SEARCH_INDEX_HITS}
        order by ${order} limit ${limit})
      union all
      (select i.id from ${ITEM_FROM}
        where ${base} and coalesce(${text}, false)
          and ${short} and (select count(*) from hits) > ${SEARCH_INDEX_HITS}
        order by ${order} limit ${limit}))`;
  // An array, not `in (select …)`: the page then looks its few rows up by key, never by a join.
  return { ctes, ids: 'i.id = any(array(select id from found))' };
}

/**
 * The same page as API JSON text built by the database, plus what the cursor needs: the number of
 * rows found (limit + 1 means there is more) and the sort value and rank of row `keep`.
 */
export async function itemPageJson(
  db: Queryable,
  productId: string,
  q: ItemPageQuery,
  keep: number,
): Promise<{ json: string; found: number; last: { value: string | null; rank: string } | null }> {
  const plan = planPage(productId, q);
  const { spec, params, order, limit } = plan;
  const search = plan.text === null ? null : searchIds(plan);
  const where = search ? [...plan.where, search.ids] : plan.where;
  params.push(keep);
  const k = `$${params.length}`;
  const sql = `${search ? `with ${search.ctes}\n` : ''}select coalesce(json_agg(s.j order by s.n) filter (where s.n <= ${k}), '[]')::text as json,
         count(*)::int as found,
         (array_agg(s.sort_value order by s.n) filter (where s.n = ${k}))[1] as "lastValue",
         (array_agg(s.rank order by s.n) filter (where s.n = ${k}))[1] as "lastRank"
    from (select row_number() over (order by ${order}) as n, ord.rank, (${spec.expr})::text as sort_value,
                 ${ITEM_JSON} as j
            from ${ITEM_FROM}
           where ${where.join(' and ')} order by ${order} limit ${limit}) s`;
  const r = await db.query<{
    json: string;
    found: number;
    lastValue: string | null;
    lastRank: string | null;
  }>(sql, params);
  const row = r.rows[0]!;
  return {
    json: row.json,
    found: row.found,
    last: row.lastRank ? { value: row.lastValue, rank: row.lastRank } : null,
  };
}
