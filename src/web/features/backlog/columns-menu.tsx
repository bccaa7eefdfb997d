import { MenuButton } from '#web/components/menu.tsx';
import { COLUMNS } from './columns.tsx';
import { COLUMN_IDS, type ColumnId, DEFAULT_COLUMNS } from './view-state.ts';

/** Pick the shown columns; their order follows the canonical column order. */
export function ColumnsMenu({
  columns,
  onChange,
}: {
  columns: readonly ColumnId[];
  onChange: (columns: ColumnId[]) => void;
}) {
  const toggle = (c: ColumnId) =>
    onChange(COLUMN_IDS.filter((x) => (x === c ? !columns.includes(c) : columns.includes(x))));
  return (
    <MenuButton label="Columns" className="btn btn-sm" button={<span>Columns</span>}>
      {() => (
        <div className="b-columns-pop">
          {COLUMN_IDS.map((c) => (
            <label key={c} className="check">
              <input type="checkbox" checked={columns.includes(c)} onChange={() => toggle(c)} />
              {COLUMNS[c].hint ?? COLUMNS[c].label}
            </label>
          ))}
          <div className="menu-sep" />
          <button type="button" className="menu-item" onClick={() => onChange([...DEFAULT_COLUMNS])}>
            Reset columns
          </button>
        </div>
      )}
    </MenuButton>
  );
}
