import { type ReactNode, useState } from 'react';
import { ErrorState, Loading, PageHead } from '#web/components/ui.tsx';

/**
 * The list scaffold every list screen uses: a page (title, subtitle, actions) or a section of one
 * (heading, a note beside it, an intro), then the list in its states — loading, failed, empty
 * (which always says what to do next), rows — and an error line for actions on a row.
 *
 *   <ListPage title="Sprints" actions={…}>
 *     <QueryList query={sprints} empty={<EmptyState …/>}>
 *       {(rows) => <ListTable label="Sprints" columns={[…]} rows={rows} rowKey={(s) => s.id} row={…} />}
 *     </QueryList>
 *   </ListPage>
 */
export function ListPage({
  title,
  subtitle,
  actions,
  children,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="page stack">
      <PageHead title={title} subtitle={subtitle} actions={actions} />
      {children}
    </div>
  );
}

/** A titled part of a page; `id` names its heading, which labels the section and its table. */
export function ListSection({
  id,
  title,
  aside,
  intro,
  className = 'section',
  children,
}: {
  id: string;
  title: ReactNode;
  /** Shown beside the heading: a count, a total. */
  aside?: ReactNode;
  intro?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={className} aria-labelledby={id}>
      {aside === undefined ? (
        <h2 id={id}>{title}</h2>
      ) : (
        <div className="section-head">
          <h2 id={id}>{title}</h2>
          {aside}
        </div>
      )}
      {intro && <p className="muted">{intro}</p>}
      {children}
    </section>
  );
}

interface ListQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: readonly T[] | undefined;
}

/** A query's list in its states: loading, the error, `empty` when it has no rows, else the rows. */
export function QueryList<T>({
  query,
  empty,
  children,
}: {
  query: ListQuery<T>;
  empty?: ReactNode;
  children: (rows: readonly T[]) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} />;
  const rows = query.data ?? [];
  return <>{rows.length === 0 ? (empty ?? null) : children(rows)}</>;
}

export interface ListColumn {
  head: ReactNode;
  className?: string;
  /** The heading is for screen readers only (e.g. a column of buttons). */
  hidden?: boolean;
}

/** A list table in a card: column headings, one row per entry (cells are the caller's). */
export function ListTable<T>({
  label,
  labelledBy,
  columns,
  rows,
  rowKey,
  row,
}: {
  label?: string;
  labelledBy?: string;
  /** `false` leaves a column out (e.g. actions the caller may not take). */
  columns: ReadonlyArray<ListColumn | false>;
  rows: readonly T[];
  rowKey: (row: T) => string;
  row: (row: T) => ReactNode;
}) {
  return (
    <div className="card">
      <table className="list" aria-label={label} aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map(
              (c, i) =>
                c && (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for a table
                  <th key={i} scope="col" className={c.className}>
                    {c.hidden ? <span className="sr-only">{c.head}</span> : c.head}
                  </th>
                ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>{row(r)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The actions column: a hidden heading, cells aligned to the end. */
export const ACTIONS: ListColumn = { head: 'Actions', className: 'actions', hidden: true };

/**
 * Actions on a row (change a role, delete, revoke): `run` clears the last error, runs the call,
 * keeps its message for <RowError>, then refreshes whatever the caller says.
 */
export function useRowAction(refresh: () => unknown) {
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>, prefix = '') => {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(`${prefix}${err instanceof Error ? err.message : 'That did not work.'}`);
    }
    await refresh();
  };
  return { error, run };
}

export function RowError({ error }: { error: string | null }) {
  return error ? (
    <div className="alert alert-error" role="alert">
      {error}
    </div>
  ) : null;
}
