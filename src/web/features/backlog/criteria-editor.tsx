import type { AcceptanceCriterion } from '#contracts/items.ts';
import { useFieldError } from '#web/components/form.tsx';

/**
 * Acceptance criteria as Given/When/Then rows (one scenario per row). Inputs are named
 * `acceptanceCriteria.N.given` etc., so the API's field errors land beside the right box.
 */
export function CriteriaEditor({
  value,
  onChange,
  errors = {},
  readOnly = false,
}: {
  value: readonly AcceptanceCriterion[];
  onChange: (next: AcceptanceCriterion[]) => void;
  errors?: Record<string, string>;
  readOnly?: boolean;
}) {
  const set = (i: number, part: keyof AcceptanceCriterion, text: string) =>
    onChange(value.map((c, j) => (j === i ? { ...c, [part]: text } : c)));
  const steps = [
    ['given', 'Given'],
    ['when', 'When'],
    ['then', 'Then'],
  ] as const;
  return (
    <fieldset className="b-criteria">
      <legend className="label">Acceptance criteria</legend>
      {value.length === 0 && (
        <p className="field-hint">
          How will we know it works? Add a scenario: Given a situation, When someone acts, Then what they see.
        </p>
      )}
      {value.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: scenarios have no id; their position is their identity while editing
        <div className="b-scenario" key={i}>
          <span className="b-scenario-n">{i + 1}</span>
          <div className="b-scenario-steps">
            {steps.map(([part, word]) => (
              <Step
                key={part}
                name={`acceptanceCriteria.${i}.${part}`}
                word={word}
                value={c[part]}
                readOnly={readOnly}
                error={errors[`acceptanceCriteria.${i}.${part}`]}
                placeholder={
                  part === 'given' ? 'a situation…' : part === 'when' ? 'someone does…' : 'this happens…'
                }
                onChange={(text) => set(i, part, text)}
              />
            ))}
          </div>
          {!readOnly && (
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              aria-label={`Remove scenario ${i + 1}`}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              ×
            </button>
          )}
        </div>
      ))}
      {!readOnly && (
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => onChange([...value, { given: '', when: '', then: '' }])}
        >
          Add scenario
        </button>
      )}
      {errors.acceptanceCriteria && <span className="field-error">{errors.acceptanceCriteria}</span>}
    </fieldset>
  );
}

/** One step box; its error comes from the caller or, inside a <Form>, from the server's fields. */
function Step(p: {
  name: string;
  word: string;
  value: string;
  readOnly: boolean;
  error: string | undefined;
  placeholder: string;
  onChange: (text: string) => void;
}) {
  const formError = useFieldError(p.name);
  const err = p.error ?? formError;
  return (
    <label className="b-step">
      <span className="b-step-word">{p.word}</span>
      {/* A one-line box that grows with a long step instead of hiding its end; Enter still acts as
          in a text field (submits the form, never a line break in a step). */}
      <textarea
        className="input b-step-text"
        rows={1}
        name={p.name}
        value={p.value}
        readOnly={p.readOnly}
        aria-invalid={err ? true : undefined}
        placeholder={p.placeholder}
        onChange={(e) => p.onChange(e.target.value.replace(/\n/g, ' '))}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
          e.preventDefault();
          e.currentTarget.form?.requestSubmit();
        }}
      />
      {err && <span className="field-error">{err}</span>}
    </label>
  );
}
