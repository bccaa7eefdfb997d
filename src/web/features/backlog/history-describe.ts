import type { EventType } from '#contracts/events.ts';
import type { Event } from '#contracts/products.ts';
import { workDescribers } from '#web/features/activity/describe-work-event.ts';
import { formatValue, type NameLookup } from './format-value.ts';
import { FIELD_LABELS } from './labels.ts';

/**
 * One line of an item's history in a Product Owner's words: the activity feed's sentence for the
 * event type (describe-work-event.ts, typed by the catalog) with the item called "this item", and
 * only the fields a person edits, named and formatted. Internals of the payload (comment ids,
 * mentions, sprint ids, ranks) and the empty fields of a new item are never listed.
 */
export interface HistoryLine {
  sentence: string;
  /** Field changes: `before` is absent on creation (the value the item started with). */
  changes: Array<{ field: string; label: string; before?: string; after: string }>;
}
export interface HistoryInput {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  type: string;
  changes: ReadonlyArray<{ field: string; before: unknown; after: unknown }>;
}

type ItemEventType = Extract<EventType, `item.${string}`>;
/** Which changes each item event lists: a field diff, the starting values, or none (the sentence says it). */
const LISTS: Record<ItemEventType, 'diff' | 'start' | 'none'> = {
  'item.created': 'start',
  'item.updated': 'diff',
  'item.reimported': 'diff',
  'item.imported': 'none',
  'item.deleted': 'none',
  'item.moved': 'none',
  'item.commented': 'none',
  'item.linked': 'none',
  'item.unlinked': 'none',
  'item.hypothesis_judged': 'none',
  'item.size_refused': 'none',
  'item.resolved': 'none',
  'item.repayment_overdue': 'none',
};

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0);
const short = (s: string) => (s.length > 140 ? `${s.slice(0, 140)}…` : s);

export function describeHistoryEntry(itemId: string, h: HistoryInput, names: NameLookup): HistoryLine {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const c of h.changes) {
    if (c.before !== null) before[c.field] = c.before;
    if (c.after !== null) after[c.field] = c.after;
  }
  const known = Object.hasOwn(LISTS, h.type);
  const who = h.actor?.name ?? 'Tandem';
  const event: Event = {
    id: h.id,
    productId: null,
    actor: h.actor,
    entityType: 'item',
    entityId: itemId,
    type: h.type as EventType,
    before,
    after,
    at: h.at,
  };
  const sentence = known
    ? workDescribers[h.type as ItemEventType](event, who, new Map([[itemId, 'this item']]))
    : `${who} changed this item`;
  const mode = known ? LISTS[h.type as ItemEventType] : 'diff';
  if (mode === 'none') return { sentence, changes: [] };
  const edited = h.changes.filter((c) => Object.hasOwn(FIELD_LABELS, c.field) && c.field !== 'rank');
  const changes =
    mode === 'start'
      ? edited
          .filter((c) => !isEmpty(c.after))
          .map((c) => ({
            field: c.field,
            label: FIELD_LABELS[c.field]!,
            after: short(formatValue(c.field, c.after, names)),
          }))
      : edited
          .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after))
          .map((c) => ({
            field: c.field,
            label: FIELD_LABELS[c.field]!,
            before: short(formatValue(c.field, c.before, names)),
            after: short(formatValue(c.field, c.after, names)),
          }));
  return { sentence, changes };
}
