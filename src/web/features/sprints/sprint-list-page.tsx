import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ROLES } from '#domain/roles.ts';
import { type Command, useCommands } from '#web/app/commands.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { ListPage, ListSection, ListTable, QueryList } from '#web/components/list.tsx';
import { EmptyState } from '#web/components/ui.tsx';
import { DefinitionOfDoneSection } from './definition-of-done-section.tsx';
import { day, pts, sprintDays } from './format.ts';
import { SprintFormDialog } from './sprint-form-dialog.tsx';
import { type SprintT, useSprints } from './sprints-api.ts';

const GROUPS = [
  { state: 'active', title: 'Active' },
  { state: 'planned', title: 'Planned' },
  { state: 'closed', title: 'Closed' },
] as const;

function capacityText(s: SprintT): string {
  if (!s.capacity) return '—';
  if (s.capacity.unit === 'points') return `${pts(s.capacity.points)} pts`;
  const total = s.capacity.members.reduce((a, m) => a + m.days, 0);
  return `${pts(total)} person-days`;
}

/** Every sprint of the product, the running one first, then planned, then closed (newest first). */
export function SprintListPage() {
  const product = useProduct();
  const sprints = useSprints(product.id);
  const canPlan = useCan(ROLES.contributors);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const commands = useMemo<Command[]>(
    () =>
      canPlan
        ? [{ id: 'sprints.create', title: 'Plan a sprint', group: 'Sprints', run: () => setCreating(true) }]
        : [],
    [canPlan],
  );
  useCommands(commands);

  const plan = (label: string) =>
    canPlan && (
      <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
        {label}
      </button>
    );
  return (
    <ListPage
      title="Sprints"
      subtitle="The team pulls what it can finish; once a sprint starts, every change to its scope is recorded with its reason."
      actions={plan('Plan a sprint')}
    >
      <QueryList
        query={sprints}
        empty={
          <EmptyState title="No sprints yet" action={plan('Plan the first sprint')}>
            Plan a sprint with its goal, dates and the team’s availability; then drag ready items into it.
          </EmptyState>
        }
      >
        {(all) => GROUPS.map((g) => <SprintGroup key={g.state} group={g} sprints={all} />)}
      </QueryList>
      <DefinitionOfDoneSection productId={product.id} canEdit={canPlan} />
      {creating && (
        <SprintFormDialog
          productId={product.id}
          onClose={() => setCreating(false)}
          onSaved={(s) => navigate(s.id)}
        />
      )}
    </ListPage>
  );
}

/** One state's sprints: planned and active soonest first, closed newest first. */
function SprintGroup({ group: g, sprints }: { group: (typeof GROUPS)[number]; sprints: readonly SprintT[] }) {
  const list = sprints
    .filter((s) => s.state === g.state)
    .sort((a, b) =>
      g.state === 'closed' ? b.startDate.localeCompare(a.startDate) : a.startDate.localeCompare(b.startDate),
    );
  if (list.length === 0) return null;
  return (
    <ListSection
      id={`sg-${g.state}`}
      className="section sprint-group"
      title={
        <>
          {g.title} <span className="badge">{list.length}</span>
        </>
      }
    >
      <ListTable
        labelledBy={`sg-${g.state}`}
        columns={[
          { head: 'Sprint' },
          { head: 'Dates' },
          { head: 'Capacity', className: 'hide-phone' },
          { head: 'Open', className: 'actions', hidden: true },
        ]}
        rows={list}
        rowKey={(s) => s.id}
        row={(s) => (
          <>
            <td>
              <Link className="sprint-row-name" to={s.id}>
                {s.name}
              </Link>
              {s.goal && <div className="sprint-goal">{s.goal}</div>}
            </td>
            <td style={{ whiteSpace: 'nowrap' }}>
              {day(s.startDate)} – {day(s.endDate, true)}
              <div className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                {sprintDays(s.startDate, s.endDate)} days
              </div>
            </td>
            <td className="hide-phone">{capacityText(s)}</td>
            <td className="actions">
              {s.state === 'closed' ? (
                <Link className="btn btn-sm" to={`${s.id}/report`}>
                  Report
                </Link>
              ) : (
                <Link className="btn btn-sm" to={s.id}>
                  {s.state === 'planned' ? 'Plan' : 'Sprint board'}
                </Link>
              )}
            </td>
          </>
        )}
      />
    </ListSection>
  );
}
