import { useQuery } from '@tanstack/react-query';
import type { NameLookup } from './format-value.ts';
import { describeHistoryEntry } from './history-describe.ts';
import { backlogKeys, fetchHistory } from './items-api.ts';

/** Every change to the item, newest first, from the event log, in words (history-describe.ts). */
export function HistoryTimeline({
  itemId,
  version,
  names,
}: {
  itemId: string;
  version: number;
  names: NameLookup;
}) {
  const q = useQuery({
    queryKey: [...backlogKeys.history(itemId), version],
    queryFn: () => fetchHistory(itemId),
  });
  return (
    <section className="b-section" aria-labelledby="b-history-h">
      <h3 id="b-history-h">History</h3>
      {q.isPending && <p className="muted">Loading history…</p>}
      {q.isError && <p className="field-error">{q.error.message}</p>}
      {q.data && q.data.entries.length === 0 && <p className="muted">No changes yet.</p>}
      {q.data && (
        <ol className="b-timeline">
          {[...q.data.entries].reverse().map((h) => {
            const line = describeHistoryEntry(itemId, h, names);
            return (
              <li key={h.id}>
                <div className="b-timeline-head">
                  <span>{line.sentence}</span>{' '}
                  <time className="faint" dateTime={h.at}>
                    {new Date(h.at).toLocaleString()}
                  </time>
                </div>
                {line.changes.length > 0 && (
                  <ul className="b-changes">
                    {line.changes.map((c) => (
                      <li key={c.field}>
                        <span className="label">{c.label}:</span>{' '}
                        {c.before !== undefined && (
                          <>
                            <span className="b-before">{c.before}</span> →{' '}
                          </>
                        )}
                        <span className="b-after">{c.after}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
