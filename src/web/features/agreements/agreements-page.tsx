import { Link } from 'react-router-dom';
import type { Agreement } from '#contracts/agreements.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { ListPage, ListTable, QueryList } from '#web/components/list.tsx';
import { EmptyState } from '#web/components/ui.tsx';
import { day } from '#web/features/sprints/format.ts';
import { useAgreements } from './agreements-api.ts';
import { timeLeft } from './countdown.ts';

/**
 * One line on where an agreement stands: in effect, open for comments, waiting for its date. Only
 * members comment; a stakeholder reading a shared proposal sees when it takes effect instead.
 */
export function standing(
  a: Agreement,
  now = new Date(),
  commenter = true,
): { label: string; tone: 'accent' | 'plain' | 'warn' } {
  if (commenter && a.pendingVersion !== null && a.commentUntil && new Date(a.commentUntil) > now)
    return { label: `Comments open · ${timeLeft(a.commentUntil, now)}`, tone: 'accent' };
  if (a.pendingVersion !== null && a.effectiveFrom)
    return { label: `Version ${a.pendingVersion} from ${day(a.effectiveFrom)}`, tone: 'accent' };
  if (a.effectiveVersion !== null)
    return { label: `In effect · version ${a.effectiveVersion}`, tone: 'plain' };
  return { label: 'Draft', tone: 'warn' };
}

export function AckBadge({ a }: { a: Agreement }) {
  const acks = a.acknowledgements;
  if (!acks) return <span className="faint">–</span>;
  const total = acks.acknowledged.length + acks.pending.length;
  return (
    <span className={acks.pending.length ? 'badge ag-badge-warn' : 'badge'}>
      {acks.acknowledged.length} of {total} acknowledged
    </span>
  );
}

/** The product's working agreements: how this team works, in writing (seed 002). */
export function AgreementsPage() {
  const product = useProduct();
  const agreements = useAgreements(product.id);
  const writer = useCan(ROLES.agreementWriters);
  const reader = useCan(ROLES.readers);
  return (
    <ListPage
      title="Working agreements"
      subtitle={
        reader
          ? 'How this team works, in writing: proposed with a comment period, in effect from a date, acknowledged by everyone it asks.'
          : 'How the team works with you, as the Product Owner shared it.'
      }
      actions={
        writer && (
          <Link className="btn btn-primary" to="new">
            New agreement
          </Link>
        )
      }
    >
      <QueryList
        query={agreements}
        empty={
          <EmptyState title="No working agreements yet">
            {writer
              ? 'Start from a template — urgent bugs, backlog changes, what protects the sprint — and propose it to the team.'
              : reader
                ? 'The Product Owner and the team write them; you will be asked to comment and acknowledge.'
                : 'Nothing has been shared with you yet.'}
          </EmptyState>
        }
      >
        {(rows) => (
          <ListTable
            label="Working agreements"
            columns={[{ head: 'Agreement' }, { head: 'Where it stands' }, { head: 'Acknowledged' }]}
            rows={rows}
            rowKey={(a) => a.id}
            row={(a) => {
              const s = standing(a, new Date(), reader);
              return (
                <>
                  <td>
                    <Link to={a.id}>{a.title}</Link>
                    {a.shared && reader && <span className="badge ag-shared">Shared with stakeholders</span>}
                  </td>
                  <td>
                    <span
                      className={
                        s.tone === 'accent'
                          ? 'badge badge-accent'
                          : s.tone === 'warn'
                            ? 'badge ag-badge-warn'
                            : 'badge'
                      }
                    >
                      {s.label}
                    </span>
                  </td>
                  <td>
                    <AckBadge a={a} />
                  </td>
                </>
              );
            }}
          />
        )}
      </QueryList>
    </ListPage>
  );
}
