import type { Store } from '#app/store.ts';
import type { ReviewResults } from '#contracts/reviews.ts';

export const REVIEWS_CHANNEL = 'tandem_reviews';

/** At most one fresh result per review per this many milliseconds, however many answers arrive. */
export const RESULTS_PUSH_INTERVAL_MS = 250;

export type ResultsListener = (results: ReviewResults) => void;

interface ReviewState {
  timer: ReturnType<typeof setTimeout> | null;
  running: boolean;
  /** A change arrived since the last load started. */
  dirty: boolean;
  lastLoadAt: number;
}

/**
 * Live results of reviews. Every answer NOTIFYs `tandem_reviews` in its transaction; each instance
 * listens (while it has streams open) and recomputes a review's results at most once per
 * RESULTS_PUSH_INTERVAL_MS, however many answers arrive meanwhile: 200 people answering at once
 * cost a handful of loads, not thousands. The first change after a quiet spell is pushed at once.
 * While the channel is not heard, changes are pushed locally after commit, and every open review
 * is sent again once it is heard (poker's hub does the same).
 */
export class ReviewResultsHub {
  readonly #subs = new Map<string, Set<ResultsListener>>();
  readonly #state = new Map<string, ReviewState>();
  #live = false;
  #missed = false;
  #stop: (() => void) | null = null;

  constructor(
    private readonly load: (reviewId: string) => Promise<ReviewResults | null>,
    private readonly store: Store,
    private readonly intervalMs = RESULTS_PUSH_INTERVAL_MS,
  ) {}

  /** Adds a stream; it first receives the current results, then fresh ones as answers arrive. */
  subscribe(reviewId: string, fn: ResultsListener): () => void {
    const set = this.#subs.get(reviewId) ?? new Set();
    set.add(fn);
    this.#subs.set(reviewId, set);
    this.#stop ??= this.#listen();
    void this.load(reviewId)
      .then((r) => r && set.has(fn) && fn(r))
      .catch(() => undefined);
    return () => {
      set.delete(fn);
      if (set.size > 0) return;
      this.#subs.delete(reviewId);
      const st = this.#state.get(reviewId);
      if (st?.timer) clearTimeout(st.timer);
      this.#state.delete(reviewId);
      if (this.#subs.size === 0) {
        this.#stop?.();
        this.#stop = null;
        this.#live = false;
        this.#missed = false;
      }
    };
  }

  /** Called after a write commits: pushes locally unless the NOTIFY bridge will. */
  afterCommit(reviewId: string): void {
    if (!this.#live) this.changed(reviewId);
  }

  /** Something changed in the review: schedule one recompute, coalescing with any pending. */
  changed(reviewId: string): void {
    if (!this.#subs.has(reviewId)) return;
    let st = this.#state.get(reviewId);
    if (!st) {
      st = { timer: null, running: false, dirty: false, lastLoadAt: 0 };
      this.#state.set(reviewId, st);
    }
    st.dirty = true;
    if (st.timer || st.running) return;
    const wait = Math.max(0, st.lastLoadAt + this.intervalMs - Date.now());
    const s = st;
    s.timer = setTimeout(() => void this.#run(reviewId, s), wait);
  }

  async #run(reviewId: string, st: ReviewState) {
    st.timer = null;
    st.dirty = false;
    st.running = true;
    st.lastLoadAt = Date.now();
    const results = await this.load(reviewId).catch(() => null);
    st.running = false;
    if (results) {
      for (const fn of [...(this.#subs.get(reviewId) ?? [])]) {
        try {
          fn(results);
        } catch {
          // A broken stream must not stop the others.
        }
      }
    }
    if (st.dirty && this.#state.get(reviewId) === st) this.changed(reviewId);
  }

  #listen(): (() => void) | null {
    return (
      this.store.listen?.listen(
        REVIEWS_CHANNEL,
        (id) => this.changed(id),
        (live) => {
          this.#live = live;
          if (!live) this.#missed = true;
          else if (this.#missed) {
            this.#missed = false;
            for (const id of this.#subs.keys()) this.changed(id);
          }
        },
      ) ?? null
    );
  }
}
