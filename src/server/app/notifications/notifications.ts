import type { Actor } from '#app/actor.ts';
import type { NotificationRecord } from '#app/reactions/ports.ts';
import type { Store } from '#app/store.ts';

export const NOTICES_CHANNEL = 'tandem_notices';
/** NOTIFY payloads stay far below PostgreSQL's 8000 bytes: this many user ids (37 bytes each) per message. */
const IDS_PER_MESSAGE = 150;

/** Wakes the bells of these people on every instance (sent in the transaction that wrote their notices). */
export async function wakeBells(
  r: { events: { notify(channel: string, payload: string): Promise<void> } },
  userIds: readonly string[],
) {
  const ids = [...new Set(userIds)];
  for (let i = 0; i < ids.length; i += IDS_PER_MESSAGE)
    await r.events.notify(NOTICES_CHANNEL, ids.slice(i, i + IDS_PER_MESSAGE).join(','));
}

type BellListener = () => void;

/**
 * Live bells: a reaction that writes notices NOTIFYs `tandem_notices` with the recipients' ids;
 * each instance listens (the store's LISTEN bridge, while a bell is open) and tells that user's
 * streams to read their unread count again. When the channel comes back after a loss every open
 * bell reads again (notices may have been written meanwhile).
 */
export class BellHub {
  readonly #subs = new Map<string, Set<BellListener>>();
  #stop: (() => void) | null = null;
  #missed = false;

  constructor(private readonly store: Store) {}

  subscribe(userId: string, fn: BellListener): () => void {
    const set = this.#subs.get(userId) ?? new Set();
    set.add(fn);
    this.#subs.set(userId, set);
    this.#stop ??=
      this.store.listen?.listen(
        NOTICES_CHANNEL,
        (payload) => {
          for (const id of payload.split(',')) this.#ring(id);
        },
        (live) => {
          if (!live) this.#missed = true;
          else if (this.#missed) {
            this.#missed = false;
            for (const id of this.#subs.keys()) this.#ring(id);
          }
        },
      ) ?? null;
    return () => {
      set.delete(fn);
      if (set.size === 0) this.#subs.delete(userId);
      if (this.#subs.size === 0) {
        this.#stop?.();
        this.#stop = null;
      }
    };
  }

  #ring(userId: string) {
    for (const fn of this.#subs.get(userId) ?? []) {
      try {
        fn();
      } catch {
        // One broken stream must not stop the others.
      }
    }
  }
}

/** The signed-in person's notifications (every kind): the bell. */
export function notificationUseCases(store: Store) {
  const hub = new BellHub(store);
  return {
    async list(actor: Actor, page: { limit: number; offset: number }) {
      const [notifications, unread, total] = await Promise.all([
        store.read.notices.listAll(actor.userId, page),
        store.read.notices.unreadCount(actor.userId),
        store.read.notices.count(actor.userId),
      ]);
      return { notifications, unread, total };
    },
    unread: (actor: Actor) => store.read.notices.unreadCount(actor.userId),
    /** Marks the caller's own among `ids` read; anyone else's are ignored. */
    async markRead(actor: Actor, ids: readonly string[]) {
      const marked = await store.read.notices.markManyRead(actor.userId, ids);
      return { marked, unread: await store.read.notices.unreadCount(actor.userId) };
    },
    /** Calls `fn` whenever the user's notices may have changed (from any instance). */
    subscribe: (actor: Actor, fn: () => void) => hub.subscribe(actor.userId, fn),
  };
}
export type NotificationUseCases = ReturnType<typeof notificationUseCases>;
export type { NotificationRecord };
