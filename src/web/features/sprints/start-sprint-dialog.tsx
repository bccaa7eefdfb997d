import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ActionFoot, Dialog, useDialogAction } from '#web/components/dialog.tsx';
import { pts } from './format.ts';
import { type SprintBoardT, sprintApi, sprintKeys, useInvalidateSprints } from './sprints-api.ts';

/**
 * Start: the committed items and points are snapshotted and never change afterwards. Above the
 * forecast the team must say, explicitly, that it commits to it; that confirmation is recorded
 * (seed 003: a PO who pushes the team to commit breaks its trust, so the record says who chose).
 */
export function StartSprintDialog({
  board,
  productId,
  onClose,
}: {
  board: SprintBoardT;
  productId: string;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const invalidate = useInvalidateSprints(productId);
  const [confirmed, setConfirmed] = useState(false);
  const id = useId();
  const over = board.overForecast;
  const notReady = board.items.filter((i) => !i.ready).length;

  const action = useDialogAction(
    async () => {
      const after = await sprintApi.start(board.sprint.id, over && confirmed);
      qc.setQueryData(sprintKeys.board(productId, board.sprint.id), after);
      invalidate();
    },
    onClose,
    'Not started. Try again.',
  );

  return (
    <Dialog
      title={over ? 'Commit above the forecast?' : `Start ${board.sprint.name}`}
      onClose={onClose}
      describe={`The team commits to ${board.items.length} items, ${pts(board.loadPoints)} points. This scope is snapshotted; from now on every change needs a reason.`}
    >
      {over && (
        <div className="alert alert-warning" data-testid="over-forecast-warning">
          The sprint holds <strong>{pts(board.loadPoints)}</strong> points; the forecast from recent sprints
          is <strong>{pts(board.forecast.points)}</strong>. Only the team can decide to take on more than it
          has been finishing. Your confirmation is recorded with your name in the sprint’s snapshot and
          report.
        </div>
      )}
      {notReady > 0 && (
        <div className="alert alert-warning">
          {notReady} {notReady === 1 ? 'item is' : 'items are'} not ready by the Definition of Ready.
        </div>
      )}
      {board.unestimated > 0 && (
        <p className="muted">{board.unestimated} items have no estimate and count as 0 points.</p>
      )}
      {over && (
        <label
          htmlFor={id}
          className="row"
          style={{ alignItems: 'flex-start', flexWrap: 'nowrap', fontWeight: 400 }}
        >
          <input
            id={id}
            type="checkbox"
            checked={confirmed}
            onChange={(e) => setConfirmed(e.target.checked)}
            style={{ width: 18, height: 18, margin: 0 }}
          />
          <span>
            We, the team, commit to {pts(board.loadPoints)} points, above our forecast, and want this
            recorded.
          </span>
        </label>
      )}
      <ActionFoot
        action={action}
        label={over ? 'Commit and start' : 'Start sprint'}
        busyLabel="Starting…"
        disabled={over && !confirmed}
        onCancel={onClose}
        cancel={over ? 'Back to planning' : 'Cancel'}
      />
    </Dialog>
  );
}
