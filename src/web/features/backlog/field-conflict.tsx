import { formatValue, type NameLookup } from './format-value.ts';
import type { EditableField, ItemEditor } from './use-item-editor.ts';

/** Under a field both people changed: their saved value beside yours, and a choice. */
export function FieldConflict({
  editor,
  field,
  names,
}: {
  editor: ItemEditor;
  field: EditableField;
  names: NameLookup;
}) {
  const c = editor.conflict;
  if (!c || !(field in c.theirs)) return null;
  return (
    <fieldset className="b-conflict">
      <legend className="sr-only">Conflict on {field}</legend>
      <div className="b-conflict-col">
        <span className="label">{c.by ? `${c.by}’s value (saved)` : 'Their value (saved)'}</span>
        <pre className="b-conflict-val" data-side="theirs">
          {formatValue(field, c.theirs[field], names)}
        </pre>
        <button type="button" className="btn btn-sm" onClick={() => editor.resolve(field, 'theirs')}>
          Use theirs
        </button>
      </div>
      <div className="b-conflict-col">
        <span className="label">Your value (not saved yet)</span>
        <pre className="b-conflict-val" data-side="mine">
          {formatValue(field, editor.value(field), names)}
        </pre>
        <button type="button" className="btn btn-sm" onClick={() => editor.resolve(field, 'mine')}>
          Keep mine
        </button>
      </div>
    </fieldset>
  );
}
