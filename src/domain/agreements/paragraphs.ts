/**
 * An agreement's body is Markdown; people comment on it paragraph by paragraph. A paragraph is a
 * block between blank lines (a list or a heading counts as one block). A comment is anchored by
 * the paragraph's index AND a hash of its text, so when the text moves or changes the comment
 * follows the words it was about, or says plainly that they are gone.
 */
export interface Paragraph {
  index: number;
  hash: string;
  text: string;
}

/** FNV-1a, 32 bits, over the paragraph with its whitespace folded: cheap, stable, pure. */
export function paragraphHash(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  let h = 0x811c9dc5;
  for (let i = 0; i < folded.length; i++) {
    h ^= folded.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function splitParagraphs(body: string): Paragraph[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((t) => t.replace(/^\n+|\s+$/g, ''))
    .filter((t) => t.trim() !== '')
    .map((text, index) => ({ index, hash: paragraphHash(text), text }));
}

export interface Anchor {
  paragraph: number;
  hash: string;
}

/**
 * Where an anchored comment sits in `paragraphs` now: the same index if its text is unchanged,
 * else the nearest paragraph with the same text (it moved), else null (the text it was about
 * changed: the comment is outdated and shows its quote instead).
 */
export function locate(paragraphs: readonly Paragraph[], anchor: Anchor): number | null {
  if (paragraphs[anchor.paragraph]?.hash === anchor.hash) return anchor.paragraph;
  let best: number | null = null;
  for (const p of paragraphs) {
    if (p.hash !== anchor.hash) continue;
    if (best === null || Math.abs(p.index - anchor.paragraph) < Math.abs(best - anchor.paragraph))
      best = p.index;
  }
  return best;
}
