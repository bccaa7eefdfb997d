import type { Item } from '#contracts/items.ts';
import type { Segment } from '#contracts/products.ts';
import type { NameLookup } from './format-value.ts';
import { StatusPill, TypeIcon } from './item-badges.tsx';
import { CATEGORY_LABELS, formatWsjf, TYPE_LABELS } from './labels.ts';
import { Markdown } from './markdown.tsx';

/**
 * The item for people who read it (stakeholders, viewers): text set as a document — title,
 * the facts in a short list, the problem, the description, the criteria — not a copy of the editor
 * with every control disabled. Empty parts say so in a word or are left out.
 */
export function ItemReading({
  item,
  segments,
  names,
}: {
  item: Item;
  segments: readonly Segment[];
  names: NameLookup;
}) {
  const num = (n: number | null) => (n === null ? 'not set' : String(n));
  const segmentNames = item.segmentIds.map((id) => segments.find((s) => s.id === id)?.name).filter(Boolean);
  return (
    <article className="b-reading" aria-labelledby="b-reading-title">
      <h2 id="b-reading-title" className="b-reading-title">
        {item.title}
      </h2>
      <dl className="b-reading-facts">
        <dt>Type</dt>
        <dd>
          <TypeIcon type={item.type} /> {TYPE_LABELS[item.type]}
        </dd>
        <dt>Status</dt>
        <dd>
          <StatusPill status={item.status} />
        </dd>
        <dt>Assignee</dt>
        <dd>{item.assigneeId ? (names.people.get(item.assigneeId) ?? 'A former member') : 'Unassigned'}</dd>
        <dt>Category</dt>
        <dd>{CATEGORY_LABELS[item.category]}</dd>
        <dt>For</dt>
        <dd>{segmentNames.length ? segmentNames.join(', ') : 'No customer segment named'}</dd>
        <dt>Value</dt>
        <dd>
          {item.businessValue === null && item.timeCriticality === null && item.riskReduction === null
            ? 'Not set by the Product Owner yet'
            : `Business value ${num(item.businessValue)} · time criticality ${num(item.timeCriticality)} · risk reduction ${num(item.riskReduction)}`}
        </dd>
        <dt>Size</dt>
        <dd>{item.size === null ? 'Not estimated yet' : `${item.size} points`}</dd>
        <dt>WSJF</dt>
        <dd>
          {item.size === null ? '— (needs an estimate)' : formatWsjf(item.wsjf)}
          <span className="faint"> · cost of delay {item.costOfDelay}</span>
        </dd>
        {item.releaseCritical && (
          <>
            <dt>Release</dt>
            <dd>Release-critical: the release waits for it</dd>
          </>
        )}
        {item.labels.length > 0 && (
          <>
            <dt>Labels</dt>
            <dd>{item.labels.join(', ')}</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="b-reading-problem">
        <h3 id="b-reading-problem">Problem</h3>
        {item.problem.trim() ? (
          <p className="b-reading-text">{item.problem}</p>
        ) : (
          <p className="faint">Not written yet.</p>
        )}
      </section>
      {item.description.trim() && (
        <section aria-labelledby="b-reading-description">
          <h3 id="b-reading-description">Description</h3>
          <Markdown text={item.description} />
        </section>
      )}
      <section aria-labelledby="b-reading-criteria">
        <h3 id="b-reading-criteria">Acceptance criteria</h3>
        {item.acceptanceCriteria.length ? (
          <ol className="b-reading-criteria">
            {item.acceptanceCriteria.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: scenarios have no id; the list is read-only
              <li key={i}>
                <strong>Given</strong> {c.given}, <strong>when</strong> {c.when}, <strong>then</strong>{' '}
                {c.then}
              </li>
            ))}
          </ol>
        ) : (
          <p className="faint">None yet.</p>
        )}
      </section>
    </article>
  );
}
