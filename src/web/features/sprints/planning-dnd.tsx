import {
  type CollisionDetection,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
} from '@dnd-kit/core';
import type { ReactNode } from 'react';
import type { CardItem } from './item-card.tsx';

/** The column under the pointer; with the keyboard (no pointer) the column the card overlaps most. */
export const columnUnder: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

/**
 * Runs `fn` once dnd-kit has stopped swallowing clicks: for 50 ms after a drop it stops every click
 * at the document, so a dialog opened at once would lose its first tick or button press.
 */
export const afterDrop = (fn: () => void) => window.setTimeout(fn, 80);

export function Draggable({
  id,
  item,
  children,
}: {
  id: string;
  item: CardItem;
  children: (handle: ReactNode, dragging: boolean) => ReactNode;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id });
  const handle = (
    <button
      type="button"
      className="drag-handle"
      aria-label={`Drag ${item.key} ${item.title}`}
      {...attributes}
      {...listeners}
    >
      ⠿
    </button>
  );
  return (
    <li ref={setNodeRef} style={{ listStyle: 'none' }}>
      {children(handle, isDragging)}
    </li>
  );
}

export function Column({
  id,
  title,
  extra,
  children,
  testId,
}: {
  id: string;
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  testId: string;
}) {
  const { setNodeRef, isOver } = useDroppable({ id });
  return (
    <section
      ref={setNodeRef}
      className="drop-col"
      data-over={isOver || undefined}
      data-testid={testId}
      aria-label={typeof title === 'string' ? title : undefined}
    >
      <div className="drop-col-head">
        {title}
        {extra}
      </div>
      {children}
    </section>
  );
}
