import type { FilterProps } from './filter-menu.tsx';
import { CATEGORY_LABELS, STATUS_LABELS, TYPE_LABELS } from './labels.ts';
import type { SlaFilter } from './view-state.ts';

const SLA_CHIP: Record<SlaFilter, string> = {
  breached: 'breached',
  running: 'clock running',
  paused: 'paused',
  any: 'any defect with an SLA',
};

import { type BacklogView, DEFAULT_VIEW } from './view-state.ts';

/** The active filters as removable chips, so what narrows the list is always visible. */
export function FilterChips({ view, setView, segments, members }: FilterProps) {
  const chips: Array<{ key: string; label: string; clear: Partial<BacklogView> }> = [];
  if (view.types.length)
    chips.push({
      key: 'type',
      label: `Type: ${view.types.map((t) => TYPE_LABELS[t]).join(', ')}`,
      clear: { types: [] },
    });
  if (view.statuses.length)
    chips.push({
      key: 'status',
      label: `Status: ${view.statuses.map((s) => STATUS_LABELS[s]).join(', ')}`,
      clear: { statuses: [] },
    });
  if (view.categories.length)
    chips.push({
      key: 'category',
      label: `Category: ${view.categories.map((c) => CATEGORY_LABELS[c]).join(', ')}`,
      clear: { categories: [] },
    });
  if (view.segment)
    chips.push({
      key: 'segment',
      label: `Segment: ${segments.find((s) => s.id === view.segment)?.name ?? '…'}`,
      clear: { segment: null },
    });
  if (view.assignee)
    chips.push({
      key: 'assignee',
      label:
        view.assignee === 'none'
          ? 'Unassigned'
          : `Assignee: ${members.find((m) => m.userId === view.assignee)?.name ?? '…'}`,
      clear: { assignee: null },
    });
  if (view.releaseCritical !== null)
    chips.push({
      key: 'rc',
      label: view.releaseCritical ? 'Release-critical' : 'Not release-critical',
      clear: { releaseCritical: null },
    });
  if (view.sla) chips.push({ key: 'sla', label: `SLA: ${SLA_CHIP[view.sla]}`, clear: { sla: null } });
  if (view.finished && !view.statuses.length)
    chips.push({ key: 'finished', label: 'Including finished work', clear: { finished: false } });
  if (view.label) chips.push({ key: 'label', label: `Label: ${view.label}`, clear: { label: null } });
  if (chips.length === 0) return null;
  return (
    <div className="b-chips-row">
      {chips.map((c) => (
        <span key={c.key} className="chip chip-filter">
          {c.label}
          <button type="button" aria-label={`Remove filter ${c.label}`} onClick={() => setView(c.clear)}>
            ×
          </button>
        </span>
      ))}
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        onClick={() =>
          setView({
            types: [],
            statuses: [],
            categories: [],
            segment: null,
            assignee: null,
            releaseCritical: null,
            sla: null,
            label: null,
            finished: false,
            q: DEFAULT_VIEW.q,
          })
        }
      >
        Clear all
      </button>
    </div>
  );
}
