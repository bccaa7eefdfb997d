import { useDraggable, useDroppable } from '@dnd-kit/core';
import type { ReactNode } from 'react';
import { RepaymentBadge } from '#web/features/decisions/repayment-badge.tsx';
import { pts } from './format.ts';
import { ItemCard, toCard } from './item-card.tsx';
import type { SprintItemT } from './sprints-api.ts';

/** A status column of the sprint board; cards dropped on it ask to move there. */
export function BoardColumn({
  id,
  title,
  items,
  children,
}: {
  id: string;
  title: string;
  items: SprintItemT[];
  children: ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id });
  const points = items.reduce((s, i) => s + (i.size ?? 0), 0);
  return (
    <section
      ref={setNodeRef}
      className="board-col"
      data-over={isOver || undefined}
      aria-labelledby={`col-${id}`}
      data-testid={`board-${id}`}
    >
      <h3 id={`col-${id}`}>
        <span>{title}</span>
        <span>
          {items.length} · {pts(points)} pts
        </span>
      </h3>
      {children}
      {items.length === 0 && (
        <p className="muted" style={{ padding: '4px 6px', fontSize: 'var(--text-sm)' }}>
          Nothing here.
        </p>
      )}
    </section>
  );
}

/** One item on the board: badges for added-after-start, rejected and reopened; a drag handle when movable. */
export function BoardCard({
  item: i,
  draggable,
  actions,
  onOpen,
  assignee,
}: {
  item: SprintItemT;
  draggable: boolean;
  actions: ReactNode;
  onOpen: () => void;
  assignee?: string | null;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: i.itemId,
    disabled: !draggable,
  });
  return (
    <div ref={setNodeRef}>
      <ItemCard
        item={toCard(i)}
        dragging={isDragging}
        handle={
          draggable ? (
            <button
              type="button"
              className="drag-handle"
              aria-label={`Drag ${i.key} ${i.title}`}
              {...attributes}
              {...listeners}
            >
              ⠿
            </button>
          ) : undefined
        }
        badges={
          <>
            {!i.inSnapshot && (
              <span className="badge badge-warning" title="Added after the sprint started">
                Added
              </span>
            )}
            {i.status === 'rejected' && <span className="badge badge-danger">Rejected</span>}
            {i.reopened > 0 && <span className="badge badge-danger">Reopened ×{i.reopened}</span>}
            <RepaymentBadge itemId={i.itemId} />
          </>
        }
        actions={actions}
        onOpen={onOpen}
        {...(assignee !== undefined ? { assignee } : {})}
      />
    </div>
  );
}
