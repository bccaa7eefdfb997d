import { useQuery } from '@tanstack/react-query';
import { formatValue, type NameLookup } from './format-value.ts';
import { backlogKeys, fetchHistory } from './items-api.ts';
import { FIELD_LABELS } from './labels.ts';

/** Every change to the item, newest first, from the event log: who, when, which field, before → after. */
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
          {[...q.data.entries].reverse().map((h) => (
            <li key={h.id}>
              <div className="b-timeline-head">
                <strong>{h.actor?.name ?? 'Tandem'}</strong> <span className="muted">{describe(h.type)}</span>{' '}
                <time className="faint" dateTime={h.at}>
                  {new Date(h.at).toLocaleString()}
                </time>
              </div>
              {h.changes.length > 0 && (
                <ul className="b-changes">
                  {h.changes.map((c) => (
                    <li key={c.field}>
                      <span className="label">{FIELD_LABELS[c.field] ?? c.field}</span>{' '}
                      <span className="b-before">{short(formatValue(c.field, c.before, names))}</span> →{' '}
                      <span className="b-after">{short(formatValue(c.field, c.after, names))}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const short = (s: string) => (s.length > 140 ? `${s.slice(0, 140)}…` : s);

function describe(type: string): string {
  if (type.endsWith('created')) return 'created the item';
  if (type.endsWith('moved')) return 'moved it in the backlog';
  if (type.endsWith('deleted')) return 'deleted it';
  if (type.includes('comment')) return 'commented';
  if (type.includes('link')) return 'changed its links';
  return 'changed';
}
