import type { Mood } from '#contracts/reviews.ts';

const MOUTH: Record<Mood, string> = {
  happy: 'M7.5 14.5 Q12 18.5 16.5 14.5',
  neutral: 'M8 15.5 H16',
  sad: 'M7.5 17 Q12 13 16.5 17',
};

/** A drawn face (no emoji font needed, so it looks the same on every phone). Decorative. */
export function MoodFace({ mood, size = 32 }: { mood: Mood; size?: number }) {
  return (
    <svg
      className={`mood-face mood-face-${mood}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <circle
        cx="12"
        cy="12"
        r="10.5"
        fill="currentColor"
        fillOpacity="0.14"
        stroke="currentColor"
        strokeWidth="1.5"
      />
      <circle cx="8.5" cy="9.5" r="1.3" fill="currentColor" />
      <circle cx="15.5" cy="9.5" r="1.3" fill="currentColor" />
      <path d={MOUTH[mood]} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
