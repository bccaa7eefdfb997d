import { useCallback, useEffect, useRef, useState } from 'react';
import { type Item, ItemConflictDetails, type UpdateItemBody } from '#contracts/items.ts';
import { isApiError } from '#web/lib/api.ts';
import { browserStore, loadDraft, type StoredDraft, storeDraft } from './item-drafts.ts';
import { fetchItem, updateItem } from './items-api.ts';

/**
 * The edit session of one item. Changes collect in a draft over the version they started from;
 * Save sends only the changed fields with If-Match. When someone else saved first (412), the
 * draft is kept, the base moves to their version, and every field both people changed is listed
 * with their value beside yours until the user picks one. Nothing typed is lost.
 */
export type EditableField = keyof UpdateItemBody;
export type Draft = Partial<Record<EditableField, unknown>>;

export interface Conflict {
  /** Field → their value, for fields both people changed. */
  theirs: Partial<Record<EditableField, unknown>>;
  by: string | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Fields of `draft` that the other person also changed (their value differs from our base). */
export function conflictingFields(draft: Draft, base: Item, theirs: Item): EditableField[] {
  return (Object.keys(draft) as EditableField[]).filter(
    (f) => !same(theirs[f], base[f]) && !same(theirs[f], draft[f]),
  );
}

/**
 * A stored draft over the item as it is now: fields typed back to the saved value are dropped, and
 * fields someone else changed since the draft started are a conflict (their value beside yours).
 */
export function restoreDraft(
  stored: StoredDraft | null,
  current: Item,
): { draft: Draft; conflict: Conflict | null } {
  if (!stored) return { draft: {}, conflict: null };
  const draft: Draft = {};
  const theirs: Conflict['theirs'] = {};
  for (const [f, v] of Object.entries(stored.draft) as Array<[EditableField, unknown]>) {
    if (!(f in current) || same(v, current[f])) continue;
    draft[f] = v;
    if (f in stored.base && !same(stored.base[f], current[f])) theirs[f] = current[f];
  }
  return { draft, conflict: Object.keys(theirs).length ? { theirs, by: null } : null };
}

export function useItemEditor(initial: Item, onSaved: (item: Item) => void, userId = '') {
  const [restored] = useState(() => restoreDraft(loadDraft(browserStore(), userId, initial.id), initial));
  const [base, setBase] = useState(initial);
  const [draft, setDraft] = useState<Draft>(restored.draft);
  const [conflict, setConflict] = useState<Conflict | null>(restored.conflict);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(
    restored.conflict
      ? 'This item was saved by someone else since your draft. Compare the fields below, pick a value for each, then save.'
      : null,
  );
  const [saving, setSaving] = useState(false);
  /** True while the draft on screen is one restored from an earlier visit. */
  const [draftRestored, setDraftRestored] = useState(Object.keys(restored.draft).length > 0);
  const dirty = Object.keys(draft).length > 0;
  // Where each drafted field started: kept with the draft so a later visit can tell their changes.
  const startedFrom = useRef<Record<string, unknown>>({});

  // Every change to the draft is kept in the browser at once (cleared when saved or discarded).
  useEffect(() => {
    const started: Record<string, unknown> = {};
    for (const f of Object.keys(draft) as EditableField[])
      started[f] = f in startedFrom.current ? startedFrom.current[f] : base[f];
    startedFrom.current = started;
    storeDraft(browserStore(), userId, base.id, {
      draft,
      base: started,
      version: base.version,
      savedAt: new Date().toISOString(),
    });
    if (!Object.keys(draft).length) setDraftRestored(false);
  }, [draft, base, userId]);

  // A fresher copy from the server (someone's save, our own) becomes the base while nothing is typed.
  useEffect(() => {
    if (!dirty && initial.version !== base.version) setBase(initial);
  }, [initial, dirty, base.version]);

  const value = useCallback(
    <F extends EditableField>(field: F): Item[F] =>
      field in draft ? (draft[field] as Item[F]) : base[field],
    [draft, base],
  );
  const set = useCallback(
    (field: EditableField, v: unknown) => {
      setDraft((d) => {
        const next = { ...d };
        if (same(v, base[field])) delete next[field];
        else next[field] = v;
        return next;
      });
      setErrors((e) => {
        const { [field]: _gone, ...rest } = e;
        return rest;
      });
    },
    [base],
  );
  const discard = () => {
    storeDraft(browserStore(), userId, base.id, null);
    setDraftRestored(false);
    setDraft({});
    setConflict(null);
    setErrors({});
    setMessage(null);
  };

  const save = async () => {
    if (!dirty || saving) return;
    setSaving(true);
    setMessage(null);
    try {
      const saved = await updateItem(base.id, draft as UpdateItemBody, base.version);
      storeDraft(browserStore(), userId, base.id, null);
      setDraftRestored(false);
      setBase(saved);
      setDraft({});
      setConflict(null);
      setErrors({});
      onSaved(saved);
    } catch (err) {
      if (isApiError(err, 'version_conflict')) await onConflict(err.details);
      else if (isApiError(err)) {
        setErrors(err.fields);
        setMessage(Object.keys(err.fields).length ? null : err.message);
        if (err.code === 'estimate_by_team_only') setErrors({ size: err.message });
      } else setMessage('The change could not be saved. Try again.');
    } finally {
      setSaving(false);
    }
  };

  async function onConflict(details: unknown) {
    const parsed = ItemConflictDetails.safeParse(details);
    const theirs = parsed.success && parsed.data.current ? parsed.data.current : await fetchItem(base.id);
    const by = parsed.success ? (parsed.data.by?.name ?? null) : null;
    const who = by ?? 'Someone';
    const fields = conflictingFields(draft, base, theirs);
    const theirValues: Conflict['theirs'] = {};
    for (const f of fields) theirValues[f] = theirs[f];
    // Fields only we changed stay in the draft; everything else now shows their saved values.
    setDraft((d) => {
      const next = { ...d };
      for (const f of Object.keys(next) as EditableField[]) if (same(next[f], theirs[f])) delete next[f];
      return next;
    });
    setBase(theirs);
    onSaved(theirs);
    setConflict(fields.length ? { theirs: theirValues, by } : null);
    setMessage(
      fields.length
        ? `${who} saved this item while you were editing. Compare the fields below, pick a value for each, then save.`
        : `${who} saved other fields of this item meanwhile; your changes are kept. Save again to apply them.`,
    );
  }

  const resolve = (field: EditableField, pick: 'mine' | 'theirs') => {
    if (!conflict) return;
    if (pick === 'theirs') set(field, conflict.theirs[field]);
    const { [field]: _done, ...rest } = conflict.theirs;
    setConflict(Object.keys(rest).length ? { ...conflict, theirs: rest } : null);
    if (!Object.keys(rest).length) setMessage(null);
  };

  return {
    base,
    draft,
    dirty,
    value,
    set,
    save,
    discard,
    saving,
    errors,
    message,
    conflict,
    resolve,
    draftRestored,
  };
}
export type ItemEditor = ReturnType<typeof useItemEditor>;
