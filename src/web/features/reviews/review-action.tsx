import { useNavigate } from 'react-router-dom';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { useOpenReview, useReviews } from './reviews-api.ts';

/**
 * "Review with customers" on a started or closed sprint's page: opens the sprint's review (its
 * accepted items) for the PO, or goes to it when it exists. Shown to the PO only.
 */
export function ReviewWithCustomersAction({ sprintId, accepted }: { sprintId: string; accepted: number }) {
  const product = useProduct();
  const isPo = useCan(ROLES.owner);
  const reviews = useReviews(product.id, isPo);
  const openReview = useOpenReview(product.id);
  const navigate = useNavigate();
  if (!isPo || reviews.isPending) return null;
  const existing = reviews.data?.find((r) => r.sprintId === sprintId);
  const go = (id: string) => navigate(`/p/${product.key}/reviews/${id}`);
  if (existing)
    return (
      <button type="button" className="btn" onClick={() => go(existing.id)}>
        Review with customers ({existing.state})
      </button>
    );
  return (
    <button
      type="button"
      className="btn"
      disabled={accepted === 0 || openReview.isPending}
      title={accepted === 0 ? 'Accept some items first: the review lists the accepted ones' : undefined}
      onClick={() => openReview.mutate(sprintId, { onSuccess: (r) => go(r.id) })}
    >
      Review with customers
    </button>
  );
}
