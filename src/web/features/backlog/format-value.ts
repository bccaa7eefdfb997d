import type { ItemCategory, ItemStatus, ItemType } from '#domain/backlog/item-rules.ts';
import { CATEGORY_LABELS, STATUS_LABELS, TYPE_LABELS } from './labels.ts';

/** A field's value as short text, for conflict comparison and the history timeline. */
export interface NameLookup {
  segments: ReadonlyMap<string, { name: string }>;
  people: ReadonlyMap<string, string>;
}

export function formatValue(field: string, value: unknown, names: NameLookup): string {
  if (field === 'segmentWeights' && value === null) return 'an even split';
  if (value === null || value === undefined || value === '') return '(empty)';
  switch (field) {
    case 'status':
      return STATUS_LABELS[value as ItemStatus] ?? String(value);
    case 'type':
      return TYPE_LABELS[value as ItemType] ?? String(value);
    case 'category':
      return CATEGORY_LABELS[value as ItemCategory] ?? String(value);
    case 'releaseCritical':
      return value ? 'Yes, we would delay the release' : 'No';
    case 'segmentIds':
      return Array.isArray(value) && value.length
        ? value.map((id) => names.segments.get(String(id))?.name ?? 'a removed segment').join(', ')
        : '(none)';
    case 'assigneeId':
      return names.people.get(String(value)) ?? 'someone';
    case 'labels':
      return Array.isArray(value) && value.length ? value.join(', ') : '(none)';
    case 'acceptanceCriteria':
      return Array.isArray(value) && value.length
        ? value
            .map(
              (c: { given?: string; when?: string; then?: string }, i) =>
                `${i + 1}. Given ${c.given} When ${c.when} Then ${c.then}`,
            )
            .join('\n')
        : '(none)';
    case 'hypothesis': {
      const h = value as { belief?: string; outcome?: string; signal?: string };
      return `We believe ${h.belief} will result in ${h.outcome}; we will know when ${h.signal}.`;
    }
    case 'segmentWeights':
      return Object.entries(value as Record<string, number>)
        .map(([id, w]) => `${names.segments.get(id)?.name ?? 'a removed segment'} ${w} %`)
        .join(', ');
    case 'debt': {
      if (!value) return '(none)';
      const d = value as { fixHours?: { min?: number; max?: number }; weeklyHours?: number };
      return `${d.fixHours?.min}–${d.fixHours?.max} h to fix, ${d.weeklyHours} h lost per week`;
    }
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
