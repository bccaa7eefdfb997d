import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ActionFoot, Dialog, useDialogAction } from '#web/components/dialog.tsx';
import { pts } from './format.ts';
import { type SprintBoardT, sprintApi, useInvalidateSprints, useSprints } from './sprints-api.ts';

const finished = (s: string) => s === 'done' || s === 'accepted';

/**
 * Close: done and accepted work counts as completed; anything else, partially done included, is
 * not done and goes back to the backlog or into the next planned sprint (recorded as carry-over).
 */
export function CloseSprintDialog({
  board,
  productId,
  onClose,
}: {
  board: SprintBoardT;
  productId: string;
  onClose: () => void;
}) {
  const sprints = useSprints(productId);
  const planned = (sprints.data ?? [])
    .filter((s) => s.state === 'planned')
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
  const [to, setTo] = useState<'backlog' | 'next_sprint'>('backlog');
  const [nextId, setNextId] = useState<string>('');
  const invalidate = useInvalidateSprints(productId);
  const navigate = useNavigate();
  const open = board.items.filter((i) => !finished(i.status));
  const done = board.items.filter((i) => finished(i.status));
  const donePts = done.reduce((s, i) => s + (i.size ?? 0), 0);
  const target = nextId || planned[0]?.id || '';

  const action = useDialogAction(
    async () => {
      await sprintApi.close(board.sprint.id, to, to === 'next_sprint' ? target : undefined);
      invalidate();
    },
    () => {
      onClose();
      navigate(`../${board.sprint.id}/report`, { relative: 'path' });
    },
    'Not closed. Try again.',
  );

  return (
    <Dialog title={`Close ${board.sprint.name}`} onClose={onClose} wide>
      <p>
        <strong>{done.length}</strong> {done.length === 1 ? 'item' : 'items'} done ({pts(donePts)} points of{' '}
        {pts(board.snapshot?.committedPoints ?? board.loadPoints)} committed). <strong>{open.length}</strong>{' '}
        unfinished; partially done work counts as not done.
      </p>
      {open.length > 0 && (
        <>
          <ul className="why-not" style={{ color: 'var(--text)' }} aria-label="Unfinished items">
            {open.map((i) => (
              <li key={i.itemId}>
                <span className="mono">{i.key}</span> {i.title} · {pts(i.size)} pts ·{' '}
                {i.status.replace('_', ' ')}
              </li>
            ))}
          </ul>
          <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
            <legend className="label" style={{ marginBottom: 6 }}>
              Unfinished items go
            </legend>
            <label className="row" style={{ fontWeight: 400, flexWrap: 'nowrap' }}>
              <input type="radio" name="to" checked={to === 'backlog'} onChange={() => setTo('backlog')} />
              Back to the backlog (ready to be pulled again)
            </label>
            <label className="row" style={{ fontWeight: 400, flexWrap: 'nowrap' }}>
              <input
                type="radio"
                name="to"
                checked={to === 'next_sprint'}
                disabled={planned.length === 0}
                onChange={() => setTo('next_sprint')}
              />
              Into the next sprint, recorded as carry-over
              {planned.length === 0 && <span className="muted">(plan one first)</span>}
            </label>
            {to === 'next_sprint' && planned.length > 1 && (
              <select
                className="select"
                aria-label="Next sprint"
                value={target}
                onChange={(e) => setNextId(e.target.value)}
              >
                {planned.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </fieldset>
        </>
      )}
      <ActionFoot action={action} label="Close sprint" busyLabel="Closing…" onCancel={onClose} />
    </Dialog>
  );
}
