import { Fragment } from 'react';
import { useProduct } from '#web/app/product-context.tsx';
import { day } from '#web/features/sprints/format.ts';
import { useProductRepayments } from './decisions-api.ts';

/**
 * On a board card: a workaround shows the repayment it still owes (red once past its day), a
 * repayment item says which workaround it replaces. Nothing for work with no open repayment.
 */
export function RepaymentBadge({ itemId, className }: { itemId: string; className?: string }) {
  const product = useProduct();
  const q = useProductRepayments(product.id);
  const all = q.data ?? [];
  const owed = all.filter((r) => r.workaroundItemId === itemId && r.state !== 'repaid');
  const repays = all.find((r) => r.itemId === itemId && r.state !== 'repaid');
  if (!owed.length && !repays) return null;
  const Wrap = className ? 'span' : Fragment;
  return (
    <Wrap {...(className ? { className } : {})}>
      {owed.map((r) => {
        const due = r.dueDate ? day(r.dueDate) : (r.dueSprint?.name ?? null);
        const words = `${r.state === 'overdue' ? 'Unpaid workaround' : 'Workaround'}: ${r.key} repays it${due ? ` by ${due}` : ''}`;
        return (
          <span
            key={r.itemId}
            className={r.state === 'overdue' ? 'badge badge-danger' : 'badge badge-warning'}
            title={`${words}: ${r.title}`}
          >
            {r.state === 'overdue' ? 'Unpaid' : 'Repay'} → {r.key}
          </span>
        );
      })}
      {repays && (
        <span className="badge" title={`Replaces the ${repays.workaroundKey} workaround with the agreed fix`}>
          Repays {repays.workaroundKey}
        </span>
      )}
    </Wrap>
  );
}
