import { recordEvent } from '#app/events.ts';
import { AppError, invalid, notFound } from '#domain/errors.ts';
import type { ProductRole } from '#domain/roles.ts';
import type { Actor } from './actor.ts';
import { type ChangeFeed, rolesTopic } from './change-feed.ts';
import { setMemberSegments } from './member-segments.ts';
import type { MemberRecord } from './ports.ts';
import type { Repos, Store } from './store.ts';
import { TopicCache } from './topic-cache.ts';

/** The caller on one product, after the HTTP layer checked their role. */
export interface ProductContext {
  actor: Actor;
  productId: string;
  role: ProductRole;
}

export function productUseCases(store: Store, changes?: ChangeFeed) {
  // Every product request asks for the caller's role; keep answers until a membership changes.
  const roles = changes
    ? new TopicCache<ProductRole | null>(changes, { maxAgeMs: 10_000, maxEntries: 20_000 })
    : null;
  /** After a committed membership change: this instance's answers go now (others hear NOTIFY). */
  const rolesChanged = (productId: string) => changes?.touched(rolesTopic(productId));
  return {
    /** The caller's role on a live product, or null for a non-member (or no such product). */
    roleOf: (productId: string, userId: string): Promise<ProductRole | null> =>
      roles
        ? roles.get(rolesTopic(productId), userId, () => store.read.members.roleOf(productId, userId))
        : store.read.members.roleOf(productId, userId),

    listForUser: (actor: Actor) => store.read.products.listForUser(actor.userId),

    async get(ctx: ProductContext) {
      const p = await store.read.products.byId(ctx.productId);
      if (!p) throw notFound('That product');
      return { ...p, role: ctx.role };
    },

    /** Whoever creates a product becomes its Product Owner. */
    async create(actor: Actor, input: { name: string; key: string; description: string }) {
      return store.transaction(async (r) => {
        if (await r.products.keyTaken(input.key))
          throw invalid({ key: `Another product already uses the key ${input.key}` });
        const p = await r.products.insert(input);
        await r.members.upsert(p.id, actor.userId, 'owner');
        await recordEvent(r, {
          productId: p.id,
          actorId: actor.userId,
          entityType: 'product',
          entityId: p.id,
          type: 'product.created',
          after: input,
        });
        return { ...p, role: 'owner' as const };
      });
    },

    async update(
      ctx: ProductContext,
      version: number,
      patch: { name?: string | undefined; key?: string | undefined; description?: string | undefined },
    ) {
      return store.transaction(async (r) => {
        const before = await r.products.byId(ctx.productId);
        if (!before) throw notFound('That product');
        if (patch.key && (await r.products.keyTaken(patch.key, ctx.productId)))
          throw invalid({ key: `Another product already uses the key ${patch.key}` });
        const after = await r.products.update(ctx.productId, version, patch);
        if (!after)
          throw new AppError(
            'version_conflict',
            'Someone changed this product since you loaded it.',
            undefined,
            { current: { ...before, role: ctx.role } },
          );
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'product',
          entityId: ctx.productId,
          type: 'product.updated',
          before: pick(before, patch),
          after: pick(after, patch),
        });
        return { ...after, role: ctx.role };
      });
    },

    async remove(ctx: ProductContext) {
      await store.transaction(async (r) => {
        await r.products.softDelete(ctx.productId);
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'product',
          entityId: ctx.productId,
          type: 'product.deleted',
        });
      });
      rolesChanged(ctx.productId);
    },

    listMembers: (ctx: ProductContext) => store.read.members.list(ctx.productId),

    async setMember(ctx: ProductContext, userId: string, role: ProductRole, mode: 'add' | 'update') {
      const member = await store.transaction((r) => applyRole(r, ctx, userId, role, mode));
      rolesChanged(ctx.productId);
      return member;
    },

    /** Changes a member's role, segments, or both, in one transaction. */
    async updateMember(
      ctx: ProductContext,
      userId: string,
      patch: { role?: ProductRole | undefined; segmentIds?: string[] | undefined },
    ) {
      const member = await store.transaction(async (r) => {
        let m = patch.role
          ? await applyRole(r, ctx, userId, patch.role, 'update')
          : await r.members.get(ctx.productId, userId);
        if (!m) throw notFound('That member');
        if (patch.segmentIds) m = await setMemberSegments(r, ctx, m, patch.segmentIds);
        return m;
      });
      if (patch.role) rolesChanged(ctx.productId);
      return member;
    },

    async removeMember(ctx: ProductContext, userId: string) {
      await store.transaction(async (r) => {
        const before = await r.members.get(ctx.productId, userId);
        if (!before) throw notFound('That member');
        if (before.role === 'owner' && (await r.members.countOwners(ctx.productId)) <= 1) {
          throw new AppError(
            'conflict',
            'A product needs at least one Product Owner. Make someone else owner first.',
          );
        }
        await r.members.remove(ctx.productId, userId);
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'member',
          entityId: userId,
          type: 'member.removed',
          before: { role: before.role, name: before.name },
        });
      });
      rolesChanged(ctx.productId);
    },

    listSegments: (ctx: ProductContext) => store.read.segments.list(ctx.productId),

    async createSegment(
      ctx: ProductContext,
      input: { name: string; description: string; targetShare: number | null },
    ) {
      return store.transaction(async (r) => {
        if (await r.segments.nameTaken(ctx.productId, input.name))
          throw invalid({ name: `There is already a segment called ${input.name}` });
        const s = await r.segments.insert({ productId: ctx.productId, ...input });
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'segment',
          entityId: s.id,
          type: 'segment.created',
          after: input,
        });
        return s;
      });
    },

    async updateSegment(
      ctx: ProductContext,
      segmentId: string,
      patch: {
        name?: string | undefined;
        description?: string | undefined;
        targetShare?: number | null | undefined;
      },
    ) {
      return store.transaction(async (r) => {
        const before = await r.segments.get(ctx.productId, segmentId);
        if (!before) throw notFound('That segment');
        if (patch.name && (await r.segments.nameTaken(ctx.productId, patch.name, segmentId)))
          throw invalid({ name: `There is already a segment called ${patch.name}` });
        const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const after = await r.segments.update(ctx.productId, segmentId, clean);
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'segment',
          entityId: segmentId,
          type: 'segment.updated',
          before,
          after: after!,
        });
        return after!;
      });
    },

    async removeSegment(ctx: ProductContext, segmentId: string) {
      await store.transaction(async (r) => {
        const before = await r.segments.get(ctx.productId, segmentId);
        if (!before) throw notFound('That segment');
        await r.segments.remove(ctx.productId, segmentId);
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'segment',
          entityId: segmentId,
          type: 'segment.deleted',
          before,
        });
      });
    },

    listEvents: (
      ctx: ProductContext,
      q: {
        cursor?: string | undefined;
        limit: number;
        entityType?: string | undefined;
        entityId?: string | undefined;
      },
    ) =>
      store.read.events.list({
        productId: ctx.productId,
        beforeId: q.cursor ? Number(q.cursor) : undefined,
        limit: q.limit,
        entityType: q.entityType,
        entityId: q.entityId,
      }),
  };
}
export type ProductUseCases = ReturnType<typeof productUseCases>;

/** Adds a member with a role, or changes their role; keeps at least one Product Owner. */
async function applyRole(
  r: Repos,
  ctx: ProductContext,
  userId: string,
  role: ProductRole,
  mode: 'add' | 'update',
): Promise<MemberRecord> {
  const user = await r.users.byId(userId);
  if (!user || user.disabled)
    throw mode === 'add' ? invalid({ userId: 'No active user has this id' }) : notFound('That member');
  const before = await r.members.get(ctx.productId, userId);
  if (mode === 'update' && !before) throw notFound('That member');
  if (mode === 'add' && before)
    throw new AppError('conflict', `${user.name} is already a member (${before.role}).`);
  if (before?.role === 'owner' && role !== 'owner' && (await r.members.countOwners(ctx.productId)) <= 1) {
    throw new AppError(
      'conflict',
      'A product needs at least one Product Owner. Make someone else owner first.',
    );
  }
  const m = await r.members.upsert(ctx.productId, userId, role);
  const who = { productId: ctx.productId, actorId: ctx.actor.userId, entityId: userId };
  const after = { role, name: user.name };
  await recordEvent(
    r,
    before
      ? {
          ...who,
          entityType: 'member',
          type: 'member.role_changed',
          before: { role: before.role },
          after,
        }
      : { ...who, entityType: 'member', type: 'member.added', after },
  );
  return m;
}

function pick<T extends object>(source: T, keys: object): Partial<T> {
  return Object.fromEntries(
    Object.keys(keys)
      .filter((k) => k in source)
      .map((k) => [k, source[k as keyof T]]),
  ) as Partial<T>;
}
