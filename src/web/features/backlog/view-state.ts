import { ITEM_SORTS, type ItemSort } from '#contracts/items.ts';
import type { ItemCategory, ItemStatus, ItemType } from '#domain/backlog/item-rules.ts';
import {
  CLOSED_STATUSES,
  ITEM_CATEGORIES,
  ITEM_STATUSES,
  ITEM_TYPES,
  isOpen,
} from '#domain/backlog/item-rules.ts';

/**
 * What the backlog shows, as plain data that round-trips through the URL's search params, so a
 * view can be bookmarked, shared and saved. Only non-default values are written to the URL.
 */
export const COLUMN_IDS = [
  'type',
  'segments',
  'value',
  'size',
  'wsjf',
  'releaseCritical',
  'status',
  'assignee',
  'labels',
  'category',
  'updatedAt',
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];
export const DEFAULT_COLUMNS: readonly ColumnId[] = [
  'type',
  'segments',
  'value',
  'size',
  'wsjf',
  'releaseCritical',
  'status',
];

export interface BacklogView {
  types: ItemType[];
  statuses: ItemStatus[];
  categories: ItemCategory[];
  segment: string | null;
  label: string | null;
  /** A user id, 'none' for unassigned, or null for anyone. */
  assignee: string | null;
  releaseCritical: boolean | null;
  /** Defects by SLA state now (issue 13): breached, running, paused, or any with an SLA. */
  sla: SlaFilter | null;
  /**
   * Finished work (done, accepted, rejected) is hidden unless this is on, as in Linear and Jira:
   * the backlog is the work still to do. Choosing statuses explicitly overrides it.
   */
  finished: boolean;
  q: string;
  sort: ItemSort;
  dir: 'asc' | 'desc';
  columns: ColumnId[];
}

export const SLA_FILTERS = ['breached', 'running', 'paused', 'any'] as const;
export type SlaFilter = (typeof SLA_FILTERS)[number];

export const DEFAULT_VIEW: BacklogView = {
  types: [],
  statuses: [],
  categories: [],
  segment: null,
  label: null,
  assignee: null,
  releaseCritical: null,
  sla: null,
  finished: false,
  q: '',
  sort: 'rank',
  dir: 'asc',
  columns: [...DEFAULT_COLUMNS],
};

/** Params the view owns; anything else in the URL (e.g. `item`) is left alone. */
const VIEW_PARAMS = [
  'type',
  'status',
  'category',
  'segment',
  'label',
  'assignee',
  'rc',
  'sla',
  'finished',
  'q',
  'sort',
  'dir',
  'cols',
];

const listOf = <T extends string>(raw: string | null, allowed: readonly T[]): T[] =>
  (raw ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));

export function parseView(params: URLSearchParams): BacklogView {
  const sort = params.get('sort');
  const cols = params.get('cols');
  const rc = params.get('rc');
  return {
    types: listOf(params.get('type'), ITEM_TYPES),
    statuses: listOf(params.get('status'), ITEM_STATUSES),
    categories: listOf(params.get('category'), ITEM_CATEGORIES),
    segment: params.get('segment') || null,
    label: params.get('label') || null,
    assignee: params.get('assignee') || null,
    releaseCritical: rc === 'yes' ? true : rc === 'no' ? false : null,
    sla: listOf(params.get('sla'), SLA_FILTERS)[0] ?? null,
    finished: params.get('finished') === 'show',
    q: params.get('q') ?? '',
    sort: (ITEM_SORTS as readonly string[]).includes(sort ?? '') ? (sort as ItemSort) : 'rank',
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    columns: cols === null ? [...DEFAULT_COLUMNS] : listOf(cols, COLUMN_IDS),
  };
}

/** Writes `view` into a copy of `params`, dropping defaults so URLs stay short. */
export function writeView(view: BacklogView, params = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const p of VIEW_PARAMS) out.delete(p);
  const set = (k: string, v: string | null) => {
    if (v) out.set(k, v);
  };
  set('type', view.types.join(','));
  set('status', view.statuses.join(','));
  set('category', view.categories.join(','));
  set('segment', view.segment);
  set('label', view.label);
  set('assignee', view.assignee);
  set('rc', view.releaseCritical === null ? null : view.releaseCritical ? 'yes' : 'no');
  set('sla', view.sla);
  set('finished', view.finished ? 'show' : null);
  set('q', view.q.trim());
  if (view.sort !== 'rank') set('sort', view.sort);
  if (view.dir === 'desc') set('dir', 'desc');
  if (view.columns.join(',') !== DEFAULT_COLUMNS.join(',')) out.set('cols', view.columns.join(','));
  return out;
}

/** The API query for one page of this view (the server filters and sorts). */
export function listQuery(view: BacklogView, cursor: string | null, limit: number): string {
  const q = new URLSearchParams();
  if (view.types.length) q.set('type', view.types.join(','));
  const statuses = shownStatuses(view);
  if (statuses.length) q.set('status', statuses.join(','));
  if (view.categories.length) q.set('category', view.categories.join(','));
  if (view.segment) q.set('segment', view.segment);
  if (view.label) q.set('label', view.label);
  if (view.assignee) q.set('assignee', view.assignee);
  if (view.releaseCritical !== null) q.set('releaseCritical', String(view.releaseCritical));
  if (view.sla) q.set('sla', view.sla);
  if (view.q.trim()) q.set('q', view.q.trim());
  q.set('sort', view.sort);
  q.set('dir', view.dir);
  if (cursor) q.set('cursor', cursor);
  q.set('limit', String(limit));
  return q.toString();
}

/** The statuses the list asks for: the chosen ones, else open work only unless finished is shown ([] = all). */
export function shownStatuses(view: BacklogView): ItemStatus[] {
  if (view.statuses.length) return view.statuses;
  return view.finished ? [] : ITEM_STATUSES.filter(isOpen);
}

/** How many of the statuses this view hides by default (for the "Show finished" toggle's hint). */
export const FINISHED_STATUSES = CLOSED_STATUSES;

/** Manual drag-and-drop order only makes sense while the list shows the backlog's own order. */
export const isRankOrder = (view: BacklogView): boolean => view.sort === 'rank' && view.dir === 'asc';

export const hasFilters = (view: BacklogView): boolean =>
  view.types.length > 0 ||
  view.statuses.length > 0 ||
  view.categories.length > 0 ||
  view.segment !== null ||
  view.label !== null ||
  view.assignee !== null ||
  view.releaseCritical !== null ||
  view.sla !== null ||
  view.q.trim() !== '';

/** The view's filters and sort as a stable string (query key, saved-view comparison). */
export const viewKey = (view: BacklogView): string => listQuery(view, null, 0);

/** The board's view of one status column, in backlog order. */
export const columnView = (status: ItemStatus): BacklogView => ({ ...DEFAULT_VIEW, statuses: [status] });

/** Every item whatever its status (e.g. finding an item by its key). */
export const ALL_ITEMS_VIEW: BacklogView = { ...DEFAULT_VIEW, finished: true };

/** The item open in the detail panel is `?item=` beside the view: a URL update that sets or clears it. */
export const withItem =
  (id: string | null) =>
  (params: URLSearchParams): URLSearchParams => {
    const next = new URLSearchParams(params);
    if (id) next.set('item', id);
    else next.delete('item');
    return next;
  };
