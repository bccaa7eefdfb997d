import type { ItemSort } from '#contracts/items.ts';
import { COLUMNS, isSortable } from './columns.tsx';
import type { BacklogView } from './view-state.ts';

/**
 * The sticky header row: select-all (only for people who can bulk edit), then one sort button per
 * shown column (sorted by the server).
 */
export function ListHeader({
  view,
  onSort,
  onToggleAll,
  selectedCount,
  total,
  selectable,
}: {
  view: BacklogView;
  onSort: (sort: ItemSort) => void;
  onToggleAll: () => void;
  selectedCount: number;
  total: number;
  selectable: boolean;
}) {
  const ariaSort = (sort: ItemSort) =>
    view.sort === sort ? (view.dir === 'asc' ? 'ascending' : 'descending') : undefined;
  const arrow = (sort: ItemSort) => (view.sort === sort ? (view.dir === 'asc' ? ' ↑' : ' ↓') : '');
  const header = (sort: ItemSort, label: string, hint?: string) => (
    <button type="button" className="b-sort" title={hint} onClick={() => onSort(sort)}>
      {label}
      {arrow(sort)}
    </button>
  );
  return (
    <thead className="b-head">
      <tr aria-rowindex={1} className="b-row b-head-row">
        {selectable && (
          <th scope="col" className="b-cell b-select">
            <input
              type="checkbox"
              aria-label="Select all loaded items"
              checked={total > 0 && selectedCount === total}
              ref={(el) => {
                if (el) el.indeterminate = selectedCount > 0 && selectedCount < total;
              }}
              onChange={onToggleAll}
            />
          </th>
        )}
        <th scope="col" className="b-cell" aria-sort={ariaSort('key')}>
          {header('key', 'Key')}
        </th>
        <th scope="col" className="b-cell" aria-sort={ariaSort('title')}>
          {header('title', 'Title')}
        </th>
        {view.columns.map((c) => {
          const col = COLUMNS[c];
          return (
            <th scope="col" key={c} className={`b-cell b-col-${c}`} aria-sort={ariaSort(col.sort)}>
              {isSortable(col) ? header(col.sort, col.label, col.hint) : col.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
