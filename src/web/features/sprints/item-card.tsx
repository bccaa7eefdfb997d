import type { ReactNode } from 'react';
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
}: {
  item: CardItem;
  handle?: ReactNode;
  actions?: ReactNode;
  dragging?: boolean;
  showStatus?: boolean;
  badges?: ReactNode;
  className?: string;
}) {
  // The badge already says the item is not ready; listing "not marked ready" under it repeats it.
  const why = item.notReady.filter((r) => r !== NOT_MARKED_READY);
  return (
    <div className={className} data-dragging={dragging || undefined} data-testid={`card-${item.key}`}>
      {handle}
      <div className="card-main">
        <span className="card-title">{item.title}</span>
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
      <span className="points" title="Story points">
        {pts(item.size)}
        <span className="sr-only"> points</span>
      </span>
      {actions && <div className="card-actions">{actions}</div>}
    </div>
  );
}
