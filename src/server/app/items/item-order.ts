import {
  keyBetween,
  keysBetween,
  needsRebalance,
  planReorder,
  rebalancedKeys,
} from '../../../domain/backlog/ordering.ts';
import { wsjfOrder } from '../../../domain/backlog/wsjf.ts';
import { AppError, invalid, notFound } from '../../../domain/errors.ts';
import type { ProductContext } from '../products.ts';
import type { Repos, Store } from '../store.ts';
import type { ItemRecord } from './ports.ts';

const MOVE_ATTEMPTS = 12;

class RankClash extends Error {}

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
     * Places the item right before or after another: one row written (its rank). Two moves into
     * the same gap compute the same key; the unique index refuses the second, which retries.
     */
    async move(ctx: ProductContext, itemId: string, target: MoveTarget): Promise<ItemRecord> {
      const side = 'after' in target ? 'after' : 'before';
      const anchorId = 'after' in target ? target.after : target.before;
      if (anchorId === itemId) throw invalid({ [side]: 'An item cannot move relative to itself' });
      for (let attempt = 1; ; attempt += 1) {
        const gap = await store.read.items.gap(ctx.productId, anchorId, side, itemId);
        if (!gap) throw invalid({ [side]: 'No such item in this backlog' });
        const [lo, hi] = side === 'after' ? [gap.anchor, gap.neighbour] : [gap.neighbour, gap.anchor];
        // First try the midpoint; after a clash, a random key in the gap, so racing retries spread out.
        const rank =
          attempt === 1 ? keyBetween(lo, hi) : keysBetween(lo, hi, 8)[Math.floor(Math.random() * 8)]!;
        try {
          const moved = await store.read.items.moveTo(ctx.productId, itemId, rank, {
            actorId: ctx.actor.userId,
            after: { [side]: anchorId, rank },
          });
          if (moved === 'clash') throw new RankClash();
          if (!moved) throw notFound('That item');
          if (needsRebalance(rank)) await rebalance(ctx.productId);
          return moved;
        } catch (err) {
          if (err instanceof RankClash && attempt < MOVE_ATTEMPTS) continue;
          if (err instanceof RankClash)
            throw new AppError('conflict', 'The backlog is being reordered by others; try the move again.');
          throw err;
        }
      }
    },

    rebalance: (ctx: ProductContext) => rebalance(ctx.productId),

    /** The WSJF order beside the current one, and the fewest moves from one to the other. */
    wsjfOrder: (ctx: ProductContext) => plan(store.read, ctx.productId),

    /** Applies the WSJF suggestion as one change (one transaction, one event). */
    async applyWsjfOrder(ctx: ProductContext): Promise<{ moved: number }> {
      return store.transaction(async (r) => {
        await r.items.lockProductOrder(ctx.productId);
        const { moves } = await plan(r, ctx.productId);
        await r.items.setRanks(
          ctx.productId,
          moves.map((m) => ({ id: m.id, rank: m.rank })),
        );
        await r.events.append({
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'backlog',
          entityId: ctx.productId,
          type: 'backlog.reordered_by_wsjf',
          after: { moves: moves.map((m) => ({ id: m.id, afterId: m.afterId })) },
        });
        return { moved: moves.length };
      });
    },
  };
}
