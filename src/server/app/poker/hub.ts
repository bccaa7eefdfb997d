import type { Store } from '#app/store.ts';
import type { PokerSnapshot } from './snapshot.ts';

export const POKER_CHANNEL = 'tandem_poker';

export type PokerListener = (view: PokerSnapshot) => void;
type Task = { kind: 'broadcast' } | { kind: 'one'; fn: PokerListener };

/**
 * Live fan-out of poker sessions. Every write NOTIFYs `tandem_poker` in its transaction; each
 * instance listens (through the store's LISTEN bridge, while it has streams open), loads the
 * session's public view once per change and pushes it to its local streams. Loads and sends for one
 * session run in order, so a stream never gets an older state after a newer one. While the channel
 * is not heard (no bridge, connecting, or connection lost) changes are pushed locally after commit
 * instead, and every open session is sent again once it is heard.
 */
export class PokerHub {
  readonly #subs = new Map<string, Set<PokerListener>>();
  readonly #queues = new Map<string, { tasks: Task[]; running: boolean }>();
  #live = false;
  /** The connection was lost since the channel was last heard: changes may have been missed. */
  #missed = false;
  #stop: (() => void) | null = null;

  constructor(
    private readonly load: (sessionId: string) => Promise<PokerSnapshot | null>,
    private readonly store: Store,
  ) {}

  /** Adds a stream; it first receives the current state, then every change. */
  subscribe(sessionId: string, fn: PokerListener): () => void {
    const set = this.#subs.get(sessionId) ?? new Set();
    set.add(fn);
    this.#subs.set(sessionId, set);
    this.#stop ??= this.#listen();
    this.#enqueue(sessionId, { kind: 'one', fn });
    return () => {
      set.delete(fn);
      if (set.size === 0) this.#subs.delete(sessionId);
      if (this.#subs.size === 0) {
        this.#stop?.();
        this.#stop = null;
        this.#live = false;
        this.#missed = false;
      }
    };
  }

  /** Called after a write commits: pushes locally unless the NOTIFY bridge will. */
  afterCommit(sessionId: string): void {
    if (!this.#live) this.#changed(sessionId);
  }

  #changed(sessionId: string): void {
    if (!this.#subs.has(sessionId)) return;
    const q = this.#queues.get(sessionId);
    // One queued broadcast covers any number of changes that arrive before it runs.
    if (q?.tasks.some((t) => t.kind === 'broadcast')) return;
    this.#enqueue(sessionId, { kind: 'broadcast' });
  }

  #enqueue(sessionId: string, task: Task) {
    const q = this.#queues.get(sessionId) ?? { tasks: [], running: false };
    q.tasks.push(task);
    this.#queues.set(sessionId, q);
    if (!q.running) void this.#drain(sessionId, q);
  }

  async #drain(sessionId: string, q: { tasks: Task[]; running: boolean }) {
    q.running = true;
    while (q.tasks.length > 0) {
      const task = q.tasks.shift()!;
      const view = await this.load(sessionId).catch(() => null);
      if (!view) continue;
      const targets = task.kind === 'one' ? [task.fn] : [...(this.#subs.get(sessionId) ?? [])];
      for (const fn of targets) {
        try {
          fn(view);
        } catch {
          // A broken stream must not stop the others.
        }
      }
    }
    q.running = false;
    this.#queues.delete(sessionId);
  }

  #listen(): (() => void) | null {
    return (
      this.store.listen?.listen(
        POKER_CHANNEL,
        (id) => this.#changed(id),
        (live) => {
          this.#live = live;
          if (!live) this.#missed = true;
          else if (this.#missed) {
            // Back after a loss: changes may have been missed meanwhile, so send every session again.
            this.#missed = false;
            for (const id of this.#subs.keys()) this.#changed(id);
          }
        },
      ) ?? null
    );
  }
}
