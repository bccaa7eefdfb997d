import {
  createContext,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useContext,
  useId,
  useRef,
  useState,
} from 'react';
import { isApiError } from '#web/lib/api.ts';

/**
 * The form pattern every screen uses. Inputs are uncontrolled, so whatever the user typed stays in
 * place when the server says no; the server's `fields` errors appear beside each field (matched by
 * `name`), anything else above the submit button. Submitting twice while a request runs is ignored.
 *
 *   <Form onSubmit={(v) => api.post(…, { name: v.name }, …)} submitLabel="Create">
 *     <TextField name="name" label="Name" required />
 *   </Form>
 */
export type FormValues = Record<string, string>;

interface FormState {
  fields: Record<string, string>;
  busy: boolean;
}
const FormContext = createContext<FormState>({ fields: {}, busy: false });

export function useFieldError(name: string): string | undefined {
  return useContext(FormContext).fields[name];
}

interface FormProps<T> {
  onSubmit: (values: FormValues, form: HTMLFormElement) => Promise<T>;
  /** Checks made before anything is sent: field → message, shown beside the field like the server's. */
  validate?: (values: FormValues) => Record<string, string> | null;
  /** Called after a successful submit; `reset` clears the inputs (off by default). */
  onSuccess?: ((result: T) => void) | undefined;
  reset?: boolean;
  submitLabel: string;
  busyLabel?: string;
  children: ReactNode;
  /** Extra buttons beside submit (e.g. Cancel). */
  actions?: ReactNode;
  className?: string;
  'aria-label'?: string;
}

export function Form<T>(props: FormProps<T>) {
  const [state, setState] = useState<FormState>({ fields: {}, busy: false });
  const [message, setMessage] = useState<string | null>(null);
  const busy = useRef(false);
  const messageId = useId();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy.current) return;
    busy.current = true;
    const form = e.currentTarget;
    const values: FormValues = {};
    for (const [k, v] of new FormData(form)) if (typeof v === 'string') values[k] = v;
    const invalid = props.validate?.(values);
    if (invalid && Object.keys(invalid).length) {
      busy.current = false;
      setState({ fields: invalid, busy: false });
      setMessage(null);
      focusField(form, Object.keys(invalid)[0]);
      return;
    }
    setState({ fields: state.fields, busy: true });
    setMessage(null);
    try {
      const result = await props.onSubmit(values, form);
      setState({ fields: {}, busy: false });
      if (props.reset) form.reset();
      props.onSuccess?.(result);
    } catch (err) {
      const fields = isApiError(err) ? err.fields : {};
      setState({ fields, busy: false });
      // A message naming fields that are all shown beside their input would only repeat them.
      const known = Object.keys(fields).every((f) => form.elements.namedItem(f));
      const text = err instanceof Error ? err.message : 'Something went wrong. Try again.';
      setMessage(Object.keys(fields).length && known ? null : text);
      focusField(form, Object.keys(fields)[0]);
    } finally {
      busy.current = false;
    }
  }

  return (
    <FormContext.Provider value={state}>
      <form
        className={props.className ?? 'form'}
        onSubmit={submit}
        noValidate
        aria-label={props['aria-label']}
        aria-describedby={message ? messageId : undefined}
      >
        {props.children}
        {message && (
          <div className="alert alert-error" role="alert" id={messageId}>
            {message}
          </div>
        )}
        <div className="form-row">
          <button className="btn btn-primary" type="submit" disabled={state.busy}>
            {state.busy ? (props.busyLabel ?? `${props.submitLabel}…`) : props.submitLabel}
          </button>
          {props.actions}
        </div>
      </form>
    </FormContext.Provider>
  );
}

function focusField(form: HTMLFormElement, name: string | undefined) {
  const el = name ? form.elements.namedItem(name) : null;
  if (el instanceof HTMLElement) el.focus();
}

interface FieldShellProps {
  name: string;
  label: string;
  hint?: ReactNode;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** Label, control, hint and the server's message for this field, wired for screen readers. */
export function FieldShell({ name, label, hint, children }: FieldShellProps) {
  const id = useId();
  const error = useFieldError(name);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-err` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy: described || undefined, invalid: Boolean(error) })}
      {hint && (
        <span className="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-err`}>
          {error}
        </span>
      )}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'name'> & {
  name: string;
  ref?: Ref<HTMLInputElement>;
  label: string;
  hint?: ReactNode;
};

export function TextField({ name, label, hint, ...input }: TextFieldProps) {
  return (
    <FieldShell name={name} label={label} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input
          className="input"
          id={id}
          name={name}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...input}
        />
      )}
    </FieldShell>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'> & {
  name: string;
  label: string;
  hint?: ReactNode;
  /** Focus it when its dialog opens (React's autoFocus cannot reach into a closed <dialog>). */
  autoFocus?: boolean;
};

export function TextAreaField({ name, label, hint, autoFocus, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldShell name={name} label={label} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <textarea
          className="input"
          id={id}
          name={name}
          data-autofocus={autoFocus || undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...textarea}
        />
      )}
    </FieldShell>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> & {
  name: string;
  label: string;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string }>;
};

export function SelectField({ name, label, hint, options, ...select }: SelectFieldProps) {
  return (
    <FieldShell name={name} label={label} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <select
          className="select"
          id={id}
          name={name}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...select}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
