import { recordEvent } from '#app/events.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos, Store } from '#app/store.ts';
import { planReorder, rebalancedKeys } from '#domain/backlog/ordering.ts';
import { wsjfOrder } from '#domain/backlog/wsjf.ts';
import { AppError, invalid } from '#domain/errors.ts';
import { MoveQueue } from './move-queue.ts';
import { type MovedRecord, RankTaken } from './ports.ts';

export type MoveTarget = { before: string } | { after: string };

export function itemOrderUseCases(store: Store) {
  /** Gives every live item a fresh, short key in the current order (keys grew too long). */
  async function rebalance(productId: string) {
    await store.transaction(async (r) => {
      await r.items.lockProductOrder(productId);
      const order = await r.items.order(productId);
      const keys = rebalancedKeys(order.length);
      await r.items.setRanks(
        productId,
        order.map((o, i) => ({ id: o.id, rank: keys[i]! })),
      );
    });
  }
  const queue = new MoveQueue(store, rebalance);

  async function plan(r: Repos, productId: string) {
    const current = await r.items.order(productId);
    const suggested = wsjfOrder(current);
    const moves = planReorder(
      current,
      suggested.map((s) => s.id),
    );
    return { current, suggested, moves };
  }

  return {
    /**
     * Places the item right before or after another: one row written (its rank), batched with the
     * moves that arrive meanwhile (move-queue.ts).
     */
    async move(ctx: ProductContext, itemId: string, target: MoveTarget): Promise<MovedRecord> {
      const side = 'after' in target ? 'after' : 'before';
      const anchorId = 'after' in target ? target.after : target.before;
      if (anchorId === itemId) throw invalid({ [side]: 'An item cannot move relative to itself' });
      return queue.move(ctx.productId, { itemId, anchorId, side, actorId: ctx.actor.userId });
    },

    rebalance: (ctx: ProductContext) => rebalance(ctx.productId),

    /** The WSJF order beside the current one, and the fewest moves from one to the other. */
    wsjfOrder: (ctx: ProductContext) => plan(store.read, ctx.productId),

    /** Applies the WSJF suggestion as one change (one transaction, one event). */
    async applyWsjfOrder(ctx: ProductContext): Promise<{ moved: number }> {
      return store.transaction(async (r) => {
        await r.items.lockProductOrder(ctx.productId);
        const { moves, current } = await plan(r, ctx.productId);
        const before = new Map(current.map((c) => [c.id, c.rank]));
        await r.items.setRanks(
          ctx.productId,
          moves.map((m) => ({ id: m.id, rank: m.rank })),
        );
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'backlog',
          entityId: ctx.productId,
          type: 'backlog.reordered_by_wsjf',
          after: { moves: moves.map((m) => ({ id: m.id, afterId: m.afterId })) },
        });
        return {
          moved: moves.length,
          changes: moves.map((m) => ({ id: m.id, from: before.get(m.id) ?? m.rank, to: m.rank })),
        };
      });
    },

    /**
     * Undo of an applied order, as one change: every item goes back to its key from before, but
     * only if none has moved since (else this would scramble someone's later order: 409).
     */
    async restoreOrder(
      ctx: ProductContext,
      changes: ReadonlyArray<{ id: string; from: string; to: string }>,
    ): Promise<{ restored: number }> {
      return store.transaction(async (r) => {
        await r.items.lockProductOrder(ctx.productId);
        const now = new Map((await r.items.order(ctx.productId)).map((o) => [o.id, o.rank]));
        if (changes.some((c) => now.get(c.id) !== c.to)) throw orderChanged();
        // A key another item took since (a new item, a move) cannot go back: the same 409.
        const moving = new Set(changes.map((c) => c.id));
        const held = new Set([...now].filter(([id]) => !moving.has(id)).map(([, rank]) => rank));
        if (changes.some((c) => held.has(c.from))) throw orderChanged();
        try {
          await r.items.setRanks(
            ctx.productId,
            changes.map((c) => ({ id: c.id, rank: c.from })),
          );
        } catch (err) {
          // A deleted item still holding the key: the repository names the clash.
          if (err instanceof RankTaken) throw orderChanged();
          throw err;
        }
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'backlog',
          entityId: ctx.productId,
          type: 'backlog.order_restored',
          after: { moves: changes.map((c) => ({ id: c.id, rank: c.from })) },
        });
        return { restored: changes.length };
      });
    },
  };
}

const orderChanged = () =>
  new AppError(
    'conflict',
    'The backlog order changed since it was applied, so it cannot be undone in one step.',
  );
