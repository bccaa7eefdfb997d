import { recordEvent } from '#app/events.ts';
import { applyDecision, decideFor } from '#app/items/item-rules.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos, Store } from '#app/store.ts';
import { isUuid } from '#contracts/common.ts';
import { AppError, invalid, notFound } from '#domain/errors.ts';
import { cardsFor, type ScaleKind } from '#domain/poker/scales.ts';
import {
  agree,
  castVote,
  closeSession,
  type PokerState,
  reveal,
  revote,
  selectItem,
} from '#domain/poker/session.ts';
import { POKER_CHANNEL, PokerHub, type PokerListener } from './hub.ts';
import { loadState, sessionSnapshot } from './snapshot.ts';

/**
 * Planning poker: a facilitator or team member opens a session on items; only the team votes
 * (seed 003: the PO does not estimate for the team); votes stay hidden until reveal; the agreed
 * card becomes the item's size, logged with the voters.
 */
export function pokerUseCases(store: Store) {
  const hub = new PokerHub(async (id) => {
    const s = await store.read.poker.get(id);
    return s ? sessionSnapshot(store.read, s) : null;
  }, store);

  async function session(r: Repos, ctx: ProductContext, id: string, lock?: 'share' | 'update') {
    const s = await r.poker.get(id, lock);
    if (!s || s.productId !== ctx.productId) throw notFound('That poker session');
    return s;
  }

  /** Runs a state change in one transaction, saves it, wakes the streams, returns the new view. */
  async function change(
    ctx: ProductContext,
    id: string,
    lock: 'share' | 'update',
    fn: (r: Repos, state: PokerState) => Promise<PokerState>,
  ) {
    const view = await store.transaction(async (r) => {
      const s = await session(r, ctx, id, lock);
      const next = await fn(r, await loadState(r, s));
      if (next.status !== s.status || next.currentItemId !== s.currentItemId || next.round !== s.round)
        await r.poker.update(id, next);
      await r.events.notify(POKER_CHANNEL, id);
      return sessionSnapshot(r, { ...s, ...next });
    });
    hub.afterCommit(id);
    return view;
  }

  return {
    productOf: async (id: string | undefined) => (isUuid(id) ? store.read.poker.productOf(id) : null),

    subscribe: (id: string, fn: PokerListener) => hub.subscribe(id, fn),

    async list(ctx: ProductContext) {
      const sessions = await store.read.poker.list(ctx.productId, 20);
      return Promise.all(sessions.map((s) => sessionSnapshot(store.read, s)));
    },

    get: async (ctx: ProductContext, id: string) =>
      sessionSnapshot(store.read, await session(store.read, ctx, id)),

    /** The caller's own card in the current round (nobody else's). */
    async myVote(ctx: ProductContext, id: string) {
      const s = await session(store.read, ctx, id);
      if (!s.currentItemId) return { value: null };
      const votes = await store.read.poker.votes(id, s.currentItemId, s.round);
      return { value: votes.find((v) => v.userId === ctx.actor.userId)?.value ?? null };
    },

    async open(
      ctx: ProductContext,
      input: { title: string; itemIds: string[]; scale: ScaleKind; cards?: string[] | undefined },
    ) {
      const itemIds = [...new Set(input.itemIds)];
      const view = await store.transaction(async (r) => {
        const found = await r.poker.items(ctx.productId, itemIds);
        if (found.length !== itemIds.length)
          throw invalid({ itemIds: 'Some items are not in this product’s backlog' });
        const cards = [...new Set(cardsFor(input.scale, input.cards))];
        const s = await r.poker.insert({
          productId: ctx.productId,
          title: input.title,
          scale: input.scale,
          cards,
          itemIds,
          currentItemId: itemIds[0]!,
          createdBy: ctx.actor.userId,
        });
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'poker',
          entityId: s.id,
          type: 'poker.opened',
          after: { itemIds, scale: input.scale },
        });
        return sessionSnapshot(r, s);
      });
      return view;
    },

    vote: (ctx: ProductContext, id: string, value: string) =>
      change(ctx, id, 'share', async (r, st) => {
        const next = castVote(st, ctx.actor.userId, value);
        await r.poker.upsertVote(id, st.currentItemId!, st.round, ctx.actor.userId, value);
        return next;
      }),

    reveal: (ctx: ProductContext, id: string) => change(ctx, id, 'update', async (_r, st) => reveal(st)),
    revote: (ctx: ProductContext, id: string) => change(ctx, id, 'update', async (_r, st) => revote(st)),
    select: (ctx: ProductContext, id: string, itemId: string) =>
      change(ctx, id, 'update', async (_r, st) => selectItem(st, itemId)),
    close: (ctx: ProductContext, id: string) => change(ctx, id, 'update', async (_r, st) => closeSession(st)),

    /** Writes the agreed card to the item's size as the team's estimate, listing who voted what. */
    agree: (ctx: ProductContext, id: string, value: string) =>
      change(ctx, id, 'update', async (r, st) => {
        const { state, result } = agree(st, value);
        const item = await r.items.byId(result.itemId, true);
        if (!item || item.productId !== ctx.productId)
          throw new AppError('conflict', 'That item was deleted from the backlog.');
        const members = await r.members.list(ctx.productId);
        const name = (uid: string) => members.find((m) => m.userId === uid)?.name ?? 'Former member';
        const voters = st.votes.map((v) => ({ userId: v.userId, name: name(v.userId), value: v.value }));
        // The agreed size is the team's estimate: the item aggregate decides it like any other
        // (only the team, and not silently inside an active sprint).
        const note = { estimate: value, via: 'planning_poker', sessionId: id, voters };
        const d = await decideFor(
          r,
          ctx.productId,
          item,
          { size: result.points },
          { role: ctx.role, path: 'poker', note },
        );
        await applyDecision(
          r,
          { productId: ctx.productId, actorId: ctx.actor.userId },
          item,
          item.version,
          d,
        );
        await r.poker.insertResult(id, { ...result, voters, actorId: ctx.actor.userId });
        return state;
      }),
  };
}
export type PokerUseCases = ReturnType<typeof pokerUseCases>;
