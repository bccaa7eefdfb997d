import { diffArrays, diffWords } from 'diff';

/**
 * What changed from one version to the next, paragraph by paragraph (the unit people comment
 * on), with a word diff inside a paragraph that was reworded rather than replaced. Uses the
 * `diff` library (Myers' algorithm) for both levels.
 */
export type WordPart = { kind: 'same' | 'added' | 'removed'; text: string };
export type DiffPart =
  | { kind: 'same' | 'added' | 'removed'; text: string }
  | { kind: 'changed'; words: WordPart[] };

const kindOf = (c: { added?: boolean; removed?: boolean }) =>
  c.added ? ('added' as const) : c.removed ? ('removed' as const) : ('same' as const);

/** Two paragraphs are one reworded paragraph when at least half their words are kept. */
function reworded(before: string, after: string): WordPart[] | null {
  const words = diffWords(before, after).map((c) => ({ kind: kindOf(c), text: c.value }));
  const kept = words
    .filter((w) => w.kind === 'same')
    .reduce((n, w) => n + w.text.trim().split(/\s+/).filter(Boolean).length, 0);
  const total = Math.max(
    before.split(/\s+/).filter(Boolean).length,
    after.split(/\s+/).filter(Boolean).length,
    1,
  );
  return kept / total >= 0.5 ? words : null;
}

export function paragraphDiff(before: readonly string[], after: readonly string[]): DiffPart[] {
  const parts: DiffPart[] = [];
  const chunks = diffArrays([...before], [...after]);
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i]!;
    const next = chunks[i + 1];
    if (c.removed && next?.added) {
      // A removed run followed by an added run: pair them up as rewordings where they are.
      const n = Math.max(c.value.length, next.value.length);
      for (let k = 0; k < n; k++) {
        const b = c.value[k];
        const a = next.value[k];
        const words = b !== undefined && a !== undefined ? reworded(b, a) : null;
        if (words) parts.push({ kind: 'changed', words });
        else {
          if (b !== undefined) parts.push({ kind: 'removed', text: b });
          if (a !== undefined) parts.push({ kind: 'added', text: a });
        }
      }
      i++;
      continue;
    }
    for (const text of c.value) parts.push({ kind: kindOf(c), text });
  }
  return parts;
}
