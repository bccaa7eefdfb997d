import type {
  Active,
  Announcements,
  ClientRect,
  KeyboardCoordinateGetter,
  ScreenReaderInstructions,
} from '@dnd-kit/core';
import type { Item } from '#contracts/items.ts';
import { canTransition, ITEM_STATUSES, type ItemStatus } from '#domain/backlog/item-rules.ts';
import { STATUS_LABELS } from './labels.ts';

/**
 * The board's keyboard and screen-reader path. dnd-kit's defaults move a lifted card 25 px per
 * arrow press and announce cards and columns by their ids (a UUID, `in_progress`); on a board
 * of status columns one press should mean one status, and a person should hear "LEAG-4" and
 * "In progress".
 */

/** ← and → carry a lifted card one whole column at a time; ↑ and ↓ do nothing on a board. */
export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (
  event,
  { context, currentCoordinates },
) => {
  const step = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0;
  const card = context.collisionRect;
  if (!card || !['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown'].includes(event.code)) return undefined;
  event.preventDefault();
  const columns = ITEM_STATUSES.flatMap((s) => {
    const r = context.droppableRects.get(s);
    return r ? [r] : [];
  });
  // The column nearest the card's centre: geometry, not `over`, which lags a move by a render.
  const centre = card.left + card.width / 2;
  const distance = (r: ClientRect) => Math.abs(r.left + r.width / 2 - centre);
  const at = columns.reduce((best, r, i) => (distance(r) < distance(columns[best] ?? r) ? i : best), 0);
  const target = step ? columns[at + step] : undefined;
  if (!target) return currentCoordinates;
  return { x: target.left + (target.width - card.width) / 2, y: currentCoordinates.y };
};

const keyOf = (active: Active) => (active.data.current?.item as Item | undefined)?.key ?? 'The card';
const statusOf = (active: Active) => (active.data.current?.item as Item | undefined)?.status;
const columnName = (id: unknown) => STATUS_LABELS[id as ItemStatus] ?? String(id);

/**
 * Announcements for one board. The column a card starts in, and a column it is still over, are
 * not announced again, so "Picked up LEAG-4" is not drowned by "LEAG-4 is over Ready" at once.
 */
export function boardAnnouncements(): Announcements {
  let lastOver: unknown = null;
  return {
    onDragStart: ({ active }) => {
      lastOver = statusOf(active) ?? null;
      return `Picked up ${keyOf(active)}. Left and right arrows choose a status, space drops it there, escape cancels.`;
    },
    onDragOver: ({ active, over }) => {
      const id = over?.id ?? null;
      if (id === lastOver) return undefined;
      lastOver = id;
      if (!over) return `${keyOf(active)} is not over a status column.`;
      const from = statusOf(active);
      const allowed = !from || canTransition(from, over.id as ItemStatus);
      return `${keyOf(active)} is over ${columnName(over.id)}${allowed ? '' : ', where it cannot go from here'}.`;
    },
    onDragEnd: ({ active, over }) =>
      over
        ? `${keyOf(active)} was dropped on ${columnName(over.id)}.`
        : `${keyOf(active)} was dropped outside the columns and stays where it was.`,
    onDragCancel: ({ active }) => `Moving ${keyOf(active)} was cancelled; it stays where it was.`,
  };
}

export const boardScreenReaderInstructions: ScreenReaderInstructions = {
  draggable:
    'Enter opens the item. To change its status, press space, choose a column with the left and right arrow keys, and press space to drop it there; escape cancels.',
};
