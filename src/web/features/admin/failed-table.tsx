import type { ReactNode } from 'react';
import { ACTIONS, type ListColumn, ListTable } from '#web/components/list.tsx';

/**
 * The admin's list of work that failed for good (reactions, mails): the caller's columns and
 * cells, then one button a row that tries it again, disabled and relabelled while it runs.
 */
export function FailedTable<T>({
  label,
  columns,
  rows,
  rowKey,
  cells,
  again,
}: {
  label: string;
  columns: readonly ListColumn[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  cells: (row: T) => ReactNode;
  again: {
    /** The button's text, and while it runs. */
    text: string;
    busyText: string;
    /** The accessible name, naming the row. */
    label: (row: T) => string;
    busy: (row: T) => boolean;
    run: (row: T) => Promise<void>;
  };
}) {
  return (
    <ListTable
      label={label}
      columns={[...columns, ACTIONS]}
      rows={rows}
      rowKey={rowKey}
      row={(r) => (
        <>
          {cells(r)}
          <td className="actions">
            <button
              type="button"
              className="btn"
              disabled={again.busy(r)}
              onClick={() => void again.run(r)}
              aria-label={again.label(r)}
            >
              {again.busy(r) ? again.busyText : again.text}
            </button>
          </td>
        </>
      )}
    />
  );
}

/** Why it failed, as the server said it (may be long: wraps anywhere). */
export function FailureReason({ children }: { children: ReactNode }) {
  return <code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{children}</code>;
}
