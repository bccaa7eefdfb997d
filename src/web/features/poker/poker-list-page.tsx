import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ROLES } from '#domain/roles.ts';
import { type Command, useCommands } from '#web/app/commands.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { ListPage, ListTable, QueryList } from '#web/components/list.tsx';
import { EmptyState } from '#web/components/ui.tsx';
import { when } from '#web/features/sprints/format.ts';
import { OpenSessionDialog } from './open-session-dialog.tsx';
import { usePokerSessions } from './poker-api.ts';

const STATUS = { voting: 'Voting', revealed: 'Revealed', closed: 'Closed' } as const;

/** Poker sessions of the product, open ones first. */
export function PokerListPage() {
  const product = useProduct();
  const sessions = usePokerSessions(product.id);
  const canOpen = useCan(ROLES.teamOrFacilitator);
  const [opening, setOpening] = useState(false);
  const commands = useMemo<Command[]>(
    () =>
      canOpen
        ? [{ id: 'poker.open', title: 'Open a poker session', group: 'Poker', run: () => setOpening(true) }]
        : [],
    [canOpen],
  );
  useCommands(commands);
  const list =
    sessions.data &&
    [...sessions.data].sort(
      (a, b) =>
        Number(a.status === 'closed') - Number(b.status === 'closed') ||
        b.createdAt.localeCompare(a.createdAt),
    );
  const open = (label: string) =>
    canOpen && (
      <button type="button" className="btn btn-primary" onClick={() => setOpening(true)}>
        {label}
      </button>
    );
  return (
    <ListPage
      title="Planning poker"
      subtitle="The team estimates together: votes stay hidden until the reveal, and the agreed value becomes the item’s size."
      actions={open('Open a session')}
    >
      <QueryList
        query={{ ...sessions, data: list }}
        empty={
          <EmptyState title="No poker sessions yet" action={open('Open the first session')}>
            {canOpen
              ? 'Pick the items that need an estimate and invite the team.'
              : 'When the team opens a session you can watch it here live and answer their questions.'}
          </EmptyState>
        }
      >
        {(rows) => (
          <ListTable
            label="Poker sessions"
            columns={[
              { head: 'Session' },
              { head: 'Status' },
              { head: 'Estimated', className: 'hide-phone' },
              { head: 'Opened', className: 'hide-phone' },
            ]}
            rows={rows}
            rowKey={(s) => s.id}
            row={(s) => (
              <>
                <td>
                  <Link to={s.id}>{s.title || `${s.items.length} items`}</Link>
                </td>
                <td>
                  <span className={s.status === 'closed' ? 'badge' : 'badge badge-accent'}>
                    {STATUS[s.status]}
                  </span>
                </td>
                <td className="hide-phone">
                  {s.results.length} of {s.items.length}
                </td>
                <td className="hide-phone">{when(s.createdAt)}</td>
              </>
            )}
          />
        )}
      </QueryList>
      {opening && <OpenSessionDialog productId={product.id} onClose={() => setOpening(false)} />}
    </ListPage>
  );
}
