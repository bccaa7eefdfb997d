import { EmptyState } from '#web/components/ui.tsx';

/** What to do next when the list is empty: clear filters, or create / import the first items. */
export function BacklogEmpty(p: {
  filtered: boolean;
  canEdit: boolean;
  onCreate: () => void;
  onImport: () => void;
  onClear: () => void;
  /** The backlog holds only finished work, which the default view hides. */
  allFinished?: boolean;
  onShowFinished?: () => void;
}) {
  if (p.allFinished)
    return (
      <EmptyState
        title="No open work"
        action={
          <button type="button" className="btn" onClick={p.onShowFinished}>
            Show finished work
          </button>
        }
      >
        Every item is done, accepted or rejected; finished work is hidden from the backlog.
      </EmptyState>
    );
  if (p.filtered)
    return (
      <EmptyState
        title="No items match this view"
        action={
          <button type="button" className="btn" onClick={p.onClear}>
            Clear filters and search
          </button>
        }
      >
        Try fewer filters or another search word.
      </EmptyState>
    );
  return (
    <EmptyState
      title="The backlog is empty"
      action={
        p.canEdit && (
          <div className="form-row">
            <button type="button" className="btn btn-primary" onClick={p.onCreate}>
              Create the first item
            </button>
            <button type="button" className="btn" onClick={p.onImport}>
              Import from CSV or Jira
            </button>
          </div>
        )
      }
    >
      {p.canEdit
        ? 'Start with the problems your customers have: write a story with who has the problem and why it matters, or bring in an existing backlog.'
        : 'The Product Owner has not added items yet. They will appear here, in the order the team works on them.'}
    </EmptyState>
  );
}
