import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, NavLink } from 'react-router-dom';
import { Ok } from '#contracts/common.ts';
import { type Notice, NoticeList } from '#contracts/reactions.ts';
import { Icon } from '#web/components/icons.tsx';
import { EmptyState, ErrorState, Loading, PageHead } from '#web/components/ui.tsx';
import { api, apiPath } from '#web/lib/api.ts';
import { timeAgo } from './describe-event.ts';

const noticesKey = ['me', 'notices'] as const;

function useNotices() {
  return useQuery({
    queryKey: noticesKey,
    queryFn: ({ signal }) => api.get(apiPath('me', 'notices'), NoticeList, { signal }),
    refetchInterval: 30_000,
  });
}

/** "Olive mentioned you on VIP-5 “Import profiles”". */
export function describeNotice(n: Notice): string {
  const who = n.actorName ?? 'Someone';
  const item = n.itemKey
    ? `${n.itemKey}${n.itemTitle ? ` “${n.itemTitle}”` : ''}`
    : 'an item that was deleted since';
  return `${who} mentioned you on ${item}`;
}

const noticeHref = (n: Notice): string | null =>
  n.itemKey && n.itemId ? `/p/${n.productKey}/backlog?item=${encodeURIComponent(n.itemId)}` : null;

/** The sidebar entry, with the unread count as a badge. */
export function NoticesNavLink() {
  const unread = useNotices().data?.unread ?? 0;
  return (
    <NavLink className="nav-link" to="/notices">
      <Icon name="activity" />
      <span className="grow">Mentions</span>
      {unread > 0 && (
        <span className="badge badge-accent" role="status">
          {unread}
          <span className="sr-only"> unread</span>
        </span>
      )}
    </NavLink>
  );
}

/** My notices, newest first; opening or marking one read clears it from the badge. */
export function NoticesPage() {
  const notices = useNotices();
  const qc = useQueryClient();
  const markRead = async (n: Notice) => {
    if (n.readAt) return;
    await api.post(apiPath('me', 'notices', n.id, 'read'), {}, Ok).catch(() => undefined);
    await qc.invalidateQueries({ queryKey: noticesKey });
  };
  const now = new Date();
  const list = notices.data?.notices ?? [];
  return (
    <div className="page">
      <PageHead title="Mentions" subtitle="Where someone @mentioned you in a comment." />
      {notices.isPending && <Loading />}
      {notices.isError && <ErrorState error={notices.error} />}
      {notices.data && list.length === 0 && (
        <EmptyState title="No mentions yet">
          When someone writes @ and your name in a comment, it shows up here.
        </EmptyState>
      )}
      {list.length > 0 && (
        <ol className="card feed" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Mentions">
          {list.map((n) => {
            const href = noticeHref(n);
            const text = describeNotice(n);
            return (
              <li key={n.id} className="who" style={n.readAt ? { opacity: 0.7 } : undefined}>
                <span className="grow" style={{ whiteSpace: 'normal' }}>
                  {href ? (
                    <Link className="feed-link" to={href} onClick={() => void markRead(n)}>
                      {text}
                    </Link>
                  ) : (
                    text
                  )}
                  {n.excerpt && <span className="muted"> — {n.excerpt}</span>}
                </span>
                <time className="muted" dateTime={n.createdAt}>
                  {timeAgo(n.createdAt, now)}
                </time>
                {!n.readAt && (
                  <button type="button" className="btn btn-ghost" onClick={() => void markRead(n)}>
                    Mark read
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
