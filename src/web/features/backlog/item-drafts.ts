/**
 * Unsaved edits of an item, kept in the browser per person and item, so nothing typed is lost when
 * another row is clicked, Esc closes the panel, the page changes or the tab reloads (as Linear and
 * GitHub keep drafts). Saved beside the values the edit started from, so a draft restored over a
 * version someone else saved meanwhile shows their value beside yours, like any conflict.
 */
export interface StoredDraft {
  /** Field → the value typed. */
  draft: Record<string, unknown>;
  /** Field → the saved value when the edit started (to tell their later changes from ours). */
  base: Record<string, unknown>;
  version: number;
  savedAt: string;
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'tandem.item-draft';
export const draftKey = (userId: string, itemId: string) => `${PREFIX}:${userId}:${itemId}`;

/** The browser's storage, or null where there is none (private mode may throw on access). */
export function browserStore(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadDraft(store: KeyValueStore | null, userId: string, itemId: string): StoredDraft | null {
  if (!store || !userId) return null;
  try {
    const raw = store.getItem(draftKey(userId, itemId));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<StoredDraft>;
    if (!v || typeof v !== 'object' || typeof v.draft !== 'object' || v.draft === null) return null;
    if (Object.keys(v.draft).length === 0) return null;
    return {
      draft: v.draft,
      base: typeof v.base === 'object' && v.base ? v.base : {},
      version: typeof v.version === 'number' ? v.version : 0,
      savedAt: typeof v.savedAt === 'string' ? v.savedAt : '',
    };
  } catch {
    return null;
  }
}

/** Writes the draft, or removes it when nothing is left unsaved. Storage full or off: kept in memory only. */
export function storeDraft(
  store: KeyValueStore | null,
  userId: string,
  itemId: string,
  value: StoredDraft | null,
): void {
  if (!store || !userId) return;
  try {
    if (!value || Object.keys(value.draft).length === 0) store.removeItem(draftKey(userId, itemId));
    else store.setItem(draftKey(userId, itemId), JSON.stringify(value));
  } catch {
    // Quota exceeded or storage disabled: the draft still lives while the panel is open.
  }
}
