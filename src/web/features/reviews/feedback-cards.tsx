import { useCallback, useEffect, useRef, useState } from 'react';
import type { Answer, AnswerBody, FeedbackForm, Mood } from '#contracts/reviews.ts';
import { MoodFace } from './mood-face.tsx';

type Save = (itemId: string, body: AnswerBody) => Promise<Answer>;
type Status = 'idle' | 'saving' | 'saved' | 'error';

export const MOOD_FACES: Record<Mood, { label: string }> = {
  happy: { label: 'Happy' },
  neutral: { label: 'Neutral' },
  sad: { label: 'Sad' },
};
const MOOD_ORDER: Mood[] = ['happy', 'neutral', 'sad'];

/**
 * One card per increment: three big faces (one tap saves), an optional 1–5 value rating and an
 * optional comment (saved a moment after typing stops, or on leaving the field). Every save says
 * "Saved"; answers come back from the server on reload, so nothing is lost.
 */
export function FeedbackCards({ form, save }: { form: FeedbackForm; save: Save }) {
  const [done, setDone] = useState(
    () => new Set(form.increments.filter((i) => i.answer).map((i) => i.itemId)),
  );
  const onSaved = useCallback((id: string) => setDone((d) => (d.has(id) ? d : new Set([...d, id]))), []);
  return (
    <div className="fb-cards">
      <p className="fb-progress" aria-live="polite">
        {done.size} of {form.increments.length} answered
        {done.size === form.increments.length && ' — thank you!'}
      </p>
      {form.increments.map((inc) => (
        <FeedbackCard key={inc.itemId} inc={inc} save={save} onSaved={onSaved} />
      ))}
      <p className="muted fb-foot">
        You can change your answers until the review closes
        {form.closesAt ? ` (${new Date(form.closesAt).toLocaleString()})` : ''}. Only the product team sees
        them.
      </p>
    </div>
  );
}

function FeedbackCard({
  inc,
  save,
  onSaved,
}: {
  inc: FeedbackForm['increments'][number];
  save: Save;
  onSaved: (itemId: string) => void;
}) {
  const [mood, setMood] = useState<Mood | null>(inc.answer?.mood ?? null);
  const [rating, setRating] = useState<number | null>(inc.answer?.rating ?? null);
  const [comment, setComment] = useState(inc.answer?.comment ?? '');
  const [status, setStatus] = useState<Status>(inc.answer ? 'saved' : 'idle');
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ mood, rating, comment });
  latest.current = { mood, rating, comment };
  // Saves run one after another, so a slow one never lands after a newer one.
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  const send = (next: { mood: Mood | null; rating: number | null; comment: string }) => {
    if (!next.mood) return;
    const m = next.mood;
    setStatus('saving');
    chain.current = chain.current.then(() =>
      save(inc.itemId, { mood: m, rating: next.rating, comment: next.comment.trim() || null }).then(
        () => {
          setError(null);
          setStatus('saved');
          onSaved(inc.itemId);
        },
        (e: unknown) => {
          setError(e instanceof Error ? e.message : 'Could not save. Try again.');
          setStatus('error');
        },
      ),
    );
  };
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const headingId = `fb-${inc.itemId}`;

  return (
    <section className="card fb-card" aria-labelledby={headingId}>
      <header className="fb-card-head">
        <span className="mono muted">{inc.key}</span>
        <h2 id={headingId}>{inc.title}</h2>
        {inc.whatChanged && <p className="fb-what">{inc.whatChanged}</p>}
      </header>
      <fieldset className="fb-faces">
        <legend>How do you feel about it?</legend>
        {MOOD_ORDER.map((m) => (
          <button
            key={m}
            type="button"
            className={`fb-face fb-${m}`}
            aria-pressed={mood === m}
            aria-label={`${MOOD_FACES[m].label} about ${inc.title}`}
            onClick={() => {
              setMood(m);
              send({ ...latest.current, mood: m });
            }}
          >
            <MoodFace mood={m} size={36} />
            <span className="fb-face-label" aria-hidden="true">
              {MOOD_FACES[m].label}
            </span>
          </button>
        ))}
      </fieldset>
      <fieldset className="fb-rating">
        <legend>How much is it worth to you? (optional)</legend>
        <div className="fb-stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <button
              key={n}
              type="button"
              aria-pressed={rating === n}
              aria-label={`Worth ${n} of 5`}
              className="fb-star"
              onClick={() => {
                const v = rating === n ? null : n;
                setRating(v);
                send({ ...latest.current, rating: v });
              }}
            >
              {n}
            </button>
          ))}
        </div>
      </fieldset>
      <label className="field fb-comment">
        <span className="label">A comment (optional)</span>
        <textarea
          rows={2}
          maxLength={2000}
          value={comment}
          placeholder="What works for you, what does not?"
          onChange={(e) => {
            setComment(e.target.value);
            if (timer.current) clearTimeout(timer.current);
            timer.current = setTimeout(() => send({ ...latest.current, comment: e.target.value }), 800);
          }}
          onBlur={() => {
            if (timer.current) {
              clearTimeout(timer.current);
              timer.current = null;
              send(latest.current);
            }
          }}
        />
      </label>
      <p className={`fb-status fb-status-${status}`} role="status" aria-live="polite">
        {status === 'saving' && 'Saving…'}
        {status === 'saved' && '✓ Saved'}
        {status === 'error' && (error ?? 'Not saved')}
        {status === 'idle' && !mood && (rating !== null || comment) && 'Pick a face to save your answer'}
      </p>
    </section>
  );
}
