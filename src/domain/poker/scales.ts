/** Planning poker card decks. `?` means "I cannot estimate this yet", `☕` asks for a break. */
export const SCALE_KINDS = ['fibonacci', 'tshirt', 'custom'] as const;
export type ScaleKind = (typeof SCALE_KINDS)[number];

export const FIBONACCI_CARDS = [
  '0',
  '½',
  '1',
  '2',
  '3',
  '5',
  '8',
  '13',
  '20',
  '40',
  '100',
  '?',
  '☕',
] as const;
export const TSHIRT_CARDS = ['XS', 'S', 'M', 'L', 'XL', 'XXL', '?', '☕'] as const;

/** Story points written to the item when the team agrees on a T-shirt size. */
export const TSHIRT_POINTS: Record<string, number> = { XS: 1, S: 2, M: 3, L: 5, XL: 8, XXL: 13 };

export function cardsFor(kind: ScaleKind, custom?: readonly string[]): string[] {
  if (kind === 'fibonacci') return [...FIBONACCI_CARDS];
  if (kind === 'tshirt') return [...TSHIRT_CARDS];
  return [...(custom ?? [])];
}

/**
 * The story points a card stands for: Fibonacci and numeric custom cards are their number (½ is
 * 0.5), T-shirt sizes map by TSHIRT_POINTS; `?`, `☕` and other words have none (null).
 */
export function pointsOf(card: string): number | null {
  if (card === '½') return 0.5;
  if (card in TSHIRT_POINTS) return TSHIRT_POINTS[card]!;
  const n = Number(card.replace(',', '.'));
  return card.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : null;
}
