/**
 * The vocabulary of backlog items: types, allocation categories, statuses, link kinds and the
 * value scale. Shared by the server, the contracts and the web app.
 */
export const ITEM_TYPES = ['story', 'enabler', 'defect', 'spike', 'debt'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const ITEM_CATEGORIES = ['feature', 'enabler', 'defect', 'debt'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

export const ITEM_STATUSES = ['new', 'ready', 'in_progress', 'done', 'accepted', 'rejected'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const LINK_KINDS = ['blocks', 'relates', 'duplicates', 'repays'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
/**
 * The kinds a person links by hand. `repays` (a debt item repaying a workaround, issue 13) is made
 * only by resolving an item with a workaround, together with its due sprint or date.
 */
export const MANUAL_LINK_KINDS = ['blocks', 'relates', 'duplicates'] as const satisfies readonly LinkKind[];

/** Modified Fibonacci scale for business value, time criticality and risk reduction (SAFe). */
export const VALUE_SCALE = [1, 2, 3, 5, 8, 13, 20] as const;
export type ValuePoint = (typeof VALUE_SCALE)[number];

export const isValuePoint = (n: number): n is ValuePoint => (VALUE_SCALE as readonly number[]).includes(n);

/** Allocation category a new item gets from its type; spikes are exploratory enabler work. */
export function defaultCategory(type: ItemType): ItemCategory {
  switch (type) {
    case 'story':
      return 'feature';
    case 'enabler':
    case 'spike':
      return 'enabler';
    case 'defect':
      return 'defect';
    case 'debt':
      return 'debt';
  }
}

/** Statuses that count as finished work: they no longer block or need readiness. */
export const CLOSED_STATUSES: readonly ItemStatus[] = ['done', 'accepted', 'rejected'];
export const isOpen = (s: ItemStatus): boolean => !CLOSED_STATUSES.includes(s);

/**
 * Allowed status moves: new → ready → in_progress → done → accepted, rejection from any open
 * state or at review, and a step back when work turns out not to be ready or not done.
 */
const TRANSITIONS: Record<ItemStatus, readonly ItemStatus[]> = {
  new: ['ready', 'rejected'],
  ready: ['new', 'in_progress', 'rejected'],
  in_progress: ['ready', 'done', 'rejected'],
  done: ['in_progress', 'accepted', 'rejected'],
  accepted: ['done'],
  rejected: ['new'],
};

export function canTransition(from: ItemStatus, to: ItemStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

export function allowedNextStatuses(from: ItemStatus): readonly ItemStatus[] {
  return TRANSITIONS[from];
}
