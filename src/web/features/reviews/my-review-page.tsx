import { useProduct } from '#web/app/product-context.tsx';
import { Loading } from '#web/components/ui.tsx';
import { FeedbackCards } from './feedback-cards.tsx';
import { saveAsMember, useMyForm } from './reviews-api.ts';

/** A signed-in stakeholder's review: the same cards as the personal link, saved as they go. */
export function MyReviewPage({ reviewId }: { reviewId: string }) {
  const product = useProduct();
  const form = useMyForm(reviewId, true);
  return (
    <div className="page fb-page fb-in-app">
      {form.isPending && <Loading />}
      {form.isError && (
        <div className="card fb-card fb-gone">
          <h1>This review is not open</h1>
          <p role="alert">{form.error.message}</p>
        </div>
      )}
      {form.data && (
        <>
          <header className="fb-intro">
            <p className="muted">
              {product.name} · {form.data.sprintName}
            </p>
            <h1>Hi {form.data.firstName}, what do you think?</h1>
            <p>One tap per card is enough; a rating and a comment help even more.</p>
          </header>
          <FeedbackCards form={form.data} save={(itemId, body) => saveAsMember(reviewId, itemId, body)} />
        </>
      )}
    </div>
  );
}
