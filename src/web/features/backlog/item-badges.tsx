import type { Item } from '#contracts/items.ts';
import type { Segment } from '#contracts/products.ts';
import type { ItemStatus, ItemType } from '#domain/backlog/item-rules.ts';
import { STATUS_LABELS, TYPE_LABELS } from './labels.ts';

/** Small visual atoms of an item: type mark, status pill, size, release-critical and segments. */
const TYPE_GLYPHS: Record<ItemType, string> = {
  story: 'M3 3h10v10H3z',
  enabler: 'M8 2l6 6-6 6-6-6z',
  defect: 'M8 3a5 5 0 1 0 0 10A5 5 0 0 0 8 3zM8 5.5v3M8 10.5v.5',
  spike: 'M9 1.5L3.5 9H8l-1 5.5L12.5 7H8z',
  debt: 'M3 12.5h10M4.5 12.5V6M8 12.5V4M11.5 12.5V8',
};

export function TypeIcon({ type }: { type: ItemType }) {
  return (
    <span className={`type-icon type-${type}`} title={TYPE_LABELS[type]}>
      <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path
          d={TYPE_GLYPHS[type]}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      </svg>
      <span className="sr-only">{TYPE_LABELS[type]}</span>
    </span>
  );
}

export function StatusPill({ status }: { status: ItemStatus }) {
  return <span className={`status-pill status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function SizeBadge({ size }: { size: number | null }) {
  if (size === null) return <span className="chip chip-warn">needs estimate</span>;
  return <span className="num">{size}</span>;
}

export function ReleaseCriticalBadge({ on }: { on: boolean }) {
  return on ? (
    <span className="chip chip-danger" title="We would delay the release for this">
      release-critical
    </span>
  ) : null;
}

const PUBLISHED_TITLE = 'Published to stakeholders: they see it on their portal';

/** `compact`: an eye in a dense row, so the title keeps its room (the word is for screen readers). */
export function PublishedBadge({ on, compact = false }: { on: boolean; compact?: boolean }) {
  if (!on) return null;
  return compact ? (
    <span className="chip-published-eye" title={PUBLISHED_TITLE} role="img" aria-label="published">
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <path
          d="M1 8s2.6-5 7-5 7 5 7 5-2.6 5-7 5-7-5-7-5z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        />
        <circle cx="8" cy="8" r="2.2" fill="currentColor" />
      </svg>
    </span>
  ) : (
    <span className="chip chip-published" title={PUBLISHED_TITLE}>
      published
    </span>
  );
}

/** `max` keeps a dense row to its first chips and a "+N" that names the rest on hover. */
export function SegmentChips({
  ids,
  segments,
  max,
}: {
  ids: readonly string[];
  segments: ReadonlyMap<string, Segment>;
  max?: number;
}) {
  if (ids.length === 0) return <span className="muted">no segment</span>;
  const name = (id: string) => segments.get(id)?.name ?? '…';
  const shown = max === undefined ? ids : ids.slice(0, max);
  const rest = ids.slice(shown.length);
  return (
    <span className="chips" title={rest.length ? ids.map(name).join(', ') : undefined}>
      {shown.map((id) => (
        <span key={id} className="chip">
          <span className="ellipsis">{name(id)}</span>
        </span>
      ))}
      {rest.length > 0 && (
        <span className="chip chip-more">
          +{rest.length}
          <span className="sr-only">: {rest.map(name).join(', ')}</span>
        </span>
      )}
    </span>
  );
}

/** BV · TC · RR as three small numbers, or a dash where the PO has not said yet. */
export function ValueTriplet({ item }: { item: Item }) {
  const v = (n: number | null) => (n === null ? '–' : String(n));
  return (
    <span
      className="num value-triplet"
      title={`Business value ${v(item.businessValue)}, time criticality ${v(item.timeCriticality)}, risk reduction ${v(item.riskReduction)}`}
    >
      {v(item.businessValue)}·{v(item.timeCriticality)}·{v(item.riskReduction)}
    </span>
  );
}
