import { describe, expect, it } from 'vitest';
import { draftKey, loadDraft, storeDraft } from './item-drafts.ts';

const memory = () => {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    m,
  };
};

describe('item drafts in the browser', () => {
  it('keeps a draft per person and item, and removes it once nothing is unsaved', () => {
    const s = memory();
    const d = {
      draft: { title: 'Mine' },
      base: { title: 'Old' },
      version: 3,
      savedAt: '2026-01-01T00:00:00Z',
    };
    storeDraft(s, 'u1', 'i1', d);
    expect(loadDraft(s, 'u1', 'i1')).toEqual(d);
    expect(loadDraft(s, 'u2', 'i1')).toBeNull();
    expect(loadDraft(s, 'u1', 'i2')).toBeNull();
    storeDraft(s, 'u1', 'i1', { ...d, draft: {} });
    expect(s.m.has(draftKey('u1', 'i1'))).toBe(false);
  });

  it('ignores what it cannot read, and a storage that throws', () => {
    const s = memory();
    s.setItem(draftKey('u1', 'i1'), '{not json');
    expect(loadDraft(s, 'u1', 'i1')).toBeNull();
    const full = {
      ...memory(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() =>
      storeDraft(full, 'u1', 'i1', { draft: { a: 1 }, base: {}, version: 1, savedAt: '' }),
    ).not.toThrow();
    expect(loadDraft(null, 'u1', 'i1')).toBeNull();
  });
});
