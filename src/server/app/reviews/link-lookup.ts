import type { Store } from '#app/store.ts';
import type { InvitationRecord } from './ports.ts';

type Found = (InvitationRecord & { hasItem: boolean }) | null;
interface Pending {
  tokenHash: string;
  itemId?: string | undefined;
  resolve: (r: Found) => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 256;
const IN_FLIGHT = 2;

/**
 * Finds personal links by their hash in batches: the lookups that arrive while earlier ones are
 * running go together in one query, so 200 phones answering at once queue for a few queries, not
 * for 200 pooled connections. A lone lookup goes at once.
 */
export class LinkLookup {
  #waiting: Pending[] = [];
  #inFlight = 0;

  constructor(private readonly store: Store) {}

  find(tokenHash: string, itemId?: string): Promise<Found> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ tokenHash, itemId, resolve, reject });
      this.#pump();
    });
  }

  #pump() {
    while (this.#inFlight < IN_FLIGHT && this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, MAX_BATCH);
      this.#inFlight += 1;
      void this.store.read.reviews
        .invitationsByHash(batch)
        .then(
          (rows) => {
            for (const [i, p] of batch.entries()) p.resolve(rows[i] ?? null);
          },
          (err: unknown) => {
            for (const p of batch) p.reject(err);
          },
        )
        .finally(() => {
          this.#inFlight -= 1;
          this.#pump();
        });
    }
  }
}
