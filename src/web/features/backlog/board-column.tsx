import { useDraggable, useDroppable } from '@dnd-kit/core';
import type { Item } from '#contracts/items.ts';
import type { Segment } from '#contracts/products.ts';
import { canTransition, type ItemStatus } from '#domain/backlog/item-rules.ts';
import { RepaymentBadge } from '#web/features/decisions/repayment-badge.tsx';
import { ReleaseCriticalBadge, SizeBadge, TypeIcon } from './item-badges.tsx';
import { STATUS_LABELS } from './labels.ts';
import { useBacklogList } from './use-backlog-list.ts';
import { columnView } from './view-state.ts';

/** One status column of the board: a drop target that lights up when the dragged card may land. */
export function BoardColumn(p: {
  status: ItemStatus;
  productId: string;
  canDrag: boolean;
  dragging: Item | null;
  segments: ReadonlyMap<string, Segment>;
  onOpen: (item: Item) => void;
}) {
  const { query, items } = useBacklogList(p.productId, columnView(p.status));
  const drop = useDroppable({ id: p.status });
  const allowed = p.dragging ? canTransition(p.dragging.status, p.status) : null;
  return (
    <section
      ref={drop.setNodeRef}
      className="b-column"
      aria-label={STATUS_LABELS[p.status]}
      data-over={drop.isOver || undefined}
      data-allowed={allowed === null ? undefined : allowed}
    >
      <h2 className="b-column-head">
        {STATUS_LABELS[p.status]}{' '}
        <span className="faint">
          {items.length}
          {query.hasNextPage ? '+' : ''}
        </span>
      </h2>
      <ol className="b-column-list">
        {items.map((item) => (
          <Card key={item.id} item={item} canDrag={p.canDrag} onOpen={p.onOpen} segments={p.segments} />
        ))}
      </ol>
      {items.length === 0 && query.isSuccess && (
        <p className="faint b-column-empty">Nothing {STATUS_LABELS[p.status].toLowerCase()}.</p>
      )}
      {query.hasNextPage && (
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => void query.fetchNextPage()}>
          Show more
        </button>
      )}
    </section>
  );
}

function Card({
  item,
  canDrag,
  onOpen,
  segments,
}: {
  item: Item;
  canDrag: boolean;
  onOpen: (item: Item) => void;
  segments: ReadonlyMap<string, Segment>;
}) {
  const drag = useDraggable({ id: item.id, disabled: !canDrag, data: { item } });
  return (
    <li className="b-card-slot">
      <button
        type="button"
        ref={drag.setNodeRef}
        className="b-card"
        data-item-id={item.id}
        data-dragging={drag.isDragging || undefined}
        // A card that cannot be dragged is still a button that opens the item: dnd-kit's
        // attributes would mark it aria-disabled.
        {...(canDrag
          ? { ...drag.attributes, ...drag.listeners, 'aria-roledescription': 'draggable card' }
          : {})}
        onClick={() => onOpen(item)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onOpen(item);
          else drag.listeners?.onKeyDown?.(e);
        }}
      >
        {/* Identity on top (type, key, size); what still needs doing and who it serves below,
            where chips may wrap without pushing the title around. */}
        <span className="b-card-top">
          <TypeIcon type={item.type} />
          <span className="mono faint">{item.key}</span>
          <span className="grow" />
          {item.size !== null && <SizeBadge size={item.size} />}
        </span>
        <span className="b-card-title">{item.title}</span>
        {(item.size === null || item.segmentIds.length > 0 || item.releaseCritical) && (
          <span className="b-card-foot">
            {item.size === null && <SizeBadge size={null} />}
            {item.segmentIds.slice(0, 2).map((id) => (
              <span key={id} className="chip" title={segments.get(id)?.name}>
                <span className="ellipsis">{segments.get(id)?.name ?? '…'}</span>
              </span>
            ))}
            <ReleaseCriticalBadge on={item.releaseCritical} />
          </span>
        )}
        <RepaymentBadge itemId={item.id} className="b-card-foot" />
      </button>
    </li>
  );
}
