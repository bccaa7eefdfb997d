import { useRef, useState } from 'react';
import type { AcceptanceCriterion, CreateItemBody, Item } from '#contracts/items.ts';
import { ITEM_TYPES, type ItemType } from '#domain/backlog/item-rules.ts';
import { ROLES } from '#domain/roles.ts';
import { SEVERITIES, SEVERITY_NAMES, type Severity } from '#domain/sla/policy.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { Dialog } from '#web/components/dialog.tsx';
import { Form, SelectField, TextAreaField, TextField } from '#web/components/form.tsx';
import { newIdempotencyKey } from '#web/lib/api.ts';
import { useSegments } from '#web/lib/queries.ts';
import { CriteriaEditor } from './criteria-editor.tsx';
import { createItem } from './items-api.ts';
import { TYPE_LABELS } from './labels.ts';
import { SegmentsPicker } from './segments-picker.tsx';
import { ReleaseCriticalField, SizeField, ValueSelect } from './value-fields.tsx';

/**
 * New item. For a story the problem comes first (who has it and why it matters, seed 001), then
 * the title, and only then any solution. Value inputs appear for the PO, size for the team. A
 * retried submit reuses its Idempotency-Key, so a flaky network never makes two items.
 */
export function CreateItemDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (item: Item) => void;
}) {
  const product = useProduct();
  const isOwner = useCan(['owner']);
  const isTeam = useCan(ROLES.estimators);
  const segments = useSegments(product.id).data ?? [];
  const [type, setType] = useState<ItemType>('story');
  const [criteria, setCriteria] = useState<AcceptanceCriterion[]>([]);
  const [segmentIds, setSegmentIds] = useState<string[]>([]);
  const [value, setValue] = useState<{ bv: number | null; tc: number | null; rr: number | null }>({
    bv: null,
    tc: null,
    rr: null,
  });
  const [size, setSize] = useState<number | null>(null);
  const [releaseCritical, setReleaseCritical] = useState(false);
  const key = useRef(newIdempotencyKey());

  const submit = (v: Record<string, string>) => {
    const body: CreateItemBody = {
      type,
      title: v.title ?? '',
      problem: v.problem ?? '',
      description: v.description ?? '',
      acceptanceCriteria: criteria,
      segmentIds,
      labels: (v.labels ?? '')
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
      releaseCritical,
    };
    // A defect's severity starts its SLA clocks (issue 13).
    if (type === 'defect' && v.severity) body.severity = v.severity as Severity;
    if (isOwner)
      Object.assign(body, { businessValue: value.bv, timeCriticality: value.tc, riskReduction: value.rr });
    if (isTeam) body.size = size;
    return createItem(product.id, body, key.current);
  };

  return (
    <Dialog title="New item" onClose={onClose} wide>
      <Form
        aria-label="New item"
        submitLabel="Create item"
        busyLabel="Creating…"
        onSubmit={submit}
        onSuccess={(item) => onCreated(item as Item)}
        actions={
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            Cancel
          </button>
        }
      >
        <SelectField
          name="type"
          label="Type"
          value={type}
          onChange={(e) => setType(e.target.value as ItemType)}
          options={ITEM_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
        />
        {type === 'defect' && (
          <SelectField
            name="severity"
            label="Severity"
            defaultValue=""
            options={[
              { value: '', label: 'Not triaged yet' },
              ...SEVERITIES.map((s) => ({ value: s, label: `${s} ${SEVERITY_NAMES[s]}` })),
            ]}
          />
        )}
        <TextAreaField
          className="input b-textarea"
          name="problem"
          label={type === 'story' ? 'Problem: who has it, and why does it matter?' : 'Problem (optional)'}
          hint={
            type === 'story'
              ? 'Describe the problem, not the solution: e.g. "League admins cannot see all teams sorted by sponsor, so renewals are missed."'
              : undefined
          }
          rows={3}
          autoFocus
        />
        <TextField
          name="title"
          label="Title"
          required
          maxLength={200}
          placeholder="A short name the team will recognise"
        />
        <TextAreaField
          className="input b-textarea"
          name="description"
          label="Description and solution ideas (Markdown)"
          rows={4}
        />
        <CriteriaEditor value={criteria} onChange={setCriteria} />
        <SegmentsPicker segments={segments} value={segmentIds} onChange={setSegmentIds} />
        <div className="b-value-grid">
          {isOwner && (
            <>
              <ValueSelect
                name="businessValue"
                label="Business value"
                value={value.bv}
                canEdit
                onChange={(bv) => setValue({ ...value, bv })}
              />
              <ValueSelect
                name="timeCriticality"
                label="Time criticality"
                value={value.tc}
                canEdit
                onChange={(tc) => setValue({ ...value, tc })}
              />
              <ValueSelect
                name="riskReduction"
                label="Risk reduction / opportunity"
                value={value.rr}
                canEdit
                onChange={(rr) => setValue({ ...value, rr })}
              />
            </>
          )}
          <SizeField value={size} onChange={setSize} canEdit={isTeam} />
        </div>
        <ReleaseCriticalField value={releaseCritical} onChange={setReleaseCritical} />
        <TextField
          name="labels"
          label="Labels"
          hint="Separate with commas"
          placeholder="e.g. security, mobile"
        />
      </Form>
    </Dialog>
  );
}
