import { useItemRequests } from '#web/features/portal/requests-api.ts';

/** Who asked for this item: its linked requests and the people per segment ("asked by 14 VIP members"). */
export function ItemRequestsSection({ itemId }: { itemId: string }) {
  const q = useItemRequests(itemId, true);
  if (!q.data || q.data.requests.length === 0) return null;
  const { askedBy, bySegment, requests } = q.data;
  const summary = bySegment
    .map((s) => `${s.people} ${s.segmentId ? s.name : 'without a segment'}`)
    .join(', ');
  return (
    <section className="b-asked" aria-labelledby={`asked-${itemId}`}>
      <h3 id={`asked-${itemId}`} className="label">
        Asked by {askedBy} {askedBy === 1 ? 'person' : 'people'}
      </h3>
      {summary && <p className="muted">{summary}</p>}
      <ul>
        {requests.map((r) => (
          <li key={r.id}>
            <span className="chip">{r.supporters}</span>
            <span>{r.title}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
