import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { Event } from '#contracts/products.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { Avatar, EmptyState, ErrorState, Loading, PageHead } from '#web/components/ui.tsx';
import { fetchEvents, keys } from '#web/lib/queries.ts';
import { describeEvent, timeAgo } from './describe-event.ts';
import { useEntityNames } from './use-entity-names.ts';

/** Where an entry leads: the item's panel or the sprint; nothing for what no longer exists. */
function eventHref(e: Event, productKey: string): string | null {
  if (e.type.endsWith('.deleted')) return null;
  if (e.entityType === 'item') return `/p/${productKey}/backlog?item=${encodeURIComponent(e.entityId)}`;
  if (e.entityType === 'sprint') return `/p/${productKey}/sprints/${encodeURIComponent(e.entityId)}`;
  return null;
}

/** The product's activity feed: its event log, newest first, in plain sentences. */
export function ActivityPage() {
  const product = useProduct();
  const isOwner = useCan(['owner']);
  const feed = useInfiniteQuery({
    queryKey: keys.events(product.id),
    queryFn: ({ pageParam }) => fetchEvents(product.id, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 30_000,
  });
  const events = feed.data?.pages.flatMap((p) => p.events) ?? [];
  const names = useEntityNames(product.id);
  const now = new Date();
  return (
    <div className="page">
      <PageHead title="Activity" subtitle={`Everything that changed in ${product.name}, newest first.`} />
      {feed.isPending && <Loading />}
      {feed.isError && <ErrorState error={feed.error} />}
      {feed.isSuccess && events.length === 0 && (
        <EmptyState
          title="Nothing has happened yet"
          action={
            isOwner && (
              <Link className="btn" to={`/p/${product.key}/settings`}>
                Add members and segments
              </Link>
            )
          }
        >
          Changes to this product appear here as they happen: who joined, what was added, what moved.
        </EmptyState>
      )}
      {events.length > 0 && (
        <ol className="card feed" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Activity">
          {events.map((e) => {
            const href = eventHref(e, product.key);
            const text = describeEvent(e, names);
            return (
              <li key={e.id} className="who">
                <Avatar name={e.actor?.name ?? 'Tandem'} />
                <span className="grow" style={{ whiteSpace: 'normal' }}>
                  {href ? (
                    <Link className="feed-link" to={href}>
                      {text}
                    </Link>
                  ) : (
                    text
                  )}
                </span>
                <time
                  className="muted"
                  dateTime={e.at}
                  title={new Date(e.at).toLocaleString()}
                  style={{ flex: 'none' }}
                >
                  {timeAgo(e.at, now)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
      {feed.hasNextPage && (
        <button
          type="button"
          className="btn"
          style={{ alignSelf: 'center' }}
          disabled={feed.isFetchingNextPage}
          onClick={() => void feed.fetchNextPage()}
        >
          {feed.isFetchingNextPage ? 'Loading…' : 'Show older activity'}
        </button>
      )}
    </div>
  );
}
