/** A handful of 16px line icons (decorative: always next to a text label, so aria-hidden). */
const paths = {
  backlog: 'M3 4h10M3 8h10M3 12h6',
  board: 'M2.5 3h3v10h-3zM6.5 3h3v6h-3zM10.5 3h3v8h-3z',
  sprints: 'M8 2.5a5.5 5.5 0 1 0 5.5 5.5M8 5v3l2 1.5M11 1.5l2.5 2.5L11 6.5',
  poker: 'M4 2.5h6l2 2v9H4zM7 7.5l1.5 2L7 11.5 5.5 9.5z',
  activity: 'M2 8h3l2-5 2 10 2-5h3',
  settings:
    'M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4',
  users:
    'M6 7a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM1.5 14c0-2.5 2-4 4.5-4s4.5 1.5 4.5 4M11 3a2 2 0 0 1 0 4M12.5 10c1.3.5 2 1.8 2 3.5',
  plus: 'M8 3v10M3 8h10',
  search: 'M7 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10zM14 14l-3.5-3.5',
  menu: 'M2.5 4h11M2.5 8h11M2.5 12h11',
  chevron: 'M4 6l4 4 4-4',
  sun: 'M8 5a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3 3l1 1M12 12l1 1M3 13l1-1M12 4l1-1',
  moon: 'M13 9.5A5.5 5.5 0 1 1 6.5 3a4.5 4.5 0 0 0 6.5 6.5z',
  home: 'M2.5 7.5L8 3l5.5 4.5V13h-4v-3h-3v3h-4z',
  ask: 'M2.5 3h11v7.5H7L4 13v-2.5H2.5zM8 5v2.5M8 9v.01',
  review: 'M8 14A6 6 0 1 0 8 2a6 6 0 0 0 0 12zM5.5 9.5c1.3 1.5 3.7 1.5 5 0M6 6.5v.01M10 6.5v.01',
  vote: 'M3 13.5h10M5 13.5V8h2v5.5M9 13.5V4h2v9.5',
  agreement: 'M4 1.5h5.5L12 4v10.5H4zM6 9l1.5 1.5L10.5 7',
  decision: 'M4 2.5h6l2 2v9H4zM6 8.5l1.5 1.5 3-3',
  bell: 'M4 11.5V7a4 4 0 0 1 8 0v4.5l1 1H3zM6.5 14a1.5 1.5 0 0 0 3 0',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}
