import { useState } from 'react';
import type { IncrementResult, Mood } from '#contracts/reviews.ts';
import { MOOD_FACES } from './feedback-cards.tsx';
import { MoodFace } from './mood-face.tsx';

const MOODS: Mood[] = ['happy', 'neutral', 'sad'];
const pct = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 100) : 0);
const avg = (v: number | null) => (v === null ? '–' : v.toFixed(1));

/** One stacked bar of happy / neutral / sad, with its numbers in words for screen readers. */
export function MoodBar({
  counts,
  label,
}: {
  counts: { happy: number; neutral: number; sad: number };
  label: string;
}) {
  const total = counts.happy + counts.neutral + counts.sad;
  const words = `${label}: ${counts.happy} happy, ${counts.neutral} neutral, ${counts.sad} sad`;
  return (
    <div className="rv-bar" role="img" aria-label={words} title={words}>
      {total === 0 ? (
        <span className="rv-bar-empty">No answers yet</span>
      ) : (
        MOODS.map((m) =>
          counts[m] > 0 ? (
            <span key={m} className={`rv-seg rv-${m}`} style={{ flexGrow: counts[m] }}>
              {pct(counts[m], total) >= 12 && (
                <>
                  <MoodFace mood={m} size={14} /> {counts[m]}
                </>
              )}
            </span>
          ) : null,
        )
      )}
    </div>
  );
}

/** An increment's results: overall bar, one bar per segment, and the comments (no names). */
const MOOD_ORDER: Record<Mood, number> = { sad: 0, neutral: 1, happy: 2 };
const COMMENTS_SHOWN = 6;

export function IncrementResultCard({
  r,
  segmentName,
}: {
  r: IncrementResult;
  segmentName: (id: string) => string;
}) {
  const [all, setAll] = useState(false);
  // The bad news first (seed 003: sharing only good news breaks trust), then a handful.
  const comments = [...r.comments].sort((a, b) => MOOD_ORDER[a.mood] - MOOD_ORDER[b.mood]);
  const shown = all ? comments : comments.slice(0, COMMENTS_SHOWN);
  return (
    <article className="card rv-result" aria-label={`${r.key} ${r.title}`} data-testid="increment-result">
      <header className="rv-result-head">
        <div>
          <span className="mono muted">{r.key}</span> <strong>{r.title}</strong>
        </div>
        <span className="muted">
          {r.responses} {r.responses === 1 ? 'answer' : 'answers'} · value {avg(r.ratingAvg)} / 5
        </span>
      </header>
      <MoodBar counts={r} label={`${r.key} overall`} />
      {r.bySegment.length > 0 && (
        <table className="rv-segments">
          <caption className="sr-only">By segment</caption>
          <tbody>
            {r.bySegment.map((s) => (
              <tr key={s.segmentId}>
                <th scope="row">{s.name}</th>
                <td>
                  <MoodBar counts={s} label={`${r.key}, ${s.name}`} />
                </td>
                <td className="muted rv-num">{avg(s.ratingAvg)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {comments.length > 0 && (
        <ul className="rv-comments">
          {shown.map((c) => (
            <li key={`${c.at}-${c.comment}`} className={`rv-comment rv-c-${c.mood}`}>
              <MoodFace mood={c.mood} size={16} />
              <span className="sr-only">{MOOD_FACES[c.mood].label}:</span> {c.comment}
              <span className="muted">
                {c.rating !== null && ` · ${c.rating}/5`}
                {c.segmentIds.length > 0 && ` · ${c.segmentIds.map(segmentName).join(', ')}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {comments.length > shown.length && (
        <button type="button" className="btn btn-ghost" onClick={() => setAll(true)}>
          Show all {comments.length} comments
        </button>
      )}
    </article>
  );
}

/** "12 of 40 invited answered", or "12 answered" when nobody was invited by link (signed-in answers). */
export const answeredLine = (answered: number, invited: number) =>
  invited > 0 ? `${answered} of ${invited} invited answered` : `${answered} answered`;
