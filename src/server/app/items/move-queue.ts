import { checkEvent } from '#app/events.ts';
import type { NewEvent } from '#app/ports.ts';
import type { Store } from '#app/store.ts';
import { type Gap, splitByGaps, splitByItems } from '#domain/backlog/move-batch.ts';
import { keyBetween, keysBetween, needsRebalance } from '#domain/backlog/ordering.ts';
import { AppError, invalid, notFound } from '#domain/errors.ts';
import type { MovedRecord } from './ports.ts';

/** Attempts of one batch when another writer (instance, create) takes a key first. */
const MOVE_ATTEMPTS = 12;
/** Upper bound of one statement; more waiting moves simply form the next batch. */
const MAX_BATCH = 256;
/** Batches of one product written at the same time (the pool and the database's cores are shared). */
const BATCHES_IN_FLIGHT = 2;

export interface MoveRequest {
  itemId: string;
  anchorId: string;
  side: 'before' | 'after';
  actorId: string;
}

interface Pending extends MoveRequest {
  resolve: (item: MovedRecord) => void;
  reject: (err: unknown) => void;
}

/** A product's moves: those waiting, those parked until a batch finishes, what is being written. */
interface Lane {
  waiting: Pending[];
  parked: Pending[];
  inFlight: number;
  busyItems: Map<string, number>;
  busyGaps: Set<Gap>;
}

/**
 * Writes moves of one product in batches, like a database's group commit: the moves that arrive
 * while earlier ones are being written go together in one gap lookup and one statement (one
 * commit, one NOTIFY). A lone move goes at once, so a quiet backlog pays nothing. A few batches
 * are written at the same time (the database has more than one core); each caller gets its own
 * answer only after its move is committed. A move that could disturb another one of its batch or
 * of a batch still being written (domain/backlog/move-batch.ts) is parked until a batch finishes.
 * Batches are per instance: other instances' moves meet ours only in the unique index, and a clash
 * retries the batch with random keys in the gaps (racing retries spread out).
 */
export class MoveQueue {
  readonly #lanes = new Map<string, Lane>();

  constructor(
    private readonly store: Store,
    /** Called after a batch that wrote a key longer than the rebalance threshold. */
    private readonly rebalance: (productId: string) => Promise<void>,
  ) {}

  /**
   * One transaction per batch: the keys in one statement, then one `item.moved` per moved item
   * through the events repository (one insert, one NOTIFY). A clash rolls the batch back.
   */
  async #commit(
    productId: string,
    writes: ReadonlyArray<{ move: Pending; rank: string }>,
  ): Promise<MovedRecord[] | 'clash'> {
    const events: NewEvent[] = writes.map(({ move, rank }) => ({
      productId,
      actorId: move.actorId,
      entityType: 'item',
      entityId: move.itemId,
      type: 'item.moved',
      after: { [move.side]: move.anchorId, rank },
    }));
    for (const e of events) checkEvent(e);
    // One statement, so no transaction of its own: a clash rolls the whole statement back.
    return this.store.read.items.moveMany(
      productId,
      writes.map(({ move, rank }) => ({ id: move.itemId, rank })),
      events,
    );
  }

  move(productId: string, request: MoveRequest): Promise<MovedRecord> {
    return new Promise((resolve, reject) => {
      let lane = this.#lanes.get(productId);
      if (!lane) {
        lane = { waiting: [], parked: [], inFlight: 0, busyItems: new Map(), busyGaps: new Set() };
        this.#lanes.set(productId, lane);
      }
      lane.waiting.push({ ...request, resolve, reject });
      this.#pump(productId, lane);
    });
  }

  #pump(productId: string, lane: Lane) {
    while (lane.inFlight < BATCHES_IN_FLIGHT && lane.waiting.length) {
      const batch = lane.waiting.splice(0, MAX_BATCH);
      lane.inFlight += 1;
      void this.#write(productId, lane, batch).then(({ parked, settled }) => {
        lane.inFlight -= 1;
        // Moves parked behind other batches go first once a batch has settled some moves (one
        // that parked all of its own changed nothing they wait for: releasing them then would
        // only spin). What this batch parked waits likewise, unless no batch is left to wait for:
        // then nothing is busy and the first of them can go.
        const released = settled || lane.inFlight === 0 ? lane.parked.splice(0) : [];
        if (lane.inFlight === 0) released.push(...parked);
        else lane.parked.push(...parked);
        lane.waiting.unshift(...released);
        if (lane.inFlight === 0 && !lane.waiting.length) this.#lanes.delete(productId);
        else this.#pump(productId, lane);
      });
    }
  }

  /**
   * Writes what it can of `batch` (never rejects): the moves parked for later, and whether any
   * move was settled (written, or refused). Moves parked for a gap that a batch in flight is
   * writing settle nothing: releasing the parked after such a batch would only repeat lookups.
   */
  async #write(
    productId: string,
    lane: Lane,
    batch: Pending[],
  ): Promise<{ parked: Pending[]; settled: boolean }> {
    let settled = false;
    const byItems = splitByItems(batch, new Set(lane.busyItems.keys()));
    const parked = byItems.later;
    let candidates = byItems.now;
    const items = candidates.flatMap((m) => [m.itemId, m.anchorId]);
    const gaps: Gap[] = [];
    for (const id of items) lane.busyItems.set(id, (lane.busyItems.get(id) ?? 0) + 1);
    try {
      for (let attempt = 1; candidates.length; attempt += 1) {
        let writing = candidates;
        try {
          const found = await this.store.read.items.gaps(
            productId,
            candidates.map((m) => ({ anchorId: m.anchorId, side: m.side, movingId: m.itemId })),
          );
          const placed: Array<{ move: Pending; gap: Gap }> = [];
          candidates.forEach((move, i) => {
            const { anchor, neighbour } = found[i]!;
            if (anchor === null) {
              move.reject(invalid({ [move.side]: 'No such item in this backlog' }));
              settled = true;
            } else
              placed.push({
                move,
                gap: move.side === 'after' ? { lo: anchor, hi: neighbour } : { lo: neighbour, hi: anchor },
              });
          });
          const byGaps = splitByGaps(
            placed,
            [...lane.busyGaps].filter((g) => !gaps.includes(g)),
          );
          parked.push(...byGaps.later.map((p) => p.move));
          for (const { gap } of byGaps.now) {
            gaps.push(gap);
            lane.busyGaps.add(gap);
          }
          // First the midpoint; after a clash, a random key in the gap, so racing retries spread out.
          const writes = byGaps.now.map(({ move, gap }) => ({
            move,
            rank:
              attempt === 1
                ? keyBetween(gap.lo, gap.hi)
                : keysBetween(gap.lo, gap.hi, 8)[Math.floor(Math.random() * 8)]!,
          }));
          writing = writes.map((w) => w.move);
          const moved = writes.length ? await this.#commit(productId, writes) : [];
          if (moved === 'clash') {
            if (attempt < MOVE_ATTEMPTS) {
              candidates = writing;
              continue;
            }
            throw new AppError('conflict', 'The backlog is being reordered by others; try the move again.');
          }
          const byId = new Map(moved.map((item) => [item.id, item]));
          for (const move of writing) {
            const item = byId.get(move.itemId);
            if (item) move.resolve(item);
            else move.reject(notFound('That item'));
            settled = true;
          }
          candidates = [];
          // The moves are committed and answered; keys grown long get respread now. Should that
          // fail, the keys stay valid (only long) and the next long key tries again.
          if (writes.some((w) => needsRebalance(w.rank)))
            await this.rebalance(productId).catch(() => undefined);
        } catch (err) {
          for (const m of writing) {
            m.reject(err);
            settled = true;
          }
          candidates = [];
        }
      }
    } finally {
      for (const id of items) {
        const n = lane.busyItems.get(id)! - 1;
        if (n) lane.busyItems.set(id, n);
        else lane.busyItems.delete(id);
      }
      for (const g of gaps) lane.busyGaps.delete(g);
    }
    // Keep arrival order among the parked.
    return { parked: parked.sort((a, b) => batch.indexOf(a) - batch.indexOf(b)), settled };
  }
}
