import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  MarkedRead,
  type Notification,
  NotificationList,
  type NotificationList as NotificationListT,
  UnreadCount,
} from '#contracts/notifications.ts';
import type { Product } from '#contracts/products.ts';
import { Icon } from '#web/components/icons.tsx';
import { api, apiPath } from '#web/lib/api.ts';
import { useProducts } from '#web/lib/queries.ts';
import { timeAgo } from './describe-event.ts';
import './bell.css';

export const notificationsKey = ['me', 'notifications'] as const;
const PAGE = 20;

const useNotifications = () =>
  useQuery({
    queryKey: notificationsKey,
    queryFn: ({ signal }) =>
      api.get(`${apiPath('me', 'notifications')}?limit=${PAGE}`, NotificationList, { signal }),
    // The stream says when to read again; this is only the fallback while it is down.
    refetchInterval: 60_000,
  });

const setUnread = (qc: QueryClient, unread: number) => {
  const current = qc.getQueryData<NotificationListT>(notificationsKey);
  if (current?.unread === unread) return;
  void qc.invalidateQueries({ queryKey: notificationsKey });
  // The older mentions page and its badge read their own list.
  void qc.invalidateQueries({ queryKey: ['me', 'notices'] });
};

/**
 * One live stream per signed-in tab: the server sends the unread count whenever a notice is
 * written for me (on any instance); the list is read again then. EventSource reconnects by itself.
 */
export function useLiveBell(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource(apiPath('me', 'notifications', 'stream'));
    source.addEventListener('unread', (msg) => {
      const parsed = UnreadCount.safeParse(JSON.parse((msg as MessageEvent<string>).data));
      if (parsed.success) setUnread(qc, parsed.data.unread);
    });
    return () => source.close();
  }, [enabled, qc]);
}

/** Where a notice leads: the item in the backlog, or, for a customer, their portal. */
export function notificationHref(n: Notification, products: readonly Product[] | undefined): string {
  const role = products?.find((p) => p.id === n.productId)?.role;
  const base = `/p/${n.productKey}`;
  if (n.kind === 'agreement' && n.agreementId)
    return `${base}/agreements/${encodeURIComponent(n.agreementId)}`;
  // A webhook turned off is fixed in the product settings, where its log is.
  if (n.kind === 'webhook_disabled') return `${base}/settings`;
  if (role === 'stakeholder') {
    if (n.requestId) return `${base}/portal?request=${encodeURIComponent(n.requestId)}`;
    return n.itemId ? `${base}/portal?item=${encodeURIComponent(n.itemId)}` : `${base}/portal`;
  }
  return n.itemId && n.itemKey ? `${base}/backlog?item=${encodeURIComponent(n.itemId)}` : `${base}/backlog`;
}

/**
 * The bell: the unread count, live; a click opens the latest notifications and marks the unread
 * ones read (they stay marked "new" while the popover is open). Each links to the exact thing.
 */
export function NotificationBell({ placement = 'below' }: { placement?: 'below' | 'right' }) {
  const list = useNotifications();
  const products = useProducts().data;
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  // Beside the sidebar the popover is placed on the page (fixed): the sidebar clips what overflows it.
  const [beside, setBeside] = useState<{ left: number; top: number } | null>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const id = useId();
  const unread = list.data?.unread ?? 0;
  const items = list.data?.notifications ?? [];

  const markRead = async (ids: string[]) => {
    if (ids.length === 0) return;
    const res = await api.post(apiPath('me', 'notifications', 'read'), { ids }, MarkedRead).catch(() => null);
    if (res) {
      qc.setQueryData<NotificationListT>(notificationsKey, (old) =>
        old
          ? {
              ...old,
              unread: res.unread,
              notifications: old.notifications.map((n) =>
                ids.includes(n.id) && !n.readAt ? { ...n, readAt: new Date().toISOString() } : n,
              ),
            }
          : old,
      );
      void qc.invalidateQueries({ queryKey: ['me', 'notices'] });
    }
  };

  // Opening shows what is new and marks it read; new ones arriving while open are marked too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: markRead is stable enough for this
  useEffect(() => {
    if (!open) return;
    const unreadIds = items.filter((n) => !n.readAt).map((n) => n.id);
    if (unreadIds.length === 0) return;
    setFresh((f) => new Set([...f, ...unreadIds]));
    void markRead(unreadIds);
  }, [open, items]);

  useEffect(() => {
    if (!open) {
      setFresh(new Set());
      return;
    }
    const onDown = (e: MouseEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        trigger.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const now = new Date();
  return (
    <div ref={wrap} className="bell" data-placement={placement}>
      <button
        ref={trigger}
        type="button"
        className={placement === 'right' ? 'nav-link bell-button' : 'btn btn-ghost bell-button'}
        // With its word on show, the button is named by its content ("Notifications 2 unread"), so
        // the name contains the visible text (axe label-content-name-mismatch); icon-only, by a label.
        aria-label={
          placement === 'right' ? undefined : unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'
        }
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => {
          const r = trigger.current?.getBoundingClientRect();
          if (placement === 'right' && r)
            setBeside({ left: r.right + 8, top: Math.max(8, Math.min(r.top, window.innerHeight - 528)) });
          setOpen((o) => !o);
        }}
      >
        <Icon name="bell" size={placement === 'right' ? 16 : 18} />
        {placement === 'right' && <span className="grow">Notifications</span>}
        {/* A space between the words and the count: the visible text then reads inside the label (axe). */}
        {unread > 0 && ' '}
        {unread > 0 && (
          <span className="bell-count" data-testid="bell-count">
            {unread > 99 ? '99+' : unread}
            {placement === 'right' && <span className="sr-only"> unread</span>}
          </span>
        )}
      </button>
      {open && (
        <section
          id={id}
          className="popover bell-popover"
          aria-label="Notifications"
          style={placement === 'right' && beside ? { position: 'fixed', ...beside } : undefined}
        >
          <header className="bell-head">
            <strong>Notifications</strong>
            <Link to="/notices" className="muted" onClick={() => setOpen(false)}>
              Mentions
            </Link>
          </header>
          {list.isPending && <p className="muted bell-empty">Loading…</p>}
          {list.data && items.length === 0 && (
            <p className="muted bell-empty">
              Nothing yet. When something you asked for ships, or someone mentions you, it shows here.
            </p>
          )}
          {items.length > 0 && (
            <ol className="bell-list">
              {items.map((n) => (
                <li key={n.id} data-new={fresh.has(n.id) || !n.readAt ? 'true' : undefined}>
                  <Link
                    className="bell-item"
                    to={notificationHref(n, products)}
                    onClick={() => {
                      if (!n.readAt) void markRead([n.id]);
                      setOpen(false);
                    }}
                  >
                    <span className="bell-title">{n.title}</span>
                    {n.body && <span className="bell-body">{n.body}</span>}
                    <span className="bell-meta">
                      {n.productKey} · <time dateTime={n.createdAt}>{timeAgo(n.createdAt, now)}</time>
                    </span>
                  </Link>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
