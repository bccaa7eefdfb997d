import { useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Review } from '#contracts/reviews.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { ErrorState, Loading, PageHead } from '#web/components/ui.tsx';
import { useSegments } from '#web/lib/queries.ts';
import { InvitePanel } from './invite-panel.tsx';
import { MyReviewPage } from './my-review-page.tsx';
import { answeredLine, IncrementResultCard } from './results-bars.tsx';
import {
  closeReview,
  editIncrement,
  reviewKeys,
  useLiveResults,
  useReview,
  useSummary,
} from './reviews-api.ts';

/** /p/:key/reviews/:reviewId — the PO and the team run the review; a stakeholder answers it. */
export function ReviewRoute() {
  const { reviewId = '' } = useParams();
  const reader = useCan(ROLES.readers);
  return reader ? <ReviewPage reviewId={reviewId} /> : <MyReviewPage reviewId={reviewId} />;
}

function ReviewPage({ reviewId }: { reviewId: string }) {
  const product = useProduct();
  const isPo = useCan(ROLES.owner);
  const canInvite = useCan(ROLES.ownerOrFacilitator);
  const review = useReview(reviewId);
  const open = review.data?.state === 'open';
  const results = useLiveResults(reviewId, open);
  const summary = useSummary(reviewId, review.data?.state === 'closed');
  const segments = useSegments(product.id);
  const qc = useQueryClient();
  const [closing, setClosing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (review.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (review.isError)
    return (
      <div className="page">
        <ErrorState error={review.error} />
      </div>
    );
  const r = review.data;
  const segName = (id: string) => segments.data?.find((s) => s.id === id)?.name ?? 'Segment';
  const res = results.data;

  return (
    <div className="page stack rv-page">
      <Link className="muted" to="..">
        ← Reviews
      </Link>
      <PageHead
        title={
          <>
            Review of {r.sprintName}{' '}
            <span className={r.state === 'open' ? 'badge badge-accent' : 'badge'}>{r.state}</span>
          </>
        }
        subtitle={
          <span className="muted">
            {answeredLine(res?.answered ?? r.answered, res?.invited ?? r.invited)}
            {r.closesAt && ` · closes ${new Date(r.closesAt).toLocaleString()}`}
            {open && (results.connected ? ' · live' : ' · connecting…')}
          </span>
        }
        actions={
          isPo && open ? (
            <button
              type="button"
              className="btn btn-danger"
              disabled={closing}
              onClick={async () => {
                if (!window.confirm('Close the review? Answers are refused from then on.')) return;
                setClosing(true);
                try {
                  const closed = await closeReview(reviewId);
                  qc.setQueryData(reviewKeys.one(reviewId), closed);
                  void qc.invalidateQueries({ queryKey: reviewKeys.summary(reviewId) });
                } catch (e) {
                  setError(e instanceof Error ? e.message : 'Could not close the review.');
                } finally {
                  setClosing(false);
                }
              }}
            >
              Close review
            </button>
          ) : null
        }
      />
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}

      {r.state === 'closed' && summary.data && (
        <section className="section" aria-labelledby="summary-h">
          <h2 id="summary-h">Summary for the team — sad faces first</h2>
          <p className="muted">
            {summary.data.answered} {summary.data.answered === 1 ? 'person' : 'people'} answered. Increments
            with sad faces come first, with what people said: the bad news is news too.
          </p>
          <div className="rv-results">
            {summary.data.increments.map((i) => (
              <IncrementResultCard key={i.itemId} r={i} segmentName={segName} />
            ))}
          </div>
        </section>
      )}

      {open && (
        <div className="rv-two">
          <section className="section" aria-labelledby="inc-h">
            <h2 id="inc-h">Increments</h2>
            <p className="muted">“What changed for you” is what customers read on their card.</p>
            <ul className="rv-increments">
              {r.increments.map((i) => (
                <IncrementLine key={i.itemId} review={r} inc={i} editable={isPo} />
              ))}
            </ul>
          </section>
          {canInvite && (
            <section className="section" aria-labelledby="inv-h">
              <h2 id="inv-h">Invite customers</h2>
              <InvitePanel review={r} />
              <RoomQr url={`${window.location.origin}/p/${product.key}/reviews/${r.id}`} />
            </section>
          )}
        </div>
      )}

      {open && (
        <section className="section" aria-labelledby="res-h">
          <h2 id="res-h">Live results</h2>
          {results.isError && <ErrorState error={results.error} />}
          <div className="rv-results" aria-live="off">
            {res?.increments.map((i) => (
              <IncrementResultCard key={i.itemId} r={i} segmentName={segName} />
            ))}
          </div>
        </section>
      )}
    </div>
  );
}

function IncrementLine({
  review,
  inc,
  editable,
}: {
  review: Review;
  inc: Review['increments'][number];
  editable: boolean;
}) {
  const qc = useQueryClient();
  const [value, setValue] = useState(inc.whatChanged);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [message, setMessage] = useState('');
  useEffect(() => setValue(inc.whatChanged), [inc.whatChanged]);
  const id = `wc-${inc.itemId}`;
  return (
    <li className="rv-increment">
      <div>
        <span className="mono muted">{inc.key}</span> <strong>{inc.title}</strong>
      </div>
      {editable ? (
        <form
          className="rv-wc"
          onSubmit={async (e) => {
            e.preventDefault();
            setState('saving');
            try {
              const latest = qc.getQueryData<Review>(reviewKeys.one(review.id)) ?? review;
              const next = await editIncrement(review.id, inc.itemId, value, latest.version);
              qc.setQueryData(reviewKeys.one(review.id), next);
              setState('saved');
            } catch (err) {
              setMessage(err instanceof Error ? err.message : 'Not saved');
              setState('error');
            }
          }}
        >
          <label htmlFor={id} className="sr-only">
            What changed for you: {inc.key}
          </label>
          <input
            id={id}
            className="input"
            value={value}
            maxLength={500}
            placeholder="What changed for you, in the customer's words"
            onChange={(e) => {
              setValue(e.target.value);
              setState('idle');
            }}
          />
          <button
            type="submit"
            className="btn btn-sm"
            disabled={value === inc.whatChanged || state === 'saving'}
          >
            Save
          </button>
          <span className="muted" role="status">
            {state === 'saved' ? 'Saved' : state === 'error' ? message : ''}
          </span>
        </form>
      ) : (
        <p className="muted">{inc.whatChanged || 'No line for customers yet.'}</p>
      )}
    </li>
  );
}

/** A QR code of the room link: stakeholders in the room scan it and answer signed in. */
function RoomQr({ url }: { url: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(url, { margin: 1, width: 200 }).then((d) => live && setSrc(d));
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <figure className="rv-qr">
      {src && <img src={src} width={160} height={160} alt={`QR code of the review room link ${url}`} />}
      <figcaption className="muted">
        In the room: stakeholders scan this and answer signed in. Personal links need no sign-in.
      </figcaption>
    </figure>
  );
}
