import { Markdown } from '#web/features/backlog/markdown.tsx';
import type { PokerSessionT } from './poker-api.ts';

type PokerItem = PokerSessionT['items'][number];

/**
 * What the estimators size: the problem (who has it and why), the acceptance criteria as
 * Given/When/Then, and the description. Estimating from a key and a title alone is guessing.
 */
export function PokerItemBrief({ item }: { item: PokerItem }) {
  const empty = !item.problem.trim() && item.acceptanceCriteria.length === 0 && !item.description.trim();
  if (empty)
    return (
      <p className="muted" data-testid="poker-brief">
        Nothing written about this item yet: ask the Product Owner what it is for before you vote.
      </p>
    );
  return (
    <div className="poker-brief" data-testid="poker-brief">
      {item.problem.trim() && (
        <section aria-label="Problem">
          <h3>Problem</h3>
          <p>{item.problem}</p>
        </section>
      )}
      {item.acceptanceCriteria.length > 0 && (
        <section aria-label="Acceptance criteria">
          <h3>Acceptance criteria</h3>
          <ol className="poker-criteria">
            {item.acceptanceCriteria.map((c, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: scenarios have no id and never reorder here
              <li key={n}>
                <span className="gwt">Given</span> {c.given} <br />
                <span className="gwt">When</span> {c.when} <br />
                <span className="gwt">Then</span> {c.then}
              </li>
            ))}
          </ol>
        </section>
      )}
      {item.description.trim() && (
        <section aria-label="Description">
          <h3>Description</h3>
          <Markdown text={item.description} />
        </section>
      )}
    </div>
  );
}
