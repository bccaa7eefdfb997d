import type { ReactNode } from 'react';
import { initials } from '#web/components/ui.tsx';
import { pts, STATUS_LABELS } from './format.ts';
import type { SprintItemT } from './sprints-api.ts';

/** What a card shows: the sprint item's own fields, keyed by item id, with its not-ready reasons. */
export type CardItem = Pick<SprintItemT, 'key' | 'title' | 'type' | 'status' | 'size'> & {
  id: string;
  notReady: string[];
};

/** A sprint item as a card, with the reasons it is not ready (if any are to be shown). */
export const toCard = (i: SprintItemT, notReady: string[] = []): CardItem => ({
  id: i.itemId,
  key: i.key,
  title: i.title,
  type: i.type,
  status: i.status,
  size: i.size,
  notReady,
});

/** The domain's reason for an item still in status New (src/domain/sprints/readiness.ts). */
const NOT_MARKED_READY = 'Not marked ready yet';

/** One work item as a compact card: key, title, type, status, points and, if any, why it is not ready. */
export function ItemCard({
  item,
  handle,
  actions,
  dragging,
  showStatus = false,
  badges,
  className = 'card-item',
  onOpen,
  assignee,
}: {
  item: CardItem;
  handle?: ReactNode;
  actions?: ReactNode;
  dragging?: boolean;
  showStatus?: boolean;
  badges?: ReactNode;
  className?: string;
  /** Opens the item (the backlog's detail panel); the title becomes a button. */
  onOpen?: () => void;
  /** Who works on it: initials on the card, the full name on hover and for screen readers. */
  assignee?: string | null;
}) {
  // The badge already says the item is not ready; listing "not marked ready" under it repeats it.
  const why = item.notReady.filter((r) => r !== NOT_MARKED_READY);
  return (
    <div className={className} data-dragging={dragging || undefined} data-testid={`card-${item.key}`}>
      {handle}
      <div className="card-main">
        {onOpen ? (
          <button
            type="button"
            className="card-title card-open"
            aria-label={`Open ${item.key} ${item.title}`}
            onClick={onOpen}
          >
            {item.title}
          </button>
        ) : (
          <span className="card-title">{item.title}</span>
        )}
        <span className="card-meta">
          <span className="mono">{item.key}</span>
          <span>{item.type}</span>
          {showStatus && <span className="badge">{STATUS_LABELS[item.status] ?? item.status}</span>}
          {item.notReady.length === 0 ? null : (
            <span className="badge badge-warning">{why.length === 0 ? 'Not marked ready' : 'Not ready'}</span>
          )}
          {badges}
        </span>
        {why.length > 0 && (
          <ul className="why-not" aria-label={`Why ${item.key} is not ready`}>
            {why.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </div>
      {assignee !== undefined && (
        <span
          className="avatar card-assignee"
          data-empty={assignee === null || undefined}
          title={assignee ? `Assigned to ${assignee}` : 'Nobody assigned'}
          role="img"
          aria-label={assignee ? `Assigned to ${assignee}` : 'Nobody assigned'}
        >
          {assignee ? initials(assignee) : '–'}
        </span>
      )}
      <span className="points" title="Story points">
        {pts(item.size)}
        <span className="sr-only"> points</span>
      </span>
      {actions && <div className="card-actions">{actions}</div>}
    </div>
  );
}
