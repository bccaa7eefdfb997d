import { useId } from 'react';
import { VALUE_SCALE } from '#domain/backlog/item-rules.ts';
import { RELEASE_CRITICAL_QUESTION } from './labels.ts';

/**
 * The estimation inputs with their owners: value inputs on 1…20 are the Product Owner's, size is
 * the team's. Whoever may not set a field sees its value and who sets it, never a dead control.
 */
export function ValueSelect({
  name,
  label,
  value,
  onChange,
  canEdit,
  error,
}: {
  name: string;
  label: string;
  value: number | null;
  onChange: (v: number | null) => void;
  canEdit: boolean;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <div className="field b-value-field">
      <label htmlFor={id}>{label}</label>
      {canEdit ? (
        <select
          id={id}
          name={name}
          className="select"
          value={value ?? ''}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">Not set</option>
          {VALUE_SCALE.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <output id={id} className="b-readonly" title="Set by the Product Owner">
          {value ?? '–'}
        </output>
      )}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}

const SIZES = [0, 0.5, 1, 2, 3, 5, 8, 13, 20, 40, 100];

export function SizeField({
  value,
  onChange,
  canEdit,
  error,
}: {
  value: number | null;
  onChange: (v: number | null) => void;
  canEdit: boolean;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <div className="field b-value-field">
      <label htmlFor={id}>Size (points)</label>
      {canEdit ? (
        <select
          id={id}
          name="size"
          className="select"
          value={value ?? ''}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">Needs estimate</option>
          {[...new Set([...SIZES, ...(value === null ? [] : [value])])]
            .sort((a, b) => a - b)
            .map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
        </select>
      ) : (
        <output id={id} className="b-readonly">
          {value ?? <span className="chip chip-warn">needs estimate</span>}
        </output>
      )}
      {!canEdit && <span className="field-hint">The team estimates.</span>}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}

export function ReleaseCriticalField({
  value,
  onChange,
  readOnly = false,
}: {
  value: boolean;
  onChange: (v: boolean) => void;
  readOnly?: boolean;
}) {
  return (
    <fieldset className="b-rc">
      <legend className="label">{RELEASE_CRITICAL_QUESTION}</legend>
      <div className="form-row">
        {[
          [true, 'Yes, we would delay the release'],
          [false, 'No'],
        ].map(([v, text]) => (
          <label key={String(v)} className="check">
            <input
              type="radio"
              name="releaseCritical"
              value={String(v)}
              checked={value === v}
              disabled={readOnly}
              onChange={() => onChange(v as boolean)}
            />
            {text as string}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
