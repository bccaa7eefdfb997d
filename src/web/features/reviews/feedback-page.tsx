import { useParams } from 'react-router-dom';
import { Loading } from '#web/components/ui.tsx';
import { FeedbackCards } from './feedback-cards.tsx';
import { saveByLink, useLinkForm } from './reviews-api.ts';
import './reviews.css';

/**
 * /feedback/:token — a stakeholder followed their personal link: no sign-in, one column, one card
 * per increment. The link opens this page only; it is no session.
 */
export function FeedbackPage() {
  const { token = '' } = useParams();
  const form = useLinkForm(token);
  return (
    <main className="fb-page">
      {form.isPending && <Loading />}
      {form.isError && (
        <div className="card fb-card fb-gone">
          <h1>
            {/closed/.test(form.error.message)
              ? 'Thank you — this review is over'
              : 'This link cannot be used'}
          </h1>
          <p role="alert">{form.error.message}</p>
        </div>
      )}
      {form.data && (
        <>
          <header className="fb-intro">
            <p className="muted">
              {form.data.productName} · {form.data.sprintName}
            </p>
            <h1>Hi {form.data.firstName}, what do you think?</h1>
            <p>
              This is what the team delivered. One tap per card is enough; a rating and a comment help even
              more.
            </p>
          </header>
          <FeedbackCards form={form.data} save={(itemId, body) => saveByLink(token, itemId, body)} />
        </>
      )}
    </main>
  );
}
