import {
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Item } from '#contracts/items.ts';
import { BacklogRow } from './backlog-row.tsx';
import { type ColumnContext, gridMinWidth, gridTracks, keyColumnWidth } from './columns.tsx';
import { dropSide } from './list-cache.ts';
import { ListHeader } from './list-header.tsx';
import type { BacklogView, ColumnId } from './view-state.ts';

/**
 * The virtualised backlog list: only the rows in view (plus a margin) are in the DOM, so 10,000
 * items scroll as smoothly as 10. Pages load as the end comes near. Rows drag to a new place
 * (mouse/touch) or move with Alt+↑/↓; the parent persists the move.
 */
export const ROW_HEIGHT = 40;

const PANEL_COLUMNS: ReadonlySet<ColumnId> = new Set<ColumnId>(['type', 'size', 'wsjf', 'status']);

export interface BacklogListProps {
  items: readonly Item[];
  view: BacklogView;
  ctx: ColumnContext;
  hasMore: boolean;
  loadMore: () => void;
  canReorder: boolean;
  focusedIndex: number;
  setFocusedIndex: (i: number) => void;
  selected: ReadonlySet<string>;
  /** Rows can be selected (for bulk edit): only for people who may bulk edit. */
  selectable: boolean;
  onToggle: (item: Item, range: boolean) => void;
  openId: string | null;
  onOpen: (item: Item) => void;
  onMove: (item: Item, anchor: Item, side: 'before' | 'after') => void;
  /** Moves one place up/down; returns the new index, or null at an end. */
  onMoveBy: (itemId: string, direction: -1 | 1) => number | null;
  onSort: (sort: BacklogView['sort']) => void;
  onToggleAll: () => void;
  /** Insight's forecast line, drawn under the row `afterId` (issue 11). */
  forecastLine?: { afterId: string; label: string } | null;
}

export function BacklogList(p: BacklogListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeIndex, setActiveIndex] = useState<number | null>(null);
  const [overIndex, setOverIndex] = useState<number | null>(null);
  const count = p.items.length + (p.hasMore ? 1 : 0);
  // Keep the dragged and the focused row mounted even when scrolled away, so neither is lost.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const keep = new Set(defaultRangeExtractor(range));
      if (activeIndex !== null) keep.add(activeIndex);
      if (p.focusedIndex >= 0 && p.focusedIndex < count) keep.add(p.focusedIndex);
      return [...keep].sort((a, b) => a - b);
    },
    [activeIndex, p.focusedIndex, count],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    rangeExtractor,
    getItemKey: (i) => p.items[i]?.id ?? `more-${i}`,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const last = virtualItems.at(-1);
  const { hasMore, loadMore } = p;
  useEffect(() => {
    if (hasMore && last && last.index >= p.items.length - 60) loadMore();
  }, [hasMore, last, p.items.length, loadMore]);

  // J/K, arrows and Alt+arrows move focus: scroll the row in, then focus it.
  const focusedIndex = p.focusedIndex;
  useEffect(() => {
    if (focusedIndex < 0) return;
    const root = scrollRef.current;
    if (!root?.contains(document.activeElement)) return;
    virtualizer.scrollToIndex(focusedIndex, { align: 'auto' });
    const row = root.querySelector<HTMLElement>(`[data-index="${focusedIndex}"]`);
    if (row && document.activeElement !== row) row.focus({ preventScroll: true });
  }, [focusedIndex, virtualizer]);

  // An item opened from elsewhere (a link from the activity feed, the palette, a shared URL) is
  // scrolled into view once, as soon as its page has loaded, so the list shows which row is open.
  const scrolledTo = useRef<string | null>(null);
  const openIndex = p.openId ? p.items.findIndex((x) => x.id === p.openId) : -1;
  useEffect(() => {
    if (!p.openId || openIndex < 0 || scrolledTo.current === p.openId) return;
    scrolledTo.current = p.openId;
    virtualizer.scrollToIndex(openIndex, { align: 'center' });
  }, [p.openId, openIndex, virtualizer]);

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));
  const indexOf = (id: unknown) => p.items.findIndex((x) => x.id === id);
  const onDragStart = (e: DragStartEvent) => setActiveIndex(indexOf(e.active.id));
  const onDragOver = (e: DragOverEvent) => setOverIndex(e.over ? indexOf(e.over.id) : null);
  const onDragEnd = (e: DragEndEvent) => {
    const from = activeIndex;
    setActiveIndex(null);
    setOverIndex(null);
    if (from === null || !e.over) return;
    const to = indexOf(e.over.id);
    const item = p.items[from];
    const anchor = p.items[to];
    if (item && anchor && from !== to) p.onMove(item, anchor, dropSide(from, to));
  };
  const { canReorder, onMoveBy, setFocusedIndex } = p;
  const onKeyMove = useCallback(
    (item: Item, direction: -1 | 1) => {
      if (!canReorder) return;
      const at = onMoveBy(item.id, direction);
      if (at !== null) setFocusedIndex(at);
    },
    [canReorder, onMoveBy, setFocusedIndex],
  );
  const keyWidth = useMemo(() => keyColumnWidth(p.items.map((i) => i.key)), [p.items]);
  // With the detail panel open the list is half as wide: keep the columns that say what to pick
  // next (type, size, WSJF, status) rather than scroll the status out of sight.
  const panelOpen = p.openId !== null;
  const view = useMemo(
    () => (panelOpen ? { ...p.view, columns: p.view.columns.filter((c) => PANEL_COLUMNS.has(c)) } : p.view),
    [panelOpen, p.view],
  );
  const { selectable } = p;
  const tracks = useMemo(
    () => gridTracks(view.columns, { keyWidth, selectable, compact: panelOpen }),
    [view.columns, keyWidth, selectable, panelOpen],
  );
  const active = activeIndex === null ? undefined : p.items[activeIndex];

  return (
    <DndContext
      sensors={sensors}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        setActiveIndex(null);
        setOverIndex(null);
      }}
    >
      <div
        ref={scrollRef}
        className="b-list"
        style={{
          ['--b-grid' as string]: tracks.join(' '),
          ['--b-min' as string]: gridMinWidth(tracks),
          ['--b-key' as string]: keyWidth,
        }}
      >
        <table
          className="b-table"
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an interactive grid: focusable, selectable, draggable rows
          role="grid"
          aria-label="Backlog items"
          aria-rowcount={hasMore ? -1 : p.items.length + 1}
          aria-multiselectable={selectable || undefined}
        >
          <ListHeader
            view={view}
            onSort={p.onSort}
            onToggleAll={p.onToggleAll}
            selectedCount={p.selected.size}
            total={p.items.length}
            selectable={selectable}
          />
          <tbody className="b-body" style={{ height: virtualizer.getTotalSize() }}>
            {virtualItems.map((v) => {
              const item = p.items[v.index];
              if (!item)
                return (
                  <tr key={v.key} className="b-row b-loading" style={{ top: v.start }}>
                    <td className="b-cell muted">Loading more items…</td>
                  </tr>
                );
              const isOver = overIndex === v.index && activeIndex !== null && activeIndex !== v.index;
              return (
                <BacklogRow
                  key={v.key}
                  item={item}
                  index={v.index}
                  columns={view.columns}
                  ctx={p.ctx}
                  start={v.start}
                  focused={v.index === p.focusedIndex || (p.focusedIndex < 0 && v.index === 0)}
                  selected={p.selected.has(item.id)}
                  selectable={selectable}
                  open={item.id === p.openId}
                  forecastLine={p.forecastLine?.afterId === item.id ? p.forecastLine.label : undefined}
                  canDrag={p.canReorder}
                  dropIndicator={isOver ? dropSide(activeIndex, v.index) : null}
                  onFocusRow={p.setFocusedIndex}
                  onOpen={p.onOpen}
                  onToggle={p.onToggle}
                  onKeyMove={onKeyMove}
                />
              );
            })}
          </tbody>
        </table>
      </div>
      <DragOverlay dropAnimation={null}>
        {active ? (
          <div className="b-drag-ghost">
            <span className="mono">{active.key}</span> {active.title}
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
