import type { EventType } from '#contracts/events.ts';
import type { Event } from '#contracts/products.ts';
import { FIELD_LABELS, STATUS_LABELS } from '#web/features/backlog/labels.ts';

/**
 * Sentences for backlog and sprint events. Their payloads carry ids and changed fields, not always
 * the item's key and title, so the feed passes `names` (entity id → "VIP-5 “Import profiles”",
 * sprint id → "Sprint 5") resolved from the backlog and sprint list; without it the sentence
 * still reads ("moved an item from New to Done").
 */
export type EntityNames = ReadonlyMap<string, string>;
export type WorkDescriber = (e: Event, who: string, names: EntityNames) => string;
/** The catalog's backlog, sprint and poker types: this file must describe every one. */
export type WorkEventType = Extract<
  EventType,
  | `item.${string}`
  | `sprint.${string}`
  | `backlog.${string}`
  | `poker.${string}`
  | 'definition_of_done.updated'
>;

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const status = (v: unknown): string =>
  typeof v === 'string' && v in STATUS_LABELS
    ? STATUS_LABELS[v as keyof typeof STATUS_LABELS]
    : 'another status';
const points = (n: number): string => `${n} ${n === 1 ? 'point' : 'points'}`;
const reason = (v: unknown): string => (str(v) ? `: “${str(v)}”` : '');

/** The item an event is about, as specifically as the payload and `names` allow. */
function itemName(e: Event, names: EntityNames, id = e.entityId): string {
  const known = names.get(id);
  if (known) return known;
  const a = obj(e.after);
  const b = obj(e.before);
  const key = str(a.key) ?? str(b.key);
  const title = str(a.title) ?? str(b.title);
  if (key && title) return `${key} “${title}”`;
  return key ?? (title ? `“${title}”` : 'an item');
}

function sprintName(e: Event, names: EntityNames): string {
  return names.get(e.entityId) ?? str(obj(e.after).name) ?? 'a sprint';
}

function itemUpdated(e: Event, who: string, names: EntityNames): string {
  const a = obj(e.after);
  const b = obj(e.before);
  const item = itemName(e, names);
  if ('status' in a) {
    const why = reason(a.comment ?? a.reason);
    if (a.returnedFromSprint) return `${who} returned ${item} to the backlog as ${status(a.status)}`;
    return `${who} moved ${item} from ${status(b.status)} to ${status(a.status)}${why}`;
  }
  if ('size' in a && Object.keys(a).every((k) => ['size', 'sprintId', 'reason'].includes(k))) {
    const to = num(a.size);
    const from = num(b.size);
    if (to === undefined) return `${who} cleared the size of ${item}`;
    const how = from === undefined ? `sized ${item} at` : `re-sized ${item} from ${from} to`;
    return `${who} ${how} ${points(to)}${reason(a.reason)}`;
  }
  const fields = Object.keys(a)
    .filter((k) => k in FIELD_LABELS)
    .map((k) => FIELD_LABELS[k]!.toLowerCase());
  return `${who} edited ${item}${fields.length ? ` (${fields.join(', ')})` : ''}`;
}

function sprintClosed(e: Event, who: string, names: EntityNames): string {
  const a = obj(e.after);
  const done = num(a.completedPoints);
  const carried = Array.isArray(a.carriedOver) ? a.carriedOver.filter((k) => typeof k === 'string') : [];
  const parts = [done === undefined ? '' : `${points(done)} completed`];
  if (carried.length) parts.push(`${carried.join(', ')} carried over`);
  const detail = parts.filter(Boolean).join(', ');
  return `${who} closed ${sprintName(e, names)}${detail ? `: ${detail}` : ''}`;
}

function sprintStarted(e: Event, who: string, names: EntityNames): string {
  const a = obj(e.after);
  const committed = num(a.committedPoints);
  const items = num(a.items);
  const scope = [items === undefined ? '' : `${items} ${items === 1 ? 'item' : 'items'}`];
  if (committed !== undefined) scope.push(points(committed));
  const what = scope.filter(Boolean).join(', ');
  return `${who} started ${sprintName(e, names)}${what ? ` with ${what}` : ''}${a.overForecast ? ', above the forecast' : ''}`;
}

function itemMoved(e: Event, who: string, names: EntityNames): string {
  const a = obj(e.after);
  const above = str(a.before) && names.get(str(a.before)!);
  const below = str(a.after) && names.get(str(a.after)!);
  const where = above ? ` above ${above}` : below ? ` below ${below}` : ' in the backlog order';
  return `${who} moved ${itemName(e, names)}${where}`;
}

function reorderedByWsjf(e: Event, who: string): string {
  const moves = obj(e.after).moves;
  const n = Array.isArray(moves) ? moves.length : undefined;
  const count = n === undefined ? '' : ` (${n} ${n === 1 ? 'item' : 'items'} moved)`;
  return `${who} ordered the backlog by WSJF${count}`;
}

function pokerOpened(e: Event, who: string): string {
  const ids = obj(e.after).itemIds;
  const n = Array.isArray(ids) ? ids.length : 0;
  return `${who} opened planning poker${n ? ` for ${n} ${n === 1 ? 'item' : 'items'}` : ''}`;
}

export const workDescribers: Record<WorkEventType, WorkDescriber> = {
  'item.created': (e, who, n) => `${who} created ${itemName(e, n)}`,
  'item.updated': itemUpdated,
  'item.deleted': (e, who, n) => `${who} deleted ${itemName(e, n)}`,
  'item.moved': itemMoved,
  'item.commented': (e, who, n) => `${who} commented on ${itemName(e, n)}`,
  'item.linked': (e, who, n) =>
    `${who} linked ${itemName(e, n)}${str(obj(e.after).links) ? `: ${str(obj(e.after).links)}` : ''}`,
  'item.unlinked': (e, who, n) => `${who} removed a link from ${itemName(e, n)}`,
  'item.imported': (e, who, n) => `${who} imported ${itemName(e, n)}`,
  'item.reimported': (e, who, n) => `${who} updated ${itemName(e, n)} from an import`,
  'item.hypothesis_judged': (e, who, n) =>
    `${who} judged the benefit hypothesis of ${itemName(e, n)} ${str(obj(e.after).status) ?? ''}`.trim(),
  'item.size_refused': (e, who, n) =>
    `${who} tried to size ${itemName(e, n)}; only the team estimates, so it was not changed`,
  'item.repayment_overdue': (e, who, n) =>
    `${who} noted that ${itemName(e, n)} passed its due date${str(obj(e.after).dueDate) ? ` (${str(obj(e.after).dueDate)})` : ''} with the workaround it repays still in place`,
  'item.resolved': (e, who, n) =>
    obj(e.after).resolution === 'workaround'
      ? `${who} resolved ${itemName(e, n)} by a workaround, with a repayment item to replace it`
      : `${who} resolved ${itemName(e, n)} with a fix`,
  'backlog.reordered_by_wsjf': reorderedByWsjf,
  'backlog.order_restored': (e, who) => {
    const moves = obj(e.after).moves;
    const n = Array.isArray(moves) ? moves.length : undefined;
    return `${who} undid the last applied order${n === undefined ? '' : ` (${n} ${n === 1 ? 'item' : 'items'} back in place)`}`;
  },
  'backlog.settings_changed': (_e, who) => `${who} changed the Definition of Ready and backlog settings`,
  'sprint.created': (e, who, n) => `${who} planned ${sprintName(e, n)}`,
  'sprint.updated': (e, who, n) => `${who} changed the dates, goal or capacity of ${sprintName(e, n)}`,
  'sprint.started': sprintStarted,
  'sprint.justified': (e, who, n) => `${who} explained the allocation of ${sprintName(e, n)}`,
  'sprint.closed': sprintClosed,
  'sprint.item_added': (e, who, n) =>
    `${who} added ${itemName(e, n, str(obj(e.after).itemId) ?? '')} to ${sprintName(e, n)}${reason(obj(e.after).reason)}`,
  'sprint.item_removed': (e, who, n) =>
    `${who} took ${itemName(e, n, str(obj(e.after).itemId) ?? '')} out of ${sprintName(e, n)}${reason(obj(e.after).reason)}`,
  'definition_of_done.updated': (_e, who) => `${who} updated the Definition of Done`,
  'poker.opened': pokerOpened,
};
