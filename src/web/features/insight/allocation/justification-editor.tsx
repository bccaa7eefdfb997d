import { useState } from 'react';
import { z } from 'zod';
import type { SprintAllocation } from '#contracts/insight-allocation.ts';
import { Form, TextAreaField } from '#web/components/form.tsx';
import { api, apiPath } from '#web/lib/api.ts';

const Saved = z.object({
  sprintId: z.string(),
  text: z.string(),
  writtenBy: z.string().nullable(),
  writtenAt: z.string(),
});

/** The PO's reason beside an off-target sprint (seed 000: "ask your Product Owner to justify the values"). */
export function JustificationEditor({
  sprint,
  canEdit,
  onSaved,
}: {
  sprint: SprintAllocation;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <Form
        aria-label={`Justification for ${sprint.name}`}
        submitLabel="Save justification"
        onSubmit={(v) =>
          api.put(apiPath('sprints', sprint.sprintId, 'justification'), { text: v.text ?? '' }, Saved)
        }
        onSuccess={() => {
          setEditing(false);
          onSaved();
        }}
        actions={
          <button type="button" className="btn" onClick={() => setEditing(false)}>
            Cancel
          </button>
        }
      >
        <TextAreaField
          name="text"
          label="Why is this sprint where it is?"
          defaultValue={sprint.justification ?? ''}
          required
          autoFocus
        />
      </Form>
    );
  return (
    <div className="alloc-justification">
      {sprint.justification ? (
        <blockquote>
          {sprint.justification}
          {sprint.justifiedBy && <footer className="muted">— {sprint.justifiedBy}</footer>}
        </blockquote>
      ) : (
        <p className="muted">No justification from the Product Owner yet.</p>
      )}
      {canEdit && (
        <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
          {sprint.justification ? 'Edit justification' : 'Justify'}
        </button>
      )}
    </div>
  );
}
