import { useDraggable, useDroppable } from '@dnd-kit/core';
import { type CSSProperties, type KeyboardEvent, type MouseEvent, memo } from 'react';
import type { Item } from '#contracts/items.ts';
import { SlaBadge } from '#web/features/sla/sla-clocks.tsx';
import { COLUMNS, type ColumnContext } from './columns.tsx';
import { PublishedBadge } from './item-badges.tsx';
import type { ColumnId } from './view-state.ts';

/**
 * One row of the backlog list: draggable, a drop target, focusable, and selectable for people who
 * can bulk edit (for anyone else a checkbox would lead nowhere, so the row has none).
 */
export interface RowProps {
  item: Item;
  index: number;
  columns: readonly ColumnId[];
  ctx: ColumnContext;
  start: number;
  focused: boolean;
  selected: boolean;
  selectable: boolean;
  open: boolean;
  canDrag: boolean;
  dropIndicator: 'before' | 'after' | null;
  /** Insight's forecast line under this row: its label. */
  forecastLine?: string | undefined;
  onFocusRow: (index: number) => void;
  onOpen: (item: Item) => void;
  onToggle: (item: Item, range: boolean) => void;
  onKeyMove: (item: Item, direction: -1 | 1) => void;
}

export const BacklogRow = memo(function BacklogRow(p: RowProps) {
  const drag = useDraggable({ id: p.item.id, disabled: !p.canDrag, data: { index: p.index } });
  const drop = useDroppable({ id: p.item.id, disabled: !p.canDrag, data: { index: p.index } });
  const setRef = (el: HTMLTableRowElement | null) => {
    drag.setNodeRef(el);
    drop.setNodeRef(el);
  };
  // `top`, not a transform: dnd-kit measures drop targets without transforms.
  const style: CSSProperties = { top: p.start };
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      p.onKeyMove(p.item, e.key === 'ArrowUp' ? -1 : 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      p.onOpen(p.item);
    } else if (p.selectable && (e.key === 'x' || e.key === ' ')) {
      e.preventDefault();
      p.onToggle(p.item, e.shiftKey);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      p.onFocusRow(p.index + (e.key === 'ArrowDown' ? 1 : -1));
    }
  };
  const onClick = (e: MouseEvent<HTMLTableRowElement>) => {
    if ((e.target as HTMLElement).closest('input,button,a')) return;
    if (p.selectable && (e.shiftKey || e.metaKey || e.ctrlKey)) p.onToggle(p.item, e.shiftKey);
    else p.onOpen(p.item);
  };
  // The row is a grid row, not a button: keep dnd-kit's description, drop its role and pressed state.
  // A row that cannot be dragged (a stakeholder's, a sorted list's) gets none of it: dnd-kit would
  // mark it aria-disabled, and it is not disabled: it opens and selects.
  const { role: _role, tabIndex: _tab, 'aria-pressed': _pressed, ...dragAttributes } = drag.attributes;
  return (
    <tr
      ref={setRef}
      aria-rowindex={p.index + 2}
      aria-selected={p.selectable ? p.selected : undefined}
      data-item-id={p.item.id}
      data-key={p.item.key}
      data-index={p.index}
      tabIndex={p.focused ? 0 : -1}
      className="b-row"
      data-open={p.open || undefined}
      data-selected={p.selected || undefined}
      data-dragging={drag.isDragging || undefined}
      data-drop={p.dropIndicator ?? undefined}
      data-forecast-line={p.forecastLine}
      style={style}
      onFocus={(e) => e.target === e.currentTarget && p.onFocusRow(p.index)}
      onKeyDown={onKeyDown}
      onClick={onClick}
      {...(p.canDrag ? { ...dragAttributes, ...drag.listeners } : {})}
    >
      {p.selectable && (
        <td className="b-cell b-select">
          <input
            type="checkbox"
            tabIndex={-1}
            checked={p.selected}
            aria-label={`Select ${p.item.key}`}
            onChange={(e) => p.onToggle(p.item, (e.nativeEvent as globalThis.MouseEvent).shiftKey === true)}
          />
        </td>
      )}
      <td className="b-cell b-key mono">{p.item.key}</td>
      <td className="b-cell b-title">
        <span className="ellipsis">{p.item.title}</span>
        <PublishedBadge on={p.item.published} compact />
        <SlaBadge item={p.item} />
      </td>
      {p.columns.map((c) => (
        <td key={c} className={`b-cell b-col-${c}`}>
          {COLUMNS[c].cell(p.item, p.ctx)}
        </td>
      ))}
    </tr>
  );
});
