import { useState } from 'react';
import type { Member, Segment } from '#contracts/products.ts';
import { allowedNextStatuses, ITEM_CATEGORIES, ITEM_TYPES } from '#domain/backlog/item-rules.ts';
import { useProduct } from '#web/app/product-context.tsx';
import { SeverityFields, SlaClocks } from '#web/features/sla/sla-clocks.tsx';
import { useReleases } from '#web/features/votes/votes-api.ts';
import { CriteriaEditor } from './criteria-editor.tsx';
import { FieldConflict } from './field-conflict.tsx';
import type { NameLookup } from './format-value.ts';
import { CATEGORY_LABELS, formatWsjf, STATUS_LABELS, TYPE_LABELS } from './labels.ts';
import { Markdown } from './markdown.tsx';
import { SegmentsPicker } from './segments-picker.tsx';
import type { ItemEditor } from './use-item-editor.ts';
import { ReleaseCriticalField, SizeField, ValueSelect } from './value-fields.tsx';

/**
 * Every editable field of an item, in the order a PO thinks: the problem before the solution.
 * Who may change what is decided by role: value inputs by the PO, size by the team.
 */
export function ItemFields({
  editor,
  segments,
  members,
  names,
  canEdit,
  isOwner,
  isTeam,
}: {
  editor: ItemEditor;
  segments: readonly Segment[];
  members: readonly Member[];
  names: NameLookup;
  canEdit: boolean;
  isOwner: boolean;
  isTeam: boolean;
}) {
  const e = editor;
  const err = e.errors;
  const [preview, setPreview] = useState(!canEdit);
  const [labelsText, setLabelsText] = useState<string | null>(null);
  const status = e.base.status;
  const statuses = [status, ...allowedNextStatuses(status)];
  const isStory = e.value('type') === 'story';
  const wsjf = e.base.wsjf;
  // The release the PO put it in (issue 10): shipped releases take no new items.
  const releases = useReleases(useProduct().id).data ?? [];
  const releaseId = e.value('releaseId') ?? '';
  return (
    <div className="b-fields">
      <label className="sr-only" htmlFor="b-title">
        Title
      </label>
      <input
        id="b-title"
        name="title"
        className="b-title-input"
        value={e.value('title')}
        readOnly={!canEdit}
        aria-invalid={err.title ? true : undefined}
        onChange={(ev) => e.set('title', ev.target.value)}
      />
      {err.title && <span className="field-error">{err.title}</span>}
      <FieldConflict editor={e} field="title" names={names} />

      <div className="b-props">
        <Select
          label="Type"
          name="type"
          value={e.value('type')}
          disabled={!canEdit}
          onChange={(v) => e.set('type', v)}
          options={ITEM_TYPES.map((t) => [t, TYPE_LABELS[t]])}
          error={err.type}
        />
        <Select
          label="Status"
          name="status"
          value={e.value('status')}
          disabled={!canEdit}
          onChange={(v) => e.set('status', v)}
          options={statuses.map((s) => [s, STATUS_LABELS[s]])}
          error={err.status}
        />
        <Select
          label="Assignee"
          name="assigneeId"
          value={e.value('assigneeId') ?? ''}
          disabled={!canEdit}
          onChange={(v) => e.set('assigneeId', v || null)}
          options={[['', 'Unassigned'], ...members.map((m): [string, string] => [m.userId, m.name])]}
          error={err.assigneeId}
        />
        <Select
          label="Category"
          name="category"
          value={e.value('category')}
          disabled={!canEdit}
          onChange={(v) => e.set('category', v)}
          options={ITEM_CATEGORIES.map((c) => [c, CATEGORY_LABELS[c]])}
          error={err.category}
        />
        <Select
          label="Release"
          name="releaseId"
          value={releaseId}
          disabled={!canEdit || !isOwner}
          onChange={(v) => e.set('releaseId', v || null)}
          options={[
            ['', 'No release'],
            ...releases
              .filter((r) => !r.shippedAt || r.id === releaseId)
              .map((r): [string, string] => [r.id, r.shippedAt ? `${r.name} (shipped)` : r.name]),
          ]}
          error={err.releaseId}
        />
      </div>
      {(['type', 'status', 'assigneeId', 'category', 'releaseId'] as const).map((f) => (
        <FieldConflict key={f} editor={e} field={f} names={names} />
      ))}

      <div className="field">
        <label htmlFor="b-problem">
          {isStory ? 'Problem: who has it, and why does it matter?' : 'Problem'}
        </label>
        <textarea
          id="b-problem"
          name="problem"
          className="input b-textarea"
          rows={3}
          value={e.value('problem')}
          readOnly={!canEdit}
          aria-invalid={err.problem ? true : undefined}
          placeholder={isStory ? 'State the problem before any solution.' : ''}
          onChange={(ev) => e.set('problem', ev.target.value)}
        />
        {err.problem && <span className="field-error">{err.problem}</span>}
        <FieldConflict editor={e} field="problem" names={names} />
      </div>

      <div className="field">
        <div className="b-field-head">
          <label htmlFor="b-description">Description</label>
          {canEdit && (
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              aria-pressed={preview}
              onClick={() => setPreview(!preview)}
            >
              {preview ? 'Edit' : 'Preview'}
            </button>
          )}
        </div>
        {preview ? (
          <Markdown text={e.value('description')} />
        ) : (
          <textarea
            id="b-description"
            name="description"
            className="input b-textarea"
            rows={5}
            value={e.value('description')}
            placeholder="Markdown: notes, solution ideas, links"
            onChange={(ev) => e.set('description', ev.target.value)}
          />
        )}
        {err.description && <span className="field-error">{err.description}</span>}
        <FieldConflict editor={e} field="description" names={names} />
      </div>

      <CriteriaEditor
        value={e.value('acceptanceCriteria')}
        onChange={(v) => e.set('acceptanceCriteria', v)}
        errors={err}
        readOnly={!canEdit}
      />
      <FieldConflict editor={e} field="acceptanceCriteria" names={names} />

      <SegmentsPicker
        segments={segments}
        value={e.value('segmentIds')}
        onChange={(v) => e.set('segmentIds', v)}
        error={err.segmentIds}
        readOnly={!canEdit}
      />
      <FieldConflict editor={e} field="segmentIds" names={names} />

      {e.value('type') === 'defect' && (
        <section className="sla-section" aria-label="Severity and SLA">
          <SlaClocks item={e.base} />
          <SeverityFields
            severity={e.value('severity')}
            waiting={e.value('waiting')}
            onSeverity={(v) => e.set('severity', v)}
            onWaiting={(v) => e.set('waiting', v)}
            canEdit={canEdit}
            errors={{ severity: err.severity, waiting: err.waiting }}
          />
          <FieldConflict editor={e} field="severity" names={names} />
        </section>
      )}

      <div className="b-value-grid">
        <ValueSelect
          name="businessValue"
          label="Business value"
          value={e.value('businessValue')}
          canEdit={isOwner}
          onChange={(v) => e.set('businessValue', v)}
          error={err.businessValue}
        />
        <ValueSelect
          name="timeCriticality"
          label="Time criticality"
          value={e.value('timeCriticality')}
          canEdit={isOwner}
          onChange={(v) => e.set('timeCriticality', v)}
          error={err.timeCriticality}
        />
        <ValueSelect
          name="riskReduction"
          label="Risk reduction / opportunity"
          value={e.value('riskReduction')}
          canEdit={isOwner}
          onChange={(v) => e.set('riskReduction', v)}
          error={err.riskReduction}
        />
        <SizeField
          value={e.value('size')}
          canEdit={isTeam}
          onChange={(v) => e.set('size', v)}
          error={err.size}
        />
        <div className="field b-value-field">
          <span className="label">WSJF</span>
          <output className="b-readonly" title="Cost of delay (BV + TC + RR) ÷ size">
            {e.base.size === null ? '—' : formatWsjf(wsjf)}
          </output>
          <span className="field-hint">Cost of delay {e.base.costOfDelay}</span>
        </div>
      </div>
      {!isOwner && <p className="field-hint">Value inputs are set by the Product Owner.</p>}
      {(['businessValue', 'timeCriticality', 'riskReduction', 'size'] as const).map((f) => (
        <FieldConflict key={f} editor={e} field={f} names={names} />
      ))}

      <ReleaseCriticalField
        value={e.value('releaseCritical')}
        onChange={(v) => e.set('releaseCritical', v)}
        readOnly={!canEdit}
      />
      <FieldConflict editor={e} field="releaseCritical" names={names} />

      <div className="b-published">
        <label className="check">
          <input
            type="checkbox"
            name="published"
            aria-describedby="b-published-hint"
            checked={e.value('published')}
            disabled={!isOwner}
            onChange={(ev) => e.set('published', ev.target.checked)}
          />
          <span>Published to stakeholders</span>
        </label>
        {/* Outside the label: its words are a description, not part of the checkbox's name. */}
        <span id="b-published-hint" className="field-hint">
          {isOwner
            ? 'Customers see its key, title, problem, segments, status and release on their portal.'
            : 'The Product Owner decides what stakeholders see.'}
        </span>
      </div>
      {err.published && <span className="field-error">{err.published}</span>}
      <FieldConflict editor={e} field="published" names={names} />

      <div className="field">
        <label htmlFor="b-labels">Labels</label>
        <input
          id="b-labels"
          name="labels"
          className="input"
          readOnly={!canEdit}
          value={labelsText ?? e.value('labels').join(', ')}
          placeholder="Separate with commas"
          onChange={(ev) => setLabelsText(ev.target.value)}
          onBlur={() => {
            if (labelsText === null) return;
            e.set('labels', [
              ...new Set(
                labelsText
                  .split(',')
                  .map((l) => l.trim())
                  .filter(Boolean),
              ),
            ]);
            setLabelsText(null);
          }}
        />
        {err.labels && <span className="field-error">{err.labels}</span>}
        <FieldConflict editor={e} field="labels" names={names} />
      </div>
    </div>
  );
}

function Select(p: {
  label: string;
  name: string;
  value: string;
  disabled: boolean;
  onChange: (v: string) => void;
  options: ReadonlyArray<readonly [string, string]>;
  error: string | undefined;
}) {
  const id = `b-${p.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <select
        id={id}
        name={p.name}
        className="select"
        value={p.value}
        disabled={p.disabled}
        aria-invalid={p.error ? true : undefined}
        onChange={(ev) => p.onChange(ev.target.value)}
      >
        {p.options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
      {p.error && <span className="field-error">{p.error}</span>}
    </div>
  );
}
