import type { Member, Segment } from '#contracts/products.ts';
import { ITEM_CATEGORIES, ITEM_STATUSES, ITEM_TYPES } from '#domain/backlog/item-rules.ts';
import { MenuButton } from '#web/components/menu.tsx';
import { CATEGORY_LABELS, STATUS_LABELS, TYPE_LABELS } from './labels.ts';
import type { BacklogView } from './view-state.ts';

/** The Filter popover: every filter the API supports, each applied as soon as it is chosen. */
export interface FilterProps {
  view: BacklogView;
  setView: (patch: Partial<BacklogView>) => void;
  segments: readonly Segment[];
  members: readonly Member[];
}

export function FilterMenu({ view, setView, segments, members }: FilterProps) {
  const toggle = <T extends string>(list: readonly T[], v: T): T[] =>
    list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
  return (
    <MenuButton label="Filter" className="btn btn-sm" fit="content" button={<span>Filter</span>}>
      {() => (
        <div className="b-filter-pop">
          <fieldset>
            <legend>Type</legend>
            {ITEM_TYPES.map((t) => (
              <label key={t} className="check">
                <input
                  type="checkbox"
                  checked={view.types.includes(t)}
                  onChange={() => setView({ types: toggle(view.types, t) })}
                />
                {TYPE_LABELS[t]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Status</legend>
            {ITEM_STATUSES.map((s) => (
              <label key={s} className="check">
                <input
                  type="checkbox"
                  checked={view.statuses.includes(s)}
                  onChange={() => setView({ statuses: toggle(view.statuses, s) })}
                />
                {STATUS_LABELS[s]}
              </label>
            ))}
            <label className="check b-filter-finished">
              <input
                type="checkbox"
                checked={view.finished || view.statuses.length > 0}
                disabled={view.statuses.length > 0}
                onChange={() => setView({ finished: !view.finished })}
              />
              Show finished work
            </label>
            <span className="faint b-filter-hint">
              {view.statuses.length > 0 ? 'The statuses ticked decide.' : 'Done, accepted and rejected.'}
            </span>
          </fieldset>
          <fieldset>
            <legend>Category</legend>
            {ITEM_CATEGORIES.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  checked={view.categories.includes(c)}
                  onChange={() => setView({ categories: toggle(view.categories, c) })}
                />
                {CATEGORY_LABELS[c]}
              </label>
            ))}
          </fieldset>
          <div className="b-filter-selects">
            <label className="field">
              <span className="label">Segment</span>
              <select
                className="select"
                value={view.segment ?? ''}
                onChange={(e) => setView({ segment: e.target.value || null })}
              >
                <option value="">Any segment</option>
                {segments.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="label">Assignee</span>
              <select
                className="select"
                value={view.assignee ?? ''}
                onChange={(e) => setView({ assignee: e.target.value || null })}
              >
                <option value="">Anyone</option>
                <option value="none">Unassigned</option>
                {members.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="label">Release-critical</span>
              <select
                className="select"
                value={view.releaseCritical === null ? '' : view.releaseCritical ? 'yes' : 'no'}
                onChange={(e) =>
                  setView({ releaseCritical: e.target.value === '' ? null : e.target.value === 'yes' })
                }
              >
                <option value="">Either</option>
                <option value="yes">Release-critical only</option>
                <option value="no">Not release-critical</option>
              </select>
            </label>
            <label className="field">
              <span className="label">SLA</span>
              <select
                className="select"
                value={view.sla ?? ''}
                onChange={(e) => setView({ sla: (e.target.value || null) as BacklogView['sla'] })}
              >
                <option value="">Any item</option>
                <option value="breached">Breached</option>
                <option value="running">Clock running</option>
                <option value="paused">Paused (waiting)</option>
                <option value="any">Any defect with an SLA</option>
              </select>
            </label>
            <label className="field">
              <span className="label">Label</span>
              <input
                className="input"
                defaultValue={view.label ?? ''}
                placeholder="e.g. security"
                onKeyDown={(e) => {
                  if (e.key === 'Enter') setView({ label: e.currentTarget.value.trim() || null });
                }}
                onBlur={(e) => setView({ label: e.currentTarget.value.trim() || null })}
              />
            </label>
          </div>
        </div>
      )}
    </MenuButton>
  );
}
