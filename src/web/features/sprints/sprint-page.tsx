import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, Navigate, useParams, useSearchParams } from 'react-router-dom';
import { ROLES } from '#domain/roles.ts';
import { type Command, useCommands } from '#web/app/commands.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { ErrorState, Loading, PageHead } from '#web/components/ui.tsx';
import { ItemPanel } from '#web/features/backlog/item-panel.tsx';
import { withItem } from '#web/features/backlog/view-state.ts';
import { OpenSessionDialog } from '#web/features/poker/open-session-dialog.tsx';
import '#web/features/backlog/backlog.css';
import { ReviewWithCustomersAction } from '#web/features/reviews/review-action.tsx';
import { BurnUpSection } from './burn-up-section.tsx';
import { CloseSprintDialog } from './close-sprint-dialog.tsx';
import { Crumb } from './crumb.tsx';
import { ForecastMeter } from './forecast-meter.tsx';
import { day, pts, sprintDays } from './format.ts';
import { PlanningView } from './planning-view.tsx';
import { ScopeChanges } from './scope-changes.tsx';
import { SprintBoardView } from './sprint-board-view.tsx';
import { SprintFormDialog } from './sprint-form-dialog.tsx';
import {
  type SprintBoardT,
  sprintKeys,
  useSprintAssignees,
  useSprintBoard,
  useSprintReport,
} from './sprints-api.ts';
import { StartSprintDialog } from './start-sprint-dialog.tsx';

const STATE_BADGE = { planned: 'badge', active: 'badge badge-accent', closed: 'badge' } as const;

function Head({ board, actions }: { board: SprintBoardT; actions: React.ReactNode }) {
  const s = board.sprint;
  return (
    <>
      <Crumb to=".." label="Sprints" />
      <PageHead
        title={
          <>
            {s.name} <span className={STATE_BADGE[s.state]}>{s.state}</span>
          </>
        }
        subtitle={
          <>
            {s.goal ? (
              <strong style={{ fontWeight: 500 }}>{s.goal}</strong>
            ) : (
              <span className="muted">No sprint goal yet.</span>
            )}
            <br />
            <span className="muted">
              {day(s.startDate)} – {day(s.endDate, true)} · {sprintDays(s.startDate, s.endDate)} days
              {board.snapshot && ` · committed ${pts(board.snapshot.committedPoints)} pts at start`}
              {board.snapshot?.overForecast && ' (above forecast, confirmed by the team)'}
            </span>
          </>
        }
        actions={actions}
      />
    </>
  );
}

/** One sprint: planning before it starts; board, burn-up and scope changes while it runs. */
export function SprintPage({ tab }: { tab: 'main' | 'plan' }) {
  const { sprintId = '' } = useParams();
  const product = useProduct();
  const board = useSprintBoard(product.id, sprintId);
  const state = board.data?.sprint.state;
  const report = useSprintReport(product.id, sprintId, state === 'active');
  const canPlan = useCan(ROLES.contributors);
  const isTeam = useCan(ROLES.teamOrFacilitator);
  const [dialog, setDialog] = useState<'edit' | 'start' | 'close' | 'poker' | null>(null);
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const openId = params.get('item');
  const openItem = useCallback((id: string | null) => setParams(withItem(id)), [setParams]);
  const assignees = useSprintAssignees(product.id, board.data?.items ?? []);
  // Escape puts the item panel away, as on the backlog (not while a dialog is open or in a field).
  useEffect(() => {
    if (!openId) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('[aria-modal="true"]')) return;
      if (t?.closest('input, textarea, select, [contenteditable="true"]')) return;
      openItem(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openId, openItem]);
  const commands = useMemo<Command[]>(() => {
    const list: Command[] = [];
    if (canPlan && state !== 'closed')
      list.push({ id: 'sprint.edit', title: 'Edit sprint', group: 'Sprint', run: () => setDialog('edit') });
    if (isTeam && state === 'planned')
      list.push({
        id: 'sprint.start',
        title: 'Start sprint',
        group: 'Sprint',
        run: () => setDialog('start'),
      });
    if (isTeam && state === 'active')
      list.push({
        id: 'sprint.close',
        title: 'Close sprint',
        group: 'Sprint',
        run: () => setDialog('close'),
      });
    return list;
  }, [canPlan, isTeam, state]);
  useCommands(commands);

  if (board.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (board.isError)
    return (
      <div className="page">
        <ErrorState error={board.error} />
      </div>
    );
  const b = board.data;
  if (b.sprint.state === 'closed') return <Navigate to="report" replace />;
  const keyOf = (id: string) => {
    const i = b.items.find((x) => x.itemId === id);
    return i ? `${i.key} ${i.title}` : undefined;
  };
  const active = b.sprint.state === 'active';
  const base = `/p/${product.key}/sprints/${b.sprint.id}`;
  const showPlanning = !active || tab === 'plan';

  return (
    <div className="page stack">
      <Head
        board={b}
        actions={
          <>
            {canPlan && (
              <button type="button" className="btn" onClick={() => setDialog('edit')}>
                Edit
              </button>
            )}
            {isTeam && b.unestimated > 0 && (
              <button type="button" className="btn" onClick={() => setDialog('poker')}>
                Estimate {b.unestimated} in poker
              </button>
            )}
            {isTeam && !active && (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => setDialog('start')}
                disabled={b.items.length === 0}
              >
                Start sprint
              </button>
            )}
            {active && (
              <ReviewWithCustomersAction
                sprintId={b.sprint.id}
                accepted={b.items.filter((i) => i.review === 'accepted').length}
              />
            )}
            {isTeam && active && (
              <button type="button" className="btn btn-primary" onClick={() => setDialog('close')}>
                Close sprint
              </button>
            )}
          </>
        }
      />
      {active && (
        <nav className="tabs" aria-label="Sprint views">
          <Link to={base} aria-current={tab === 'main' ? 'page' : undefined}>
            Sprint board
          </Link>
          <Link to={`${base}/plan`} aria-current={tab === 'plan' ? 'page' : undefined}>
            Change scope
          </Link>
        </nav>
      )}
      {/* Load against forecast is a planning figure; a running sprint shows its board instead. */}
      {showPlanning && <ForecastMeter board={b} />}
      {showPlanning ? (
        <PlanningView board={b} productId={product.id} canPlan={canPlan} />
      ) : (
        <>
          <BurnUpSection points={report.data?.burnUp} endDate={b.sprint.endDate} />
          <SprintBoardView board={b} productId={product.id} onOpen={openItem} assignees={assignees} />
        </>
      )}
      {active && (
        <section className="section" aria-labelledby="changes-h">
          <h2 id="changes-h">Scope changes since the start</h2>
          <ScopeChanges changes={b.scopeChanges} keyOf={keyOf} />
        </section>
      )}
      {openId && (
        <div className="sp-drawer">
          <ItemPanel
            key={openId}
            itemId={openId}
            onClose={() => openItem(null)}
            onSaved={() => void qc.invalidateQueries({ queryKey: sprintKeys.all(product.id) })}
          />
        </div>
      )}
      {dialog === 'edit' && (
        <SprintFormDialog productId={product.id} sprint={b.sprint} onClose={() => setDialog(null)} />
      )}
      {dialog === 'start' && (
        <StartSprintDialog board={b} productId={product.id} onClose={() => setDialog(null)} />
      )}
      {dialog === 'poker' && (
        <OpenSessionDialog
          productId={product.id}
          preselect={b.items.filter((i) => i.size === null).map((i) => i.itemId)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'close' && (
        <CloseSprintDialog board={b} productId={product.id} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
