import type { Segment } from '#contracts/products.ts';

/** Multi-select of the product's own customer segments, as toggle chips. */
export function SegmentsPicker({
  segments,
  value,
  onChange,
  error,
  readOnly = false,
}: {
  segments: readonly Segment[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
  readOnly?: boolean;
}) {
  return (
    <fieldset className="b-segments">
      <legend className="label">Customer segments</legend>
      {segments.length === 0 && (
        <p className="field-hint">
          This product has no segments yet. The Product Owner adds them in Settings.
        </p>
      )}
      <div className="chips">
        {segments.map((s) => {
          const on = value.includes(s.id);
          return (
            <label key={s.id} className="chip chip-toggle" data-on={on || undefined}>
              <input
                type="checkbox"
                name="segmentIds"
                value={s.id}
                checked={on}
                disabled={readOnly}
                onChange={() => onChange(on ? value.filter((x) => x !== s.id) : [...value, s.id])}
              />
              {s.name}
            </label>
          );
        })}
      </div>
      {error && <span className="field-error">{error}</span>}
    </fieldset>
  );
}
