import { Link } from 'react-router-dom';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { ListPage, ListTable, QueryList } from '#web/components/list.tsx';
import { EmptyState } from '#web/components/ui.tsx';
import { day } from '#web/features/sprints/format.ts';
import { useDecisions } from './decisions-api.ts';
import { STATUS_CHIP } from './labels.ts';

/** The product's decision records, newest first, with how often each was gone around. */
export function DecisionsPage() {
  const product = useProduct();
  const decisions = useDecisions(product.id);
  const canPropose = useCan(ROLES.contributors);
  return (
    <ListPage
      title="Decisions"
      subtitle="What was agreed, by whom, and what it rules out. A change that goes around an accepted decision is flagged here and on the item."
    >
      {canPropose && (
        <p>
          <Link className="btn btn-primary" to="new">
            New decision
          </Link>
        </p>
      )}
      <QueryList
        query={decisions}
        empty={
          <EmptyState title="No decisions yet">
            Write down what you agree — the context, the decision and its consequences — so everyone can hold
            to it.
          </EmptyState>
        }
      >
        {(rows) => (
          <ListTable
            label="Decisions"
            columns={[
              { head: '#' },
              { head: 'Decision' },
              { head: 'Status' },
              { head: 'Gone around' },
              { head: 'Accepted', className: 'hide-phone' },
            ]}
            rows={rows}
            rowKey={(d) => d.id}
            row={(d) => (
              <>
                <td className="faint">{d.number}</td>
                <td>
                  <Link to={d.id}>{d.title}</Link>
                  {d.technical && <span className="badge d-tech">technical</span>}
                </td>
                <td>
                  <span className={STATUS_CHIP[d.status].className}>{STATUS_CHIP[d.status].label}</span>
                </td>
                <td>
                  {d.contradictions > 0 ? (
                    <span className="badge badge-danger">
                      {d.contradictions} {d.contradictions === 1 ? 'time' : 'times'}
                    </span>
                  ) : (
                    <span className="faint">–</span>
                  )}
                </td>
                <td className="hide-phone">{d.acceptedAt ? day(d.acceptedAt, true) : '–'}</td>
              </>
            )}
          />
        )}
      </QueryList>
    </ListPage>
  );
}
