import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Item } from '#contracts/items.ts';
import { SprintBoard } from '#contracts/sprints.ts';
import { api, apiPath } from '#web/lib/api.ts';
import { pts } from './format.ts';
import { type CardItem, ItemCard, toCard } from './item-card.tsx';
import { afterDrop, Column, columnUnder, Draggable } from './planning-dnd.tsx';
import { readinessHints } from './readiness-hint.ts';
import { ReasonDialog } from './reason-dialog.tsx';
import {
  type SprintBoardT,
  sprintKeys,
  useDefinitionOfReady,
  usePlannableItems,
  useSprints,
} from './sprints-api.ts';
import { useScopeMutations } from './use-scope-mutations.ts';

type Pending = { kind: 'add'; item: Item } | { kind: 'remove'; item: CardItem };

/** Items already planned in another open sprint cannot be pulled here; hide them. */
function useTakenElsewhere(productId: string, sprintId: string): Set<string> {
  const sprints = useSprints(productId);
  const others = (sprints.data ?? []).filter((s) => s.id !== sprintId && s.state !== 'closed');
  const boards = useQueries({
    queries: others.map((s) => ({
      queryKey: sprintKeys.board(productId, s.id),
      queryFn: () => api.get(apiPath('sprints', s.id), SprintBoard),
    })),
  });
  return new Set(boards.flatMap((b) => b.data?.items.map((i) => i.itemId) ?? []));
}

/**
 * Planning: ready backlog items on the left, the sprint on the right; the team drags items across
 * (or uses the buttons, which work with a keyboard and on a phone). Once the sprint has started,
 * every change asks for its reason first.
 */
export function PlanningView({
  board,
  productId,
  canPlan,
}: {
  board: SprintBoardT;
  productId: string;
  canPlan: boolean;
}) {
  const sprintId = board.sprint.id;
  const active = board.sprint.state === 'active';
  const backlog = usePlannableItems(productId);
  const taken = useTakenElsewhere(productId, sprintId);
  const dor = useDefinitionOfReady(productId).data;
  const scope = useScopeMutations(productId, sprintId, dor);
  const [filter, setFilter] = useState('');
  const [dragId, setDragId] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 6 } }),
    useSensor(KeyboardSensor),
  );

  const inSprint = useMemo(() => new Set(board.items.map((i) => i.itemId)), [board.items]);
  const candidates = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return (backlog.data ?? []).filter(
      (i) =>
        !inSprint.has(i.id) &&
        !taken.has(i.id) &&
        i.status !== 'in_progress' &&
        (!q || `${i.key} ${i.title}`.toLowerCase().includes(q)),
    );
  }, [backlog.data, inSprint, taken, filter]);
  const sprintCards = board.items.map((i) => toCard(i, i.notReadyReasons));
  const backlogCards = candidates.map((i) => ({ item: i, card: { ...i, notReady: readinessHints(i, dor) } }));

  const add = (item: Item) => {
    if (active) afterDrop(() => setPending({ kind: 'add', item }));
    else void scope.add(item).catch(() => undefined);
  };
  const remove = (card: CardItem) => {
    if (active) afterDrop(() => setPending({ kind: 'remove', item: card }));
    else void scope.remove(card.id).catch(() => undefined);
  };

  function onDragEnd(e: DragEndEvent) {
    setDragId(null);
    const id = String(e.active.id);
    const to = e.over?.id;
    if (id.startsWith('b:') && to === 'sprint') {
      const item = candidates.find((i) => i.id === id.slice(2));
      if (item) add(item);
    } else if (id.startsWith('s:') && to === 'backlog') {
      const card = sprintCards.find((c) => c.id === id.slice(2));
      if (card) remove(card);
    }
  }
  const dragCard = dragId?.startsWith('b:')
    ? backlogCards.find((c) => c.item.id === dragId.slice(2))?.card
    : sprintCards.find((c) => c.id === dragId?.slice(2));

  return (
    <div className="stack">
      {scope.error && (
        <div className="alert alert-error" role="alert">
          {scope.error}
        </div>
      )}
      <DndContext
        sensors={sensors}
        collisionDetection={columnUnder}
        onDragStart={(e: DragStartEvent) => setDragId(String(e.active.id))}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragId(null)}
        accessibility={{
          announcements: {
            onDragStart: ({ active: a }) => `Picked up ${String(a.id).slice(2)}.`,
            onDragOver: ({ over }) => (over ? `Over the ${String(over.id)} column.` : 'Not over a column.'),
            onDragEnd: ({ over }) =>
              over ? `Dropped in the ${String(over.id)} column.` : 'Dropped outside; nothing changed.',
            onDragCancel: () => 'Cancelled; nothing changed.',
          },
        }}
      >
        <div className="planning">
          <Column
            id="backlog"
            testId="col-backlog"
            title={<h2>Backlog</h2>}
            extra={<span className="muted">{candidates.length} items</span>}
          >
            <div style={{ padding: 'var(--space-2) var(--space-2) 0' }}>
              <input
                className="input"
                type="search"
                placeholder="Filter by key or title"
                aria-label="Filter backlog items"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
            </div>
            {backlog.isPending && (
              <p className="muted" style={{ padding: 12 }}>
                Loading the backlog…
              </p>
            )}
            {backlog.isError && (
              <p className="field-error" style={{ padding: 12 }}>
                {backlog.error.message}
              </p>
            )}
            {backlog.data && candidates.length === 0 && (
              <p className="muted" style={{ padding: 12 }}>
                Nothing left to pull: every open item is planned.
              </p>
            )}
            <ul className="drop-list">
              {backlogCards.map(({ item, card }) => (
                <Draggable key={item.id} id={`b:${item.id}`} item={card}>
                  {(handle, dragging) => (
                    <ItemCard
                      item={card}
                      dragging={dragging}
                      handle={canPlan ? handle : undefined}
                      actions={
                        canPlan && (
                          <button
                            type="button"
                            className="btn btn-sm btn-ghost"
                            onClick={() => add(item)}
                            aria-label={`Add ${item.key} to the sprint`}
                          >
                            Add <span aria-hidden="true">→</span>
                          </button>
                        )
                      }
                    />
                  )}
                </Draggable>
              ))}
            </ul>
          </Column>
          <Column
            id="sprint"
            testId="col-sprint"
            title={<h2>{board.sprint.name}</h2>}
            extra={
              <span className="muted">
                {board.items.length} items · {pts(board.loadPoints)} pts
              </span>
            }
          >
            {board.items.length === 0 && (
              <p className="muted" style={{ padding: 12 }}>
                Drag ready items here. The team decides how much it pulls.
              </p>
            )}
            <ul className="drop-list">
              {sprintCards.map((card) => (
                <Draggable key={card.id} id={`s:${card.id}`} item={card}>
                  {(handle, dragging) => (
                    <ItemCard
                      item={card}
                      dragging={dragging}
                      showStatus={active}
                      handle={canPlan ? handle : undefined}
                      actions={
                        canPlan && (
                          <button
                            type="button"
                            className="btn btn-sm btn-ghost"
                            onClick={() => remove(card)}
                            aria-label={`Remove ${card.key} from the sprint`}
                          >
                            <span aria-hidden="true">←</span> Remove
                          </button>
                        )
                      }
                    />
                  )}
                </Draggable>
              ))}
            </ul>
          </Column>
        </div>
        <DragOverlay dropAnimation={null}>
          {dragCard ? <ItemCard item={dragCard} className="card-item overlay-card" /> : null}
        </DragOverlay>
      </DndContext>
      {pending && (
        <ReasonDialog
          title={pending.kind === 'add' ? 'Add to a started sprint' : 'Take out of a started sprint'}
          what={`${pending.kind === 'add' ? 'Add' : 'Remove'} ${pending.item.key} “${pending.item.title}” (${pts(pending.item.size)} points) ${pending.kind === 'add' ? 'to' : 'from'} ${board.sprint.name}.`}
          onClose={() => setPending(null)}
          onSubmit={(reason) =>
            pending.kind === 'add' ? scope.add(pending.item, reason) : scope.remove(pending.item.id, reason)
          }
        />
      )}
    </div>
  );
}
