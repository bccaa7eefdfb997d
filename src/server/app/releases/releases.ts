import type { ChangeFeed } from '#app/change-feed.ts';
import { recordEvent } from '#app/events.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos, Store } from '#app/store.ts';
import { TopicCache } from '#app/topic-cache.ts';
import { isUuid } from '#contracts/common.ts';
import type { Ballot, Release, ReleaseDetail, VoteResults } from '#contracts/releases.ts';
import { AppError, invalid, notFound } from '#domain/errors.ts';
import { hasRole, ROLES } from '#domain/roles.ts';
import { type Allocation, disagreements, voteRanks, voteState } from '#domain/voice/votes.ts';
import { BallotQueue } from './ballot-queue.ts';
import type { ReleaseRecord } from './ports.ts';

/**
 * Releases and the customers' vote on what comes next: the PO creates releases and opens a vote
 * on candidates with a budget; each stakeholder spreads their points (a whole allocation at a
 * time, checked under their voter row's lock); the results sit beside the backlog and WSJF order.
 */
export function releaseUseCases(store: Store, now: () => Date, changes?: ChangeFeed) {
  // The PO's results page is read often and changes only with the product (every vote, item edit
  // and segment change records an event, which drops the entry); 5 s bounds a vote's closing.
  const productOfRelease = new Map<string, string>();
  const ballots = new BallotQueue(store, now);
  const resultsCache = changes
    ? new TopicCache<VoteResults>(changes, { maxAgeMs: 5_000, maxEntries: 2_000 })
    : null;
  const present = (r: ReleaseRecord): Release => ({
    id: r.id,
    productId: r.productId,
    name: r.name,
    targetDate: r.targetDate,
    shippedAt: r.shippedAt?.toISOString() ?? null,
    version: r.version,
    vote: {
      state: voteState({ openedAt: r.voteOpenedAt, closesAt: r.voteClosesAt, shippedAt: r.shippedAt }, now()),
      budget: r.voteBudget,
      openedAt: r.voteOpenedAt?.toISOString() ?? null,
      closesAt: r.voteClosesAt?.toISOString() ?? null,
      candidates: r.candidates,
    },
  });

  async function release(r: Repos, ctx: ProductContext, id: string, lock?: 'update') {
    const rel = await r.releases.get(id, lock);
    if (!rel || rel.productId !== ctx.productId) throw notFound('That release');
    return rel;
  }
  const nameTaken = (name: string) => invalid({ name: `Another release is already called ${name}` });
  const event = (ctx: ProductContext, id: string) => ({
    productId: ctx.productId,
    actorId: ctx.actor.userId,
    entityType: 'release' as const,
    entityId: id,
  });

  async function detail(r: Repos, ctx: ProductContext, rel: ReleaseRecord): Promise<ReleaseDetail> {
    // Stakeholders read the release, never the internal items in it.
    if (!hasRole(ctx.role, ROLES.readers)) return present(rel);
    const [items, candidateIds] = await Promise.all([
      r.releases.items(rel.id),
      r.releases.candidateIds(rel.id),
    ]);
    return { ...present(rel), items, candidateIds };
  }

  return {
    /** Every call on a release asks this first; a release never moves to another product. */
    async productOf(id: string | undefined) {
      if (!isUuid(id)) return null;
      const known = productOfRelease.get(id);
      if (known) return known;
      const productId = await store.read.releases.productOf(id);
      if (productId) {
        if (productOfRelease.size >= 20_000) productOfRelease.clear();
        productOfRelease.set(id, productId);
      }
      return productId;
    },

    list: async (ctx: ProductContext) => (await store.read.releases.list(ctx.productId)).map(present),

    get: async (ctx: ProductContext, id: string) =>
      detail(store.read, ctx, await release(store.read, ctx, id)),

    create: (ctx: ProductContext, input: { name: string; targetDate?: string | null | undefined }) =>
      store.transaction(async (r) => {
        const rel = await r.releases.insert({
          productId: ctx.productId,
          name: input.name,
          targetDate: input.targetDate ?? null,
        });
        if (!rel) throw nameTaken(input.name);
        await recordEvent(r, {
          ...event(ctx, rel.id),
          type: 'release.created',
          after: { name: rel.name, targetDate: rel.targetDate },
        });
        return detail(r, ctx, rel);
      }),

    update: (
      ctx: ProductContext,
      id: string,
      version: number,
      patch: { name?: string | undefined; targetDate?: string | null | undefined },
    ) =>
      store.transaction(async (r) => {
        const rel = await release(r, ctx, id, 'update');
        if (rel.version !== version)
          throw new AppError('version_conflict', 'Someone changed this release meanwhile.', undefined, {
            current: present(rel),
          });
        const before: { name?: string; targetDate?: string | null } = {};
        const after: { name?: string; targetDate?: string | null } = {};
        if (patch.name !== undefined && patch.name !== rel.name) {
          before.name = rel.name;
          after.name = patch.name;
        }
        if (patch.targetDate !== undefined && patch.targetDate !== rel.targetDate) {
          before.targetDate = rel.targetDate;
          after.targetDate = patch.targetDate;
        }
        if (!Object.keys(after).length) return detail(r, ctx, rel);
        const next = await r.releases.update(id, after);
        if (!next) throw nameTaken(after.name ?? rel.name);
        await recordEvent(r, { ...event(ctx, id), type: 'release.updated', before, after });
        return detail(r, ctx, next);
      }),

    ship: (ctx: ProductContext, id: string) =>
      store.transaction(async (r) => {
        const rel = await release(r, ctx, id, 'update');
        if (rel.shippedAt) throw new AppError('conflict', `${rel.name} has already shipped.`);
        const next = await r.releases.ship(id);
        const items = await r.releases.items(id);
        await recordEvent(r, {
          ...event(ctx, id),
          type: 'release.shipped',
          after: { name: rel.name, itemIds: items.map((i) => i.id) },
        });
        return detail(r, ctx, next);
      }),

    /** Marks the candidates and opens (or re-opens) the vote; votes on dropped candidates go. */
    openVote: (
      ctx: ProductContext,
      id: string,
      input: { budget: number; itemIds: string[]; closesAt: string },
    ) =>
      store.transaction(async (r) => {
        const rel = await release(r, ctx, id, 'update');
        if (rel.shippedAt) throw new AppError('conflict', `${rel.name} has shipped; its vote is over.`);
        const closesAt = new Date(input.closesAt);
        if (closesAt.getTime() <= now().getTime()) throw invalid({ closesAt: 'Must be in the future' });
        const live = await r.releases.liveItems(ctx.productId, input.itemIds);
        const fields: Record<string, string> = {};
        input.itemIds.forEach((itemId, i) => {
          if (!live.has(itemId)) fields[`itemIds.${i}`] = 'Not an item of this product';
        });
        if (Object.keys(fields).length) throw invalid(fields);
        const next = await r.releases.openVote(id, {
          budget: input.budget,
          closesAt,
          itemIds: input.itemIds,
        });
        const spent = await r.releases.maxSpent(id);
        if (spent > input.budget)
          throw invalid({ budget: `A voter has already spent ${spent} points; the budget cannot be lower` });
        await recordEvent(r, {
          ...event(ctx, id),
          type: 'release.vote_opened',
          after: { budget: input.budget, itemIds: input.itemIds, closesAt: closesAt.toISOString() },
        });
        return detail(r, ctx, next);
      }),

    /** The caller's ballot: the candidates as customers see them and their own points. */
    async ballot(ctx: ProductContext, id: string): Promise<Ballot> {
      const rel = await release(store.read, ctx, id);
      const [candidates, votes] = await Promise.all([
        store.read.releases.candidates(id),
        store.read.releases.myVotes(id, ctx.actor.userId),
      ]);
      const p = present(rel);
      return {
        releaseId: id,
        name: rel.name,
        targetDate: rel.targetDate,
        state: p.vote.state,
        budget: rel.voteBudget ?? 0,
        closesAt: p.vote.closesAt,
        candidates,
        votes,
        total: votes.reduce((s, v) => s + v.points, 0),
      };
    },

    /** Replaces the caller's whole allocation, under their voter row's lock (see lockVoter). */
    /** Replaces the caller's whole allocation, under their voter row's lock (ballot-queue.ts). */
    vote: (ctx: ProductContext, id: string, votes: Allocation[]) =>
      ballots.cast({ productId: ctx.productId, releaseId: id, userId: ctx.actor.userId, votes }),

    results: (ctx: ProductContext, id: string): Promise<VoteResults> =>
      resultsCache
        ? resultsCache.get(ctx.productId, `votes:${id}`, () => results(ctx, id))
        : results(ctx, id),
  };

  async function results(ctx: ProductContext, id: string): Promise<VoteResults> {
    const rel = await release(store.read, ctx, id);
    const [{ voters, candidates }, segments] = await Promise.all([
      store.read.releases.tallies(id, ctx.productId),
      store.read.releases.segments(ctx.productId),
    ]);
    const ranks = voteRanks(candidates);
    const p = present(rel);
    return {
      releaseId: id,
      state: p.vote.state,
      budget: rel.voteBudget,
      closesAt: p.vote.closesAt,
      voters,
      segments,
      candidates: candidates.map(({ position: _p, ...c }) => ({ ...c, voteRank: ranks.get(c.itemId)! })),
      disagreements: disagreements(candidates).map(({ gap: _g, ...d }) => d),
    };
  }
}
