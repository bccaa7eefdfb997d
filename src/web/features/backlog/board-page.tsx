import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Item } from '#contracts/items.ts';
import { canTransition, ITEM_STATUSES, type ItemStatus } from '#domain/backlog/item-rules.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { isApiError } from '#web/lib/api.ts';
import { useSegments } from '#web/lib/queries.ts';
import { BoardColumn } from './board-column.tsx';
import {
  boardAnnouncements,
  boardKeyboardCoordinates,
  boardScreenReaderInstructions,
} from './board-keyboard.ts';
import { BoardMore, useBoardOverflow } from './board-overflow.tsx';
import { BoardRefusal, type Refusal } from './board-refusal.tsx';
import { ItemPanel } from './item-panel.tsx';
import { backlogKeys, updateItem } from './items-api.ts';
import { STATUS_LABELS } from './labels.ts';
import { type ListData, patchInPages } from './list-cache.ts';
import { usePatchCachedItem } from './use-backlog-list.ts';
import { isTyping } from './use-backlog-shortcuts.ts';
import { columnView, viewKey, withItem } from './view-state.ts';

/** The board: one column per status, cards in backlog order; drag a card to change its status. */
export function BoardPage() {
  const product = useProduct();
  const qc = useQueryClient();
  const canEdit = useCan(ROLES.contributors);
  const segments = new Map((useSegments(product.id).data ?? []).map((s) => [s.id, s]));
  const [params, setParams] = useSearchParams();
  const openId = params.get('item');
  const [active, setActive] = useState<Item | null>(null);
  const [message, setMessage] = useState<Refusal | null>(null);
  const patchCached = usePatchCachedItem(product.id);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    // Instant scroll: a smooth one leaves the columns' rects stale for the next arrow press.
    useSensor(KeyboardSensor, { coordinateGetter: boardKeyboardCoordinates, scrollBehavior: 'auto' }),
  );
  const announcements = useMemo(boardAnnouncements, []);
  const keyOf = useCallback(
    (s: ItemStatus) => backlogKeys.list(product.id, viewKey(columnView(s))),
    [product.id],
  );

  const boardRef = useRef<HTMLDivElement>(null);
  const overflow = useBoardOverflow(boardRef);
  const dragging = useRef(false);
  const onDragStart = (e: DragStartEvent) => {
    dragging.current = true;
    // A new drag makes the last refusal old news.
    setMessage(null);
    setActive((e.active.data.current?.item as Item | undefined) ?? null);
  };
  const closePanel = useCallback(() => setParams(withItem(null)), [setParams]);
  // Escape puts away the refusal first, then the item panel (as in the list). Not while a card is
  // lifted: there Escape only cancels the drag.
  const onEscape = useRef<() => void>(() => undefined);
  onEscape.current = () => (message ? setMessage(null) : openId ? closePanel() : undefined);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || dragging.current) return;
      if (document.querySelector('[aria-modal="true"]') || isTyping(e.target)) return;
      onEscape.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const onDragEnd = async (e: DragEndEvent) => {
    dragging.current = false;
    setActive(null);
    const item = e.active.data.current?.item as Item | undefined;
    const to = e.over?.id as ItemStatus | undefined;
    if (!item || !to || to === item.status) return;
    if (!canTransition(item.status, to)) {
      setMessage({
        itemId: item.id,
        text: `${item.key} cannot go from ${STATUS_LABELS[item.status]} to ${STATUS_LABELS[to]} directly.`,
      });
      return;
    }
    const fromKey = keyOf(item.status);
    const toKey = keyOf(to);
    const before = { from: qc.getQueryData<ListData>(fromKey), to: qc.getQueryData<ListData>(toKey) };
    // Optimistic: the card leaves its column and appears in the new one at once.
    if (before.from)
      qc.setQueryData<ListData>(fromKey, {
        ...before.from,
        pages: before.from.pages.map((p) => ({ ...p, items: p.items.filter((x) => x.id !== item.id) })),
      });
    if (before.to)
      qc.setQueryData<ListData>(toKey, {
        ...before.to,
        pages: before.to.pages.map((p, i) =>
          i === 0 ? { ...p, items: insertByRank(p.items, { ...item, status: to }) } : p,
        ),
      });
    setMessage(null);
    try {
      const saved = await updateItem(item.id, { status: to }, item.version);
      const now = qc.getQueryData<ListData>(toKey);
      if (now) qc.setQueryData<ListData>(toKey, patchInPages(now, saved.id, saved));
      patchCached(saved);
    } catch (err) {
      qc.setQueryData(fromKey, before.from);
      qc.setQueryData(toKey, before.to);
      setMessage({
        itemId: item.id,
        text: `${item.key} stayed in ${STATUS_LABELS[item.status]}: ${isApiError(err) ? err.message : 'the change could not be saved.'}`,
      });
    }
  };
  const open = (item: Item) => setParams(withItem(item.id));
  const all = useMemo(() => ITEM_STATUSES, []);
  return (
    <div className="b-page" data-panel={openId ? 'open' : 'closed'}>
      <section className="b-main" aria-label="Board">
        <div className="b-toolbar">
          <div className="b-titlebar">
            <h1>Backlog board</h1>
            <nav className="b-tabs" aria-label="Backlog views">
              <Link className="b-tab" to={`/p/${product.key}/backlog`}>
                List
              </Link>
              <Link className="b-tab" aria-current="page" to={`/p/${product.key}/backlog/board`}>
                Board
              </Link>
            </nav>
            <span className="grow" />
            <BoardMore {...overflow} />
          </div>
        </div>
        {message && <BoardRefusal refusal={message} onDismiss={() => setMessage(null)} />}
        <DndContext
          sensors={sensors}
          accessibility={{
            announcements,
            screenReaderInstructions: boardScreenReaderInstructions,
          }}
          onDragStart={onDragStart}
          onDragEnd={(e) => void onDragEnd(e)}
          onDragCancel={() => {
            // The Escape that cancelled a mouse drag is still on its way to the window listener
            // (the pointer sensor does not mark it handled): it must not also close the panel.
            setTimeout(() => {
              dragging.current = false;
            });
            setActive(null);
          }}
        >
          <div
            className="b-board-wrap"
            data-more-left={overflow.hidden.left.length > 0 || undefined}
            data-more-right={overflow.hidden.right.length > 0 || undefined}
          >
            <div ref={boardRef} className="b-board">
              {all.map((s) => (
                <BoardColumn
                  key={s}
                  status={s}
                  productId={product.id}
                  canDrag={canEdit}
                  dragging={active}
                  segments={segments}
                  onOpen={open}
                />
              ))}
            </div>
          </div>
          <DragOverlay dropAnimation={null}>
            {active ? (
              <div className="b-card b-card-ghost">
                {active.key} {active.title}
              </div>
            ) : null}
          </DragOverlay>
        </DndContext>
      </section>
      {openId && (
        <ItemPanel
          key={openId}
          itemId={openId}
          onClose={closePanel}
          onSaved={(saved) => {
            patchCached(saved);
            void qc.invalidateQueries({ queryKey: backlogKeys.all(product.id) });
          }}
        />
      )}
    </div>
  );
}

const insertByRank = (items: Item[], item: Item): Item[] => {
  const i = items.findIndex((x) => x.rank > item.rank);
  return i < 0 ? [...items, item] : [...items.slice(0, i), item, ...items.slice(i)];
};
