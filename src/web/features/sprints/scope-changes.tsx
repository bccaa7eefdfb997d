import { CHANGE_LABELS, pts, when } from './format.ts';
import type { ScopeChangeT } from './sprints-api.ts';

/** Every change to a started sprint: what, why, who and when (Jira marks them; we record why). */
export function ScopeChanges({
  changes,
  keyOf,
}: {
  changes: ScopeChangeT[];
  /** Item key and title for an item id, when known. */
  keyOf: (itemId: string) => string | undefined;
}) {
  if (changes.length === 0) {
    return <p className="muted">No changes since the start: the sprint kept its committed scope.</p>;
  }
  return (
    <div className="card" style={{ overflowX: 'auto' }}>
      <table className="list" data-testid="scope-changes">
        <thead>
          <tr>
            <th scope="col">Change</th>
            <th scope="col">Item</th>
            <th scope="col">Points</th>
            <th scope="col">Reason</th>
            <th scope="col">By</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={`${c.itemId}-${c.at}-${c.change}`}>
              <td>
                <span className={c.change === 'removed' ? 'badge' : 'badge badge-warning'}>
                  {CHANGE_LABELS[c.change] ?? c.change}
                </span>
              </td>
              <td>{keyOf(c.itemId) ?? <span className="muted">an item</span>}</td>
              <td style={{ whiteSpace: 'nowrap' }}>
                {c.change === 'resized'
                  ? `${pts(c.pointsBefore)} → ${pts(c.pointsAfter)}`
                  : c.change === 'removed'
                    ? `−${pts(c.pointsBefore)}`
                    : `+${pts(c.pointsAfter)}`}
              </td>
              <td style={{ minWidth: 200 }}>{c.reason}</td>
              <td>{c.actorName ?? '—'}</td>
              <td style={{ whiteSpace: 'nowrap' }}>{when(c.at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
