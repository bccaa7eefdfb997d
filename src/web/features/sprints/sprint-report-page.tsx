import { Link, useParams } from 'react-router-dom';
import { useProduct } from '#web/app/product-context.tsx';
import { ErrorState, Loading, PageHead } from '#web/components/ui.tsx';
import { ReviewWithCustomersAction } from '#web/features/reviews/review-action.tsx';
import { BurnUpChart } from './burn-up-chart.tsx';
import { Crumb } from './crumb.tsx';
import { day, pct, pts, stability } from './format.ts';
import { ScopeChanges } from './scope-changes.tsx';
import { useSprintBoard, useSprintReport } from './sprints-api.ts';
import { EstimateSpread, VelocityChart } from './velocity-chart.tsx';

function Stat({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: string;
  note?: React.ReactNode;
  testId?: string;
}) {
  return (
    <div className="card stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
      {note && <div className="stat-note">{note}</div>}
    </div>
  );
}

/**
 * The sprint report: did the team do what it said (say/do), what changed and why, what was carried
 * over, what the PO accepted, and how steady velocity is (seed 003: both sides' trust signals).
 */
export function SprintReportPage() {
  const { sprintId = '' } = useParams();
  const product = useProduct();
  const report = useSprintReport(product.id, sprintId);
  const board = useSprintBoard(product.id, sprintId);
  if (report.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (report.isError)
    return (
      <div className="page">
        <ErrorState error={report.error} />
      </div>
    );
  const r = report.data;
  const s = r.sprint;
  const added = r.scopeChanges.filter((c) => c.change === 'added' || c.change === 'carried_in');
  const removed = r.scopeChanges.filter((c) => c.change === 'removed');
  const addedPts = added.reduce((a, c) => a + (c.pointsAfter ?? 0), 0);
  const removedPts = removed.reduce((a, c) => a + (c.pointsBefore ?? 0), 0);
  const keyOf = (id: string) => {
    const i = board.data?.items.find((x) => x.itemId === id) ?? r.carriedOver.find((x) => x.itemId === id);
    return i ? `${i.key} ${i.title}` : undefined;
  };

  return (
    <div className="page stack">
      <Crumb to="../.." label="Sprints" />
      <PageHead
        title={
          <>
            {s.name} report <span className="badge">{s.state}</span>
          </>
        }
        subtitle={
          <>
            {s.goal && <strong style={{ fontWeight: 500 }}>{s.goal}</strong>}
            {s.goal && <br />}
            <span className="muted">
              {day(s.startDate)} – {day(s.endDate, true)}
            </span>
          </>
        }
        actions={
          <>
            <ReviewWithCustomersAction
              sprintId={s.id}
              accepted={board.data?.items.filter((i) => i.review === 'accepted').length ?? 0}
            />
            {s.state !== 'closed' && (
              <Link className="btn" to=".." relative="path">
                Back to the board
              </Link>
            )}
          </>
        }
      />
      <div className="stats">
        <Stat label="Committed at start" value={`${pts(r.committedPoints)} pts`} testId="committed" />
        <Stat
          label="Completed"
          value={`${pts(r.completedPoints)} pts`}
          testId="completed"
          note="Done or accepted; partial work counts as not done"
        />
        <Stat label="Say/do" value={pct(r.sayDoRatio)} testId="say-do" note="Completed ÷ committed" />
        <Stat
          label="Scope changes"
          value={`+${pts(addedPts)} / −${pts(removedPts)}`}
          testId="scope-delta"
          note={`${added.length} added, ${removed.length} removed, ${r.scopeChanges.filter((c) => c.change === 'resized').length} resized`}
        />
        <Stat
          label="Accepted / rejected"
          value={`${r.accepted} / ${r.rejected}`}
          testId="accepted"
          note={`${r.doneNotAccepted} done but not accepted · ${r.reopened} reopened`}
        />
        <Stat
          label="Velocity stability"
          value={r.velocityCv === null ? '–' : `CV ${pct(r.velocityCv)}`}
          testId="velocity-cv"
          note={`${stability(r.velocityCv)} (std. deviation ÷ mean of completed points)`}
        />
      </div>
      <div className="two-col">
        <section className="section" aria-labelledby="rb-h">
          <h2 id="rb-h">Burn-up</h2>
          <BurnUpChart points={r.burnUp} endDate={s.endDate} />
        </section>
        <section className="section" aria-labelledby="rv-h">
          <h2 id="rv-h">Velocity history</h2>
          <VelocityChart history={r.velocityHistory} currentId={s.id} />
        </section>
      </div>
      <section className="section" aria-labelledby="rs-h">
        <h2 id="rs-h">Scope changes and their reasons</h2>
        <ScopeChanges changes={r.scopeChanges} keyOf={keyOf} />
      </section>
      <section className="section" aria-labelledby="rc-h">
        <h2 id="rc-h">Carried over</h2>
        {r.carriedOver.length === 0 ? (
          <p className="muted">Nothing carried over.</p>
        ) : (
          <div className="card">
            <table className="list" data-testid="carried-over">
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Went to</th>
                </tr>
              </thead>
              <tbody>
                {r.carriedOver.map((c) => (
                  <tr key={c.itemId}>
                    <td>
                      <span className="mono">{c.key}</span> {c.title}
                    </td>
                    <td>
                      {c.to === 'backlog'
                        ? 'Back to the backlog'
                        : c.to === 'next_sprint'
                          ? 'Into the next sprint'
                          : c.to}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="section" aria-labelledby="re-h">
        <h2 id="re-h">Estimate against actual</h2>
        <EstimateSpread rows={r.estimateVsActual} />
      </section>
    </div>
  );
}
