import { useQueryClient } from '@tanstack/react-query';
import { type SlaPolicyBody, SlaPolicyDoc } from '#contracts/sla.ts';
import { ITEM_STATUSES } from '#domain/backlog/item-rules.ts';
import { type PauseStatus, SEVERITIES, SEVERITY_NAMES } from '#domain/sla/policy.ts';
import { Form, TextAreaField, TextField, useFieldError } from '#web/components/form.tsx';
import { TimeZoneField } from '#web/components/time-zone-field.tsx';
import { STATUS_LABELS } from '#web/features/backlog/labels.ts';
import { api, apiPath, isApiError } from '#web/lib/api.ts';
import { slaKeys, useSlaPolicy } from './sla-api.ts';
import './sla.css';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const PAUSES: Array<{ value: PauseStatus; label: string }> = [
  { value: 'waiting', label: 'Waiting for the customer' },
  ...ITEM_STATUSES.filter((s) => !['done', 'accepted', 'rejected'].includes(s)).map((s) => ({
    value: s,
    label: STATUS_LABELS[s],
  })),
];

function FieldNote({ name }: { name: string }) {
  const error = useFieldError(name);
  return error ? <span className="field-error">{error}</span> : null;
}

/** The form's values → the policy the API takes (checkbox groups read from the form itself). */
function bodyOf(values: Record<string, string>, form: HTMLFormElement): SlaPolicyBody {
  const data = new FormData(form);
  const num = (k: string) => Number(values[k]);
  return {
    timeZone: values.timeZone ?? '',
    workingDays: data.getAll('workingDays').map(Number),
    workingHours: { start: values['workingHours.start'] ?? '', end: values['workingHours.end'] ?? '' },
    holidays: (values.holidays ?? '')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    pauseStatuses: data.getAll('pauseStatuses').map(String) as PauseStatus[],
    severities: Object.fromEntries(
      SEVERITIES.map((s) => [
        s,
        {
          responseHours: num(`severities.${s}.responseHours`),
          resolutionHours: num(`severities.${s}.resolutionHours`),
          calendar: values[`severities.${s}.calendar`] === 'calendar' ? 'calendar' : 'business',
        },
      ]),
    ) as SlaPolicyBody['severities'],
  };
}

/**
 * Product settings → SLA (issue 13): the business calendar, the pause statuses and the targets
 * per severity. The PO edits; others read. Saving recomputes every open defect's clocks.
 */
export function SlaPolicySection({ productId, canEdit }: { productId: string; canEdit: boolean }) {
  const qc = useQueryClient();
  const q = useSlaPolicy(productId);
  if (!q.data) return null;
  const doc = q.data;
  const p = doc.policy;
  return (
    <section className="section sla-policy" aria-labelledby="sla-h">
      <h2 id="sla-h">SLA for defects</h2>
      <p className="muted">
        {doc.active
          ? 'Defects with a severity have a first-response and a resolution clock. They count business hours of this calendar (or every hour), pause in the statuses below, and warn the team and you at 75 % and at the breach.'
          : 'No SLA yet: these are suggestions. Save them to start the clocks of every defect with a severity.'}{' '}
        A first response is the defect leaving “New”, or being marked waiting for the customer.
      </p>
      <Form
        key={doc.version}
        aria-label="SLA policy"
        submitLabel={doc.active ? 'Save SLA policy' : 'Start SLA clocks'}
        busyLabel="Saving…"
        onSubmit={async (values, form) => {
          try {
            return await api.put(
              apiPath('products', productId, 'sla-policy'),
              bodyOf(values, form),
              SlaPolicyDoc,
              {
                ifMatch: doc.version,
              },
            );
          } catch (err) {
            if (isApiError(err, 'version_conflict')) {
              await qc.invalidateQueries({ queryKey: slaKeys.policy(productId) });
              throw new Error(
                'Someone changed the SLA policy since you opened it. Theirs is loaded now; check it and save again.',
              );
            }
            throw err;
          }
        }}
        onSuccess={(saved) => {
          qc.setQueryData(slaKeys.policy(productId), saved);
          void qc.invalidateQueries({ queryKey: ['products', productId] });
        }}
      >
        <fieldset disabled={!canEdit} className="sla-fieldset">
          <div className="form-row">
            <TimeZoneField name="timeZone" label="Time zone" defaultValue={p.timeZone} />
            <TextField
              name="workingHours.start"
              label="Working day starts"
              type="time"
              defaultValue={p.workingHours.start}
            />
            <TextField name="workingHours.end" label="Ends" type="time" defaultValue={p.workingHours.end} />
          </div>
          <div className="field">
            <span className="label">Working days</span>
            <div className="sla-checks">
              {DAYS.map((d, i) => (
                <label key={d} className="check">
                  <input
                    type="checkbox"
                    name="workingDays"
                    value={i + 1}
                    defaultChecked={p.workingDays.includes(i + 1)}
                  />
                  <span>{d}</span>
                </label>
              ))}
            </div>
            <FieldNote name="workingDays" />
          </div>
          <TextAreaField
            name="holidays"
            label="Holidays"
            hint="One date per line, YYYY-MM-DD: no working hours that day."
            rows={3}
            defaultValue={p.holidays.join('\n')}
          />
          <div className="field">
            <span className="label">Clocks pause while</span>
            <div className="sla-checks">
              {PAUSES.map((s) => (
                <label key={s.value} className="check">
                  <input
                    type="checkbox"
                    name="pauseStatuses"
                    value={s.value}
                    defaultChecked={p.pauseStatuses.includes(s.value)}
                  />
                  <span>{s.label}</span>
                </label>
              ))}
            </div>
          </div>
          <table className="table sla-targets">
            <caption className="sr-only">Targets per severity</caption>
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">First response (h)</th>
                <th scope="col">Resolution (h)</th>
                <th scope="col">Counted in</th>
              </tr>
            </thead>
            <tbody>
              {SEVERITIES.map((s) => {
                const t = p.severities[s];
                return (
                  <tr key={s}>
                    <th scope="row">
                      {s} {SEVERITY_NAMES[s]}
                    </th>
                    {(['responseHours', 'resolutionHours'] as const).map((f) => (
                      <td key={f}>
                        <input
                          className="input num"
                          type="number"
                          min={0.25}
                          step={0.25}
                          name={`severities.${s}.${f}`}
                          aria-label={`${s} ${f === 'responseHours' ? 'first response' : 'resolution'} hours`}
                          defaultValue={t?.[f]}
                        />
                        <FieldNote name={`severities.${s}.${f}`} />
                      </td>
                    ))}
                    <td>
                      <select
                        className="select"
                        name={`severities.${s}.calendar`}
                        aria-label={`${s} counted in`}
                        defaultValue={t?.calendar}
                      >
                        <option value="business">Business hours</option>
                        <option value="calendar">Every hour (24/7)</option>
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <FieldNote name="severities" />
        </fieldset>
      </Form>
    </section>
  );
}
