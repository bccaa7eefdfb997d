import type { DiffPart } from '#contracts/agreements.ts';

type WordPart = { kind: 'same' | 'added' | 'removed'; text: string };

/** Word parts keyed by where they start in the paragraph: stable for a given diff. */
function keyed(words: readonly WordPart[]) {
  let at = 0;
  return words.map((w) => {
    const key = `${at}-${w.kind}`;
    at += w.text.length;
    return { ...w, key };
  });
}

/** The diff to the previous version: whole paragraphs added or removed, words within a reworded one. */
export function VersionDiff({ parts }: { parts: readonly DiffPart[] }) {
  if (parts.length === 0) return <p className="faint">The first version: nothing to compare with.</p>;
  if (parts.every((p) => p.kind === 'same')) return <p className="faint">The text did not change.</p>;
  return (
    <section className="ag-diff" aria-label="Changes from the previous version">
      {parts.map((p, i) => {
        const key = `${i}-${p.kind}`;
        if (p.kind === 'changed')
          return (
            <p key={key} className="ag-diff-para ag-diff-changed">
              {keyed(p.words).map(({ key: k, kind, text }) =>
                kind === 'added' ? (
                  <ins key={k}>{text}</ins>
                ) : kind === 'removed' ? (
                  <del key={k}>{text}</del>
                ) : (
                  <span key={k}>{text}</span>
                ),
              )}
            </p>
          );
        if (p.kind === 'added')
          return (
            <p key={key} className="ag-diff-para ag-diff-added">
              <span className="sr-only">Added: </span>
              {p.text}
            </p>
          );
        if (p.kind === 'removed')
          return (
            <p key={key} className="ag-diff-para ag-diff-removed">
              <span className="sr-only">Removed: </span>
              {p.text}
            </p>
          );
        return (
          <p key={key} className="ag-diff-para ag-diff-same">
            {p.text}
          </p>
        );
      })}
    </section>
  );
}
