import { useRef, useState } from 'react';
import { Dialog } from '#web/components/dialog.tsx';
import { Form, type FormValues, SelectField, TextField } from '#web/components/form.tsx';
import { isApiError, newIdempotencyKey } from '#web/lib/api.ts';
import { useMembers } from '#web/lib/queries.ts';
import { day, isoDay, pts, sprintDays } from './format.ts';
import { type SprintFieldsInput, type SprintT, sprintApi, useInvalidateSprints } from './sprints-api.ts';

/** A number the user typed, or the raw text so the server names the field instead of guessing. */
const num = (raw: string | undefined): number => {
  const n = Number((raw ?? '').replace(',', '.'));
  return raw?.trim() === '' ? 0 : n;
};

type Unit = 'days' | 'points' | 'none';

function toInput(v: FormValues, unit: Unit, memberIds: string[]): SprintFieldsInput {
  return {
    name: v.name ?? '',
    goal: v.goal ?? '',
    startDate: v.startDate ?? '',
    endDate: v.endDate ?? '',
    capacity:
      unit === 'none'
        ? null
        : unit === 'points'
          ? { unit, points: num(v.points) }
          : { unit, members: memberIds.map((userId) => ({ userId, days: num(v[`days.${userId}`]) })) },
  };
}

function describeCapacity(c: SprintT['capacity']): string {
  if (c === null) return 'Not set';
  if (c.unit === 'points') return `${pts(c.points)} points`;
  return `${pts(c.members.reduce((s, m) => s + m.days, 0))} person-days`;
}

/**
 * Create or edit a sprint: name, goal, dates and the team's capacity, either each member's
 * available days (the forecast scales by it) or a number of points. Edits send If-Match; when
 * someone else saved first, both versions are shown and the user picks.
 */
export function SprintFormDialog({
  productId,
  sprint: live,
  onClose,
  onSaved,
}: {
  productId: string;
  sprint?: SprintT;
  onClose: () => void;
  onSaved?: (s: SprintT) => void;
}) {
  // The version the user started editing from: a background refetch must not move it, or a save
  // would silently overwrite what someone else saved meanwhile instead of showing both.
  const [sprint] = useState(live);
  const members = useMembers(productId);
  const team = (members.data ?? []).filter((m) => m.role === 'team' || m.role === 'facilitator');
  const [unit, setUnit] = useState<Unit>(sprint ? (sprint.capacity?.unit ?? 'none') : 'days');
  const [conflict, setConflict] = useState<{ mine: SprintFieldsInput; current: SprintT } | null>(null);
  const idem = useRef(newIdempotencyKey());
  const invalidate = useInvalidateSprints(productId);
  const length = sprint ? sprintDays(sprint.startDate, sprint.endDate) : 10;
  const daysOf = (userId: string) =>
    sprint?.capacity?.unit === 'days'
      ? (sprint.capacity.members.find((m) => m.userId === userId)?.days ?? length)
      : length;

  async function save(input: SprintFieldsInput, version: number | undefined) {
    try {
      const saved = sprint
        ? await sprintApi.update(sprint.id, input, version ?? sprint.version)
        : await sprintApi.create(productId, input, { idempotencyKey: idem.current });
      invalidate();
      onSaved?.(saved);
      onClose();
      return saved;
    } catch (err) {
      if (isApiError(err, 'version_conflict')) {
        const current = (err.details as { current?: SprintT } | undefined)?.current;
        if (current) {
          setConflict({ mine: input, current });
          return null;
        }
      }
      throw err;
    }
  }

  if (conflict) {
    const rows: Array<[string, string, string]> = [
      ['Name', conflict.mine.name, conflict.current.name],
      ['Goal', conflict.mine.goal, conflict.current.goal],
      ['Start', day(conflict.mine.startDate, true), day(conflict.current.startDate, true)],
      ['End', day(conflict.mine.endDate, true), day(conflict.current.endDate, true)],
      ['Capacity', describeCapacity(conflict.mine.capacity), describeCapacity(conflict.current.capacity)],
    ];
    return (
      <Dialog title="Someone saved this sprint first" onClose={onClose} wide>
        <p>Both versions are below. Keep yours to overwrite theirs, or keep theirs and drop your edits.</p>
        <table className="list conflict-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Your edit</th>
              <th scope="col">Saved by someone else</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([f, a, b]) => (
              <tr key={f} style={a !== b ? { background: 'var(--warning-soft)' } : undefined}>
                <th scope="row">{f}</th>
                <td>{a || '—'}</td>
                <td>{b || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="row">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void save(conflict.mine, conflict.current.version).catch(() => undefined)}
          >
            Keep mine
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              invalidate();
              onClose();
            }}
          >
            Keep theirs
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={sprint ? `Edit ${sprint.name}` : 'Plan a sprint'} onClose={onClose} wide>
      <Form
        submitLabel={sprint ? 'Save' : 'Create sprint'}
        aria-label={sprint ? 'Edit sprint' : 'New sprint'}
        onSubmit={(v) =>
          save(
            toInput(
              v,
              unit,
              team.map((m) => m.userId),
            ),
            undefined,
          )
        }
        actions={
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        }
      >
        <TextField name="name" label="Name" defaultValue={sprint?.name ?? ''} required data-autofocus />
        <TextField
          name="goal"
          label="Sprint goal"
          hint="One sentence the team can use to decide what matters when plans meet reality."
          defaultValue={sprint?.goal ?? ''}
        />
        <div className="form-row">
          <TextField
            name="startDate"
            label="Starts"
            type="date"
            defaultValue={sprint?.startDate ?? isoDay(0)}
          />
          <TextField name="endDate" label="Ends" type="date" defaultValue={sprint?.endDate ?? isoDay(13)} />
        </div>
        <SelectField
          name="unit"
          label="Capacity in"
          value={unit}
          onChange={(e) => setUnit(e.target.value as Unit)}
          options={[
            { value: 'days', label: 'Each member’s available days' },
            { value: 'points', label: 'Points' },
            { value: 'none', label: 'Not set (forecast from velocity alone)' },
          ]}
        />
        {unit === 'none' ? null : unit === 'points' ? (
          <TextField
            name="points"
            label="Capacity (points)"
            inputMode="decimal"
            defaultValue={sprint?.capacity?.unit === 'points' ? String(sprint.capacity.points) : ''}
            hint="The forecast still comes from past velocity; this is what the team says it can take."
          />
        ) : (
          <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
            <legend className="label" style={{ marginBottom: 6 }}>
              Availability (days in this sprint)
            </legend>
            {members.isPending && <span className="muted">Loading the team…</span>}
            {team.length === 0 && !members.isPending && (
              <span className="muted">No team members on this product yet; add them in Settings.</span>
            )}
            <div className="form-row">
              {team.map((m) => (
                <TextField
                  key={m.userId}
                  name={`days.${m.userId}`}
                  label={m.name}
                  inputMode="decimal"
                  defaultValue={String(daysOf(m.userId))}
                />
              ))}
            </div>
          </fieldset>
        )}
      </Form>
    </Dialog>
  );
}
