import { recordEvents } from '#app/events.ts';
import type { NewEvent } from '#app/ports.ts';
import type { Store } from '#app/store.ts';
import { AppError, notFound } from '#domain/errors.ts';
import { type Allocation, checkAllocation, voteState } from '#domain/voice/votes.ts';

/** Upper bound of one batch; more waiting ballots form the next one. */
const MAX_BATCH = 200;

export interface BallotRequest {
  productId: string;
  releaseId: string;
  userId: string;
  votes: Allocation[];
}
export interface BallotResult {
  votes: Allocation[];
  total: number;
  budget: number;
}
interface Pending extends BallotRequest {
  resolve: (r: BallotResult) => void;
  reject: (err: unknown) => void;
}

/**
 * Writes the ballots of one release in batches, like the item creates (items/create-queue.ts):
 * ballots that arrive while one batch commits go together in the next — one read of the release,
 * one statement that takes every voter's row lock (in user order, so batches on other instances
 * cannot deadlock with it), one that replaces their points, one events append, one commit. Each
 * ballot is checked on its own first (a refused one fails alone); two ballots of one person in a
 * batch apply in arrival order, so the last one is what stays, as if they had run one by one.
 * Should a batch fail in the database, each ballot is written alone.
 */
export class BallotQueue {
  readonly #lanes = new Map<string, Pending[]>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  cast(req: BallotRequest): Promise<BallotResult> {
    return new Promise<BallotResult>((resolve, reject) => {
      const p = { ...req, resolve, reject };
      // Inside a request's own transaction (Idempotency-Key) it is written there, alone.
      if (this.store.inRequestTransaction) {
        void this.#commit(req.releaseId, [p]);
        return;
      }
      const waiting = this.#lanes.get(req.releaseId);
      if (waiting) {
        waiting.push(p);
        return;
      }
      this.#lanes.set(req.releaseId, [p]);
      void this.#drain(req.releaseId);
    });
  }

  async #drain(releaseId: string) {
    const waiting = this.#lanes.get(releaseId)!;
    while (waiting.length) {
      const batch = waiting.splice(0, MAX_BATCH);
      if (!(await this.#commit(releaseId, batch)) && batch.length > 1)
        for (const p of batch) await this.#commit(releaseId, [p]);
    }
    this.#lanes.delete(releaseId);
  }

  /** Answers every ballot of the batch; false when the database refused the batch as a whole. */
  async #commit(releaseId: string, batch: Pending[]): Promise<boolean> {
    const answers: Array<[Pending, BallotResult]> = [];
    try {
      await this.store.transaction(async (r) => {
        answers.length = 0;
        // Ballots of many people run side by side; the PO's re-open (for update) waits for them.
        const rel = await r.releases.forBallot(releaseId);
        const state = rel
          ? voteState(
              { openedAt: rel.voteOpenedAt, closesAt: rel.voteClosesAt, shippedAt: rel.shippedAt },
              this.now(),
            )
          : 'none';
        const candidates = new Set(rel?.candidateIds ?? []);
        for (const p of batch) {
          try {
            if (!rel || rel.productId !== p.productId) throw notFound('That release');
            if (state !== 'open')
              throw new AppError(
                'vote_closed',
                state === 'none' ? 'No vote is open on this release.' : 'This vote has closed.',
              );
            const total = checkAllocation(p.votes, candidates, rel.voteBudget!);
            answers.push([p, { votes: p.votes, total, budget: rel.voteBudget! }]);
          } catch (err) {
            p.reject(err);
          }
        }
        if (!answers.length) return;
        // The last ballot of each person is what stays.
        const last = new Map(answers.map(([p, a]) => [p.userId, a]));
        const voters = [...last.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        await r.releases.lockVoters(
          releaseId,
          voters.map(([userId, a]) => ({ userId, total: a.total })),
        );
        await r.releases.replaceVotes(
          releaseId,
          voters.map(([userId]) => userId),
          voters.flatMap(([userId, a]) => a.votes.map((v) => ({ userId, ...v }))),
        );
        const events: NewEvent[] = answers.map(([p, a]) => ({
          productId: p.productId,
          actorId: p.userId,
          entityType: 'release',
          entityId: releaseId,
          type: 'release.voted',
          after: { userId: p.userId, total: a.total, votes: a.votes },
        }));
        await recordEvents(r, events);
      });
    } catch (err) {
      if (batch.length > 1) return false;
      for (const [p] of answers) p.reject(err);
      return true;
    }
    for (const [p, a] of answers) p.resolve(a);
    return true;
  }
}
