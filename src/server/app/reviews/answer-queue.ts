import { recordEvents } from '#app/events.ts';
import type { NewEvent } from '#app/ports.ts';
import type { Store } from '#app/store.ts';
import type { Mood } from '#contracts/reviews.ts';
import type { AnswerRecord } from './ports.ts';
import { REVIEWS_CHANNEL } from './results-hub.ts';

/** Upper bound of one statement; more waiting answers form the next batch. */
const MAX_BATCH = 256;
/** Batches written at the same time (the pool and the database's cores are shared). */
const BATCHES_IN_FLIGHT = 2;

export interface AnswerInput {
  reviewId: string;
  productId: string;
  userId: string;
  itemId: string;
  mood: Mood;
  rating: number | null;
  comment: string | null;
}

export interface SavedAnswer {
  answer: AnswerRecord;
  inserted: boolean;
  changed: boolean;
}

interface Pending extends AnswerInput {
  resolve: (saved: SavedAnswer) => void;
  reject: (err: unknown) => void;
}

const keyOf = (a: AnswerInput) => `${a.reviewId}:${a.itemId}:${a.userId}`;

/**
 * Writes answers in batches, like a database's group commit (the backlog's MoveQueue does the
 * same for moves): the answers that arrive while earlier ones are being written go together in
 * one transaction — one upsert, one insert of their `review.answered` events, one NOTIFY per
 * product and per review. A lone answer goes at once, so a quiet review pays nothing; 200 people
 * tapping at the same moment cost a handful of commits instead of 200. Each caller is answered
 * only after its own answer committed. Two answers of the same person to the same increment never
 * share a batch (one statement cannot change a row twice): the later waits for the next one.
 */
export class AnswerQueue {
  #waiting: Pending[] = [];
  #inFlight = 0;

  constructor(
    private readonly store: Store,
    /** The reviews whose answers changed in a committed batch, with their products. */
    private readonly afterCommit: (changed: Array<{ reviewId: string; productId: string }>) => void,
  ) {}

  save(input: AnswerInput): Promise<SavedAnswer> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ ...input, resolve, reject });
      this.#pump();
    });
  }

  #pump() {
    while (this.#inFlight < BATCHES_IN_FLIGHT && this.#waiting.length > 0) {
      const batch: Pending[] = [];
      const later: Pending[] = [];
      const seen = new Set<string>();
      for (const p of this.#waiting) {
        const k = keyOf(p);
        if (batch.length >= MAX_BATCH || seen.has(k)) later.push(p);
        else {
          seen.add(k);
          batch.push(p);
        }
      }
      this.#waiting = later;
      this.#inFlight += 1;
      void this.#write(batch).finally(() => {
        this.#inFlight -= 1;
        this.#pump();
      });
    }
  }

  async #write(batch: Pending[]) {
    try {
      const saved = await this.store.transaction(async (r) => {
        const rows = await r.reviews.upsertAnswers(batch);
        const events: NewEvent[] = [];
        batch.forEach((p, i) => {
          const s = rows[i]!;
          if (!s.changed) return;
          events.push({
            productId: p.productId,
            actorId: p.userId,
            entityType: 'customer_review',
            entityId: p.reviewId,
            type: 'review.answered',
            after: {
              itemId: p.itemId,
              userId: p.userId,
              mood: p.mood,
              rating: p.rating,
              comment: p.comment,
              changed: !s.inserted,
            },
          });
        });
        await recordEvents(r, events);
        for (const id of new Set(events.map((e) => e.entityId))) await r.events.notify(REVIEWS_CHANNEL, id);
        return rows;
      });
      const changed = new Map<string, string>();
      batch.forEach((p, i) => {
        if (saved[i]!.changed) changed.set(p.reviewId, p.productId);
      });
      this.afterCommit([...changed].map(([reviewId, productId]) => ({ reviewId, productId })));
      batch.forEach((p, i) => {
        p.resolve(saved[i]!);
      });
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
}
