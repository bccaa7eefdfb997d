import { Link } from 'react-router-dom';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { EmptyState, ErrorState, Loading, PageHead } from '#web/components/ui.tsx';
import { answeredLine } from './results-bars.tsx';
import { useReviews, useTrend } from './reviews-api.ts';
import { TrendChart } from './trend-chart.tsx';

/** /p/:key/reviews — the product's reviews with customers and the feedback trend per segment. */
export function ReviewsPage() {
  const product = useProduct();
  const reader = useCan(ROLES.readers);
  const reviews = useReviews(product.id, reader);
  const trend = useTrend(product.id);
  if (!reader)
    return (
      <div className="page">
        <EmptyState title="Your reviews">
          Open the link the Product Owner sent you, or scan the QR code in the room.
        </EmptyState>
      </div>
    );
  return (
    <div className="page stack">
      <PageHead
        title="Reviews with customers"
        subtitle="What customers said about each sprint's increments. Open a review from a sprint's page."
      />
      <section className="section" aria-labelledby="trend-h">
        <h2 id="trend-h">Feedback trend per sprint</h2>
        {trend.isPending ? (
          <Loading />
        ) : trend.isError ? (
          <ErrorState error={trend.error} />
        ) : (
          <TrendChart trend={trend.data} />
        )}
      </section>
      <section className="section" aria-labelledby="list-h">
        <h2 id="list-h">Reviews</h2>
        {reviews.isPending && <Loading />}
        {reviews.data?.length === 0 && (
          <EmptyState title="No reviews yet">
            Accept items in a sprint, then choose “Review with customers” on the sprint’s page.
          </EmptyState>
        )}
        <ul className="list rv-list">
          {reviews.data?.map((r) => (
            <li key={r.id}>
              <Link to={r.id}>Review of {r.sprintName}</Link>{' '}
              <span className={r.state === 'open' ? 'badge badge-accent' : 'badge'}>{r.state}</span>{' '}
              <span className="muted">
                {r.increments.length} increments · {answeredLine(r.answered, r.invited)}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
