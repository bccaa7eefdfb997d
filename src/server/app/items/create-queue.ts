import { recordEvents } from '#app/events.ts';
import { refreshSla } from '#app/sla/refresh.ts';
import type { Repos, Store } from '#app/store.ts';
import { keysBetween } from '#domain/backlog/ordering.ts';
import { type Decision, itemEvents } from './item-rules.ts';
import { type ItemRecord, type NewItem, RankTaken } from './ports.ts';

/** Creates racing a move for the bottom of the open work: each retry reads the new slot. */
const RANK_ATTEMPTS = 8;
/** Upper bound of one statement; more waiting creates simply form the next batch. */
const MAX_BATCH = 200;

/**
 * Writes items the aggregate decided, at the bottom of the open work, with their events, in the
 * caller's transaction (one number allocation, one key lookup, one insert, one events append).
 * The queue below batches through it; a use case that must create an item inside its own
 * transaction (a workaround's repayment item, issue 13) calls it directly. Throws RankTaken when
 * a move took the bottom key first.
 */
export async function insertDecided(
  r: Repos,
  productId: string,
  batch: ReadonlyArray<Pick<CreateRequest, 'actorId' | 'decision'>>,
): Promise<ItemRecord[]> {
  const first = await r.products.nextItemNumbers(productId, batch.length);
  const slot = await r.items.openSlot(productId);
  const ranks = keysBetween(slot.after, slot.before, batch.length);
  const rows: NewItem[] = batch.map((p, i) => {
    const { segmentIds: _, ...fields } = p.decision.next;
    return {
      ...fields,
      acceptanceCriteria: [...fields.acceptanceCriteria],
      labels: [...fields.labels],
      severity: fields.severity ?? null,
      waiting: fields.waiting ?? false,
      productId,
      number: first + i,
      rank: ranks[i]!,
      externalId: null,
      createdBy: p.actorId,
    };
  });
  const ids = await r.items.insertMany(rows);
  const withSegments = batch.filter((p) => p.decision.next.segmentIds.length > 0);
  for (const p of withSegments)
    await r.items.setSegments(ids[batch.indexOf(p)]!, [...p.decision.next.segmentIds]);
  const items = await r.items.byIds(ids);
  await recordEvents(
    r,
    batch.flatMap((p, i) =>
      itemEvents({ productId, actorId: p.actorId }, items[i]!.id, p.decision, { key: items[i]!.key }),
    ),
  );
  // New defects start their SLA clocks in the same transaction (issue 13).
  const defects = items.filter((i) => i.type === 'defect').map((i) => i.id);
  if (!defects.length) return items;
  await refreshSla(r, productId, defects, Date.now());
  return r.items.byIds(ids);
}

/** A create already decided by the item aggregate, waiting to be written. */
export interface CreateRequest {
  productId: string;
  actorId: string;
  /** The aggregate's decision (its next state is what gets written, its events are appended). */
  decision: Decision;
}

interface Pending extends CreateRequest {
  resolve: (item: ItemRecord) => void;
  reject: (err: unknown) => void;
}

/**
 * Writes new items of one product in batches, like the moves (move-queue.ts) and a database's
 * group commit: creates that arrive while a batch is being written go together in the next one —
 * one number allocation (the product row every create of the product waits on), one bottom-key
 * lookup, one insert statement, one events append (one NOTIFY), one commit. A lone create goes at
 * once. Every caller is answered only after its own item committed. Should a batch fail for a
 * reason other than a taken key, each of its creates is written alone, so one bad create fails
 * only itself.
 */
export class CreateQueue {
  readonly #lanes = new Map<string, Pending[]>();

  constructor(private readonly store: Store) {}

  create(req: CreateRequest): Promise<ItemRecord> {
    // A create with an Idempotency-Key is written alone, in its request's transaction, so the
    // item and the stored key commit together; a shared batch would commit other requests'
    // items with it (and would wait on a second connection while the request holds one).
    if (this.store.inRequestTransaction)
      return this.#commit(req.productId, [{ ...req, resolve: () => {}, reject: () => {} }]).then(
        ([item]) => item!,
      );
    return new Promise<ItemRecord>((resolve, reject) => {
      const waiting = this.#lanes.get(req.productId);
      if (waiting) {
        waiting.push({ ...req, resolve, reject });
        return;
      }
      this.#lanes.set(req.productId, [{ ...req, resolve, reject }]);
      void this.#drain(req.productId);
    });
  }

  /** One batch of the product at a time: the product row serialises them in the database anyway. */
  async #drain(productId: string) {
    const waiting = this.#lanes.get(productId)!;
    while (waiting.length) {
      const batch = waiting.splice(0, MAX_BATCH);
      try {
        const items = await this.#commit(productId, batch);
        for (const [i, p] of batch.entries()) p.resolve(items[i]!);
      } catch (err) {
        if (batch.length === 1) batch[0]!.reject(err);
        else
          for (const p of batch)
            await this.#commit(productId, [p]).then(
              ([item]) => p.resolve(item!),
              (e: unknown) => p.reject(e),
            );
      }
    }
    this.#lanes.delete(productId);
  }

  async #commit(productId: string, batch: Pending[]): Promise<ItemRecord[]> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.store.transaction((r) => insertDecided(r, productId, batch));
      } catch (err) {
        // A move took the bottom key first: read the new last key and try again.
        if (err instanceof RankTaken && attempt < RANK_ATTEMPTS) continue;
        throw err;
      }
    }
  }
}
