import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { useSegments } from '#web/lib/queries.ts';
import { MoodFace } from './mood-face.tsx';
import { MoodBar } from './results-bars.tsx';
import { useItemFeedback } from './reviews-api.ts';
import './reviews.css';

/** On an item: what customers said about it, review by review (readers only; nothing when none). */
export function ItemFeedbackSection({ itemId }: { itemId: string }) {
  const reader = useCan(ROLES.readers);
  return reader ? <Feedback itemId={itemId} /> : null;
}

function Feedback({ itemId }: { itemId: string }) {
  const product = useProduct();
  const q = useItemFeedback(itemId);
  const segments = useSegments(product.id);
  const name = (id: string) => segments.data?.find((s) => s.id === id)?.name ?? 'Segment';
  if (!q.data || q.data.reviews.length === 0) return null;
  return (
    <section className="b-section" aria-labelledby="b-feedback-h">
      <h3 id="b-feedback-h">Customer feedback</h3>
      {q.data.reviews.map((r) => (
        <div key={r.reviewId} className="stack" style={{ gap: 'var(--space-1)' }}>
          <span className="muted">
            {r.sprintName} review · {r.responses} {r.responses === 1 ? 'answer' : 'answers'}
            {r.ratingAvg !== null && ` · value ${r.ratingAvg.toFixed(1)} / 5`}
          </span>
          <MoodBar counts={r} label={`${r.sprintName} review`} />
          {r.comments.length > 0 && (
            <ul className="rv-comments">
              {r.comments.slice(0, 5).map((c) => (
                <li key={`${c.at}-${c.comment}`} className={`rv-comment rv-c-${c.mood}`}>
                  <MoodFace mood={c.mood} size={16} /> {c.comment}
                  {c.segmentIds.length > 0 && (
                    <span className="muted"> · {c.segmentIds.map(name).join(', ')}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
