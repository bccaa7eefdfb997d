import { DndContext, KeyboardSensor, PointerSensor, TouchSensor, useSensor, useSensors } from '@dnd-kit/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Item } from '#contracts/items.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan } from '#web/app/product-context.tsx';
import { backlogKeys } from '#web/features/backlog/items-api.ts';
import { api, apiPath } from '#web/lib/api.ts';
import { BoardCard, BoardColumn } from './board-card.tsx';
import { type ColumnId, columnOf, refusalText, stepBackStatus } from './board-moves.ts';
import { afterDrop, columnUnder } from './planning-dnd.tsx';
import { DoneDialog, ResizeDialog, ReviewDialog } from './review-dialogs.tsx';
import {
  type SprintBoardT,
  type SprintItemT,
  sprintApi,
  sprintKeys,
  useInvalidateSprints,
} from './sprints-api.ts';

const COLUMNS = [
  { id: 'todo', title: 'To do', statuses: ['new', 'ready'] },
  { id: 'doing', title: 'In progress', statuses: ['in_progress', 'rejected'] },
  { id: 'done', title: 'Done, awaiting review', statuses: ['done'] },
  { id: 'accepted', title: 'Accepted', statuses: ['accepted'] },
] as const;

type Open = { kind: 'done' | 'review' | 'resize'; item: SprintItemT } | null;
/**
 * The running sprint by status. The team starts work and moves it to done by ticking the
 * Definition of Done; the Product Owner accepts or rejects done work; the team may re-size with a
 * reason. Every button is a plain button: it works with a keyboard and on a phone.
 */
export function SprintBoardView({
  board,
  productId,
  onOpen,
  assignees,
}: {
  board: SprintBoardT;
  productId: string;
  onOpen: (itemId: string) => void;
  /** Item id → assignee name (null: nobody); an item not in the map is still loading. */
  assignees: ReadonlyMap<string, string | null>;
}) {
  const qc = useQueryClient();
  const invalidate = useInvalidateSprints(productId);
  const isTeam = useCan(ROLES.teamOrFacilitator);
  const isEstimator = useCan(ROLES.estimators);
  const isOwner = useCan(ROLES.owner);
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 6 } }),
    useSensor(KeyboardSensor),
  );
  const sprintId = board.sprint.id;
  const active = board.sprint.state === 'active';
  const apply = (b: SprintBoardT) => {
    qc.setQueryData(sprintKeys.board(productId, sprintId), b);
    invalidate();
  };

  /** Status moves that are not done/accept go through the item itself, with its version. */
  async function setStatus(i: SprintItemT, status: string) {
    setError(null);
    try {
      const item = await api.get(apiPath('items', i.itemId), Item);
      const saved = await api.patch(apiPath('items', i.itemId), { status }, Item, { ifMatch: item.version });
      qc.setQueryData(backlogKeys.item(saved.id), saved);
      invalidate();
    } catch (err) {
      setError(`${i.key} stayed where it was: ${refusalText(err)}`);
    }
  }
  const startWork = (i: SprintItemT) => setStatus(i, 'in_progress');

  /** Dropping a card on a column is the same move as its button: done asks for the DoD, accept for a review. */
  function dropOn(i: SprintItemT, column: string) {
    const from = columnOf(i.status);
    if (from === column) return;
    setError(null);
    if (column === 'doing' && isTeam && (i.status === 'new' || i.status === 'ready')) void startWork(i);
    else if (column === 'done' && isTeam && i.status !== 'done' && i.status !== 'accepted')
      setOpen({ kind: 'done', item: i });
    else if (column === 'accepted' && isOwner && i.status === 'done') setOpen({ kind: 'review', item: i });
    else if (column === 'accepted') setError('Only the Product Owner accepts, and only work that is done.');
    else {
      // A step back: the item rules decide, and their refusal is shown as it comes.
      const status = stepBackStatus(i.status, column as ColumnId);
      if (status) void setStatus(i, status);
      else setError(`${i.key} moves to done through the Definition of Done: use “Done…”.`);
    }
  }

  const actionsFor = (i: SprintItemT) => (
    <>
      {isTeam && (i.status === 'in_progress' || i.status === 'rejected') && (
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          aria-label={`Move ${i.key} back to To do`}
          onClick={() => void setStatus(i, stepBackStatus(i.status, 'todo') ?? 'ready')}
        >
          ← To do
        </button>
      )}
      {isTeam && i.status === 'done' && (
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          aria-label={`Move ${i.key} back to In progress`}
          onClick={() => void setStatus(i, 'in_progress')}
        >
          ← In progress
        </button>
      )}
      {isTeam && (i.status === 'new' || i.status === 'ready') && (
        <button type="button" className="btn btn-sm" onClick={() => void startWork(i)}>
          Start
        </button>
      )}
      {isTeam && (i.status === 'in_progress' || i.status === 'rejected' || i.status === 'ready') && (
        <button type="button" className="btn btn-sm" onClick={() => setOpen({ kind: 'done', item: i })}>
          Done…
        </button>
      )}
      {isOwner && (i.status === 'done' || i.status === 'accepted') && (
        <button type="button" className="btn btn-sm" onClick={() => setOpen({ kind: 'review', item: i })}>
          {i.status === 'done' ? 'Review…' : 'Reject…'}
        </button>
      )}
      {isEstimator && i.status !== 'accepted' && (
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() => setOpen({ kind: 'resize', item: i })}
        >
          Re-size
        </button>
      )}
    </>
  );

  return (
    <div className="stack">
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <DndContext
        sensors={sensors}
        collisionDetection={columnUnder}
        onDragEnd={(e) => {
          const item = board.items.find((i) => i.itemId === String(e.active.id));
          const over = e.over;
          if (item && over) afterDrop(() => dropOn(item, String(over.id)));
        }}
      >
        <div className="board">
          {COLUMNS.map((col) => {
            const items = board.items.filter((i) => (col.statuses as readonly string[]).includes(i.status));
            return (
              <BoardColumn key={col.id} id={col.id} title={col.title} items={items}>
                {items.map((i) => (
                  <BoardCard
                    key={i.itemId}
                    item={i}
                    draggable={active && (isTeam || isOwner)}
                    actions={active && actionsFor(i)}
                    onOpen={() => onOpen(i.itemId)}
                    {...(assignees.has(i.itemId) ? { assignee: assignees.get(i.itemId) ?? null } : {})}
                  />
                ))}
                {col.id === 'accepted' &&
                  board.items
                    .filter((i) => i.review === 'rejected' && i.reviewComment)
                    .map((i) => (
                      <p key={i.itemId} className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                        {i.key} rejected: “{i.reviewComment}”
                      </p>
                    ))}
              </BoardColumn>
            );
          })}
        </div>
      </DndContext>
      {open?.kind === 'done' && (
        <DoneDialog
          item={open.item}
          checklist={board.definitionOfDone}
          onClose={() => setOpen(null)}
          onDone={async (checked) => apply(await sprintApi.done(sprintId, open.item.itemId, checked))}
        />
      )}
      {open?.kind === 'review' && (
        <ReviewDialog
          item={open.item}
          onClose={() => setOpen(null)}
          onAccept={async (c) => apply(await sprintApi.accept(sprintId, open.item.itemId, c))}
          onReject={async (c) => apply(await sprintApi.reject(sprintId, open.item.itemId, c))}
        />
      )}
      {open?.kind === 'resize' && (
        <ResizeDialog
          item={open.item}
          active={active}
          onClose={() => setOpen(null)}
          onResize={async (size, reason) =>
            apply(await sprintApi.resize(sprintId, open.item.itemId, size, reason))
          }
        />
      )}
    </div>
  );
}
