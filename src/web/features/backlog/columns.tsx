import type { ReactNode } from 'react';
import type { Item, ItemSort } from '#contracts/items.ts';
import type { Segment } from '#contracts/products.ts';
import {
  ReleaseCriticalBadge,
  SegmentChips,
  SizeBadge,
  StatusPill,
  TypeIcon,
  ValueTriplet,
} from './item-badges.tsx';
import { CATEGORY_LABELS, formatWsjf } from './labels.ts';
import type { ColumnId } from './view-state.ts';

/** The optional columns of the backlog list: header, width, server-side sort key and cell. */
export interface ColumnContext {
  segments: ReadonlyMap<string, Segment>;
  people: ReadonlyMap<string, string>;
}

export interface ColumnDef {
  id: ColumnId;
  label: string;
  /** The label in full, where the header has to abbreviate (shown on hover and in the Columns menu). */
  hint?: string;
  /** CSS grid track. */
  width: string;
  sort: ItemSort;
  cell: (item: Item, ctx: ColumnContext) => ReactNode;
}

export const COLUMNS: Record<ColumnId, ColumnDef> = {
  type: { id: 'type', label: 'Type', width: '52px', sort: 'type', cell: (i) => <TypeIcon type={i.type} /> },
  segments: {
    id: 'segments',
    label: 'Segments',
    // Room for a typical segment name and a "+1".
    width: 'minmax(160px, 1fr)',
    sort: 'segment',
    cell: (i, c) => <SegmentChips ids={i.segmentIds} segments={c.segments} max={1} />,
  },
  value: {
    id: 'value',
    // The three inputs of cost of delay, in the order the cell shows them (13·8·3).
    label: 'Value·Time·Risk',
    hint: 'Business value · Time criticality · Risk reduction',
    width: '124px',
    sort: 'businessValue',
    cell: (i) => <ValueTriplet item={i} />,
  },
  size: { id: 'size', label: 'Size', width: '104px', sort: 'size', cell: (i) => <SizeBadge size={i.size} /> },
  wsjf: {
    id: 'wsjf',
    label: 'WSJF',
    width: '60px',
    sort: 'wsjf',
    cell: (i) => <span className="num">{i.size === null ? '—' : formatWsjf(i.wsjf)}</span>,
  },
  releaseCritical: {
    id: 'releaseCritical',
    label: 'Release',
    width: '120px',
    sort: 'releaseCritical',
    cell: (i) => <ReleaseCriticalBadge on={i.releaseCritical} />,
  },
  status: {
    id: 'status',
    label: 'Status',
    width: '100px',
    sort: 'status',
    cell: (i) => <StatusPill status={i.status} />,
  },
  assignee: {
    id: 'assignee',
    label: 'Assignee',
    width: '120px',
    sort: 'assignee',
    cell: (i, c) => (
      <span className="ellipsis">{i.assigneeId ? (c.people.get(i.assigneeId) ?? '…') : ''}</span>
    ),
  },
  labels: {
    id: 'labels',
    label: 'Labels',
    width: 'minmax(100px, 1fr)',
    sort: 'title',
    cell: (i) => (
      <span className="chips">
        {i.labels.map((l) => (
          <span key={l} className="chip chip-label">
            {l}
          </span>
        ))}
      </span>
    ),
  },
  category: {
    id: 'category',
    label: 'Category',
    width: '90px',
    sort: 'category',
    cell: (i) => CATEGORY_LABELS[i.category],
  },
  updatedAt: {
    id: 'updatedAt',
    label: 'Updated',
    width: '96px',
    sort: 'updatedAt',
    cell: (i) => <time dateTime={i.updatedAt}>{new Date(i.updatedAt).toLocaleDateString()}</time>,
  },
};

/** Labels have no server sort of their own; their header is not a sort button. */
export const isSortable = (c: ColumnDef): boolean => c.id !== 'labels';

/**
 * The key column fits the longest key loaded ("LEAGUE-123" needs more room than "VIP-9"): about
 * 7.5 px per monospace character at the list's 12 px, plus the cell's padding.
 */
export const keyColumnWidth = (keys: readonly string[]): string =>
  `${Math.max(64, Math.ceil(Math.max(0, ...keys.map((k) => k.length)) * 7.5 + 20))}px`;

/**
 * The grid tracks for the shown columns: select (when rows are selectable), key and title come
 * first. Beside the item panel the title may shrink further, so the columns that stay still fit.
 */
export const gridTracks = (
  columns: readonly ColumnId[],
  { keyWidth = '76px', selectable = true, compact = false } = {},
): string[] => [
  ...(selectable ? ['28px'] : []),
  keyWidth,
  compact ? 'minmax(150px, 3fr)' : 'minmax(200px, 3fr)',
  ...columns.map((c) => COLUMNS[c].width),
];

/** The narrowest a row can be: the sum of its tracks' minimums (the list scrolls below that). */
export const gridMinWidth = (tracks: readonly string[]): string =>
  `${tracks.reduce((sum, t) => sum + Number(/(\d+)px/.exec(t)?.[1] ?? 0), 0)}px`;
