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
export function IncrementResultCard({
  r,
  segmentName,
}: {
  r: IncrementResult;
  segmentName: (id: string) => string;
}) {
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
      {r.comments.length > 0 && (
        <ul className="rv-comments">
          {r.comments.map((c) => (
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
    </article>
  );
}
