import { recordEvent, recordEvents } from '#app/events.ts';
import { checkReferences, decideFor, itemEvents, loadItem } from '#app/items/item-rules.ts';
import { type ItemRecord, RankTaken } from '#app/items/ports.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos, Store } from '#app/store.ts';
import type { ItemChange } from '#domain/backlog/item-aggregate.ts';
import type { ItemType } from '#domain/backlog/item-rules.ts';
import { keysBetween } from '#domain/backlog/ordering.ts';
import { AppError, invalid, notFound } from '#domain/errors.ts';
import { hasRole, ROLES } from '#domain/roles.ts';
import type { RequestFilter, RequestRecord, RequestStatus } from './ports.ts';

export type TriageInput =
  | { action: 'link'; itemId: string }
  | { action: 'create'; item?: (ItemChange & { type?: ItemType | undefined }) | undefined }
  | { action: 'decline'; reason: string };

type RequestPatch = Partial<Pick<RequestRecord, 'title' | 'problem' | 'segmentId' | 'published'>>;

/** A customer sees only what they asked for and what the PO published; the rest does not exist. */
const seesAll = (ctx: ProductContext) => hasRole(ctx.role, ROLES.readers);
const visible = (ctx: ProductContext, q: RequestRecord) =>
  seesAll(ctx) || q.published || q.requesterId === ctx.actor.userId;

/** The status a request takes when linked to an item: shipped once the item is accepted. */
const statusFor = (item: Pick<ItemRecord, 'status'>): RequestStatus =>
  item.status === 'accepted' ? 'shipped' : 'planned';

const RANK_ATTEMPTS = 8;

/**
 * Requests: "what is hard for you, and why", asked by any member (stakeholders above all),
 * supported once per person, triaged by the PO into the backlog or declined with a reason.
 */
export function requestUseCases(store: Store) {
  async function load(r: Repos, ctx: ProductContext, id: string, lock = false) {
    const q = await r.requests.get(id, ctx.actor.userId, lock);
    if (!q || q.productId !== ctx.productId || !visible(ctx, q)) throw notFound('That request');
    return q;
  }

  async function checkSegment(r: Repos, ctx: ProductContext, segmentId: string | null | undefined) {
    if (segmentId && !(await r.segments.get(ctx.productId, segmentId)))
      throw invalid({ segmentId: 'Not a segment of this product' });
  }

  const stale = () => new AppError('version_conflict', 'Someone changed this request since you loaded it.');

  /** A new backlog item written in the triage's transaction, decided by the item aggregate. */
  async function createItem(r: Repos, ctx: ProductContext, input: ItemChange): Promise<ItemRecord> {
    const d = await decideFor(r, ctx.productId, null, input, { role: ctx.role, path: 'form' });
    await checkReferences(r, ctx.productId, input);
    const { segmentIds, ...fields } = d.next;
    const number = await r.products.nextItemNumbers(ctx.productId, 1);
    for (let attempt = 1; ; attempt += 1) {
      const slot = await r.items.openSlot(ctx.productId);
      try {
        const item = await r.items.insert({
          ...fields,
          acceptanceCriteria: [...fields.acceptanceCriteria],
          labels: [...fields.labels],
          productId: ctx.productId,
          number,
          rank: keysBetween(slot.after, slot.before, 1)[0]!,
          externalId: null,
          createdBy: ctx.actor.userId,
        });
        if (segmentIds.length) await r.items.setSegments(item.id, [...segmentIds]);
        const actor = { productId: ctx.productId, actorId: ctx.actor.userId };
        await recordEvents(r, itemEvents(actor, item.id, d, { key: item.key }));
        return (await r.items.byId(item.id))!;
      } catch (err) {
        if (err instanceof RankTaken && attempt < RANK_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  return {
    productOf: (id: string) => store.read.requests.productOf(id),

    async list(ctx: ProductContext, f: Omit<RequestFilter, 'visibleTo' | 'requesterId' | 'itemId'>) {
      return store.read.requests.list(ctx.productId, ctx.actor.userId, {
        ...f,
        ...(seesAll(ctx) ? {} : { visibleTo: ctx.actor.userId }),
      });
    },

    /** The caller's own requests, newest first (the portal's "Your requests"). */
    mine: (ctx: ProductContext) =>
      store.read.requests.list(ctx.productId, ctx.actor.userId, {
        sort: 'newest',
        requesterId: ctx.actor.userId,
      }),

    get: (ctx: ProductContext, id: string) => load(store.read, ctx, id),

    async create(
      ctx: ProductContext,
      input: { title: string; problem: string; segmentId?: string | null | undefined },
    ) {
      return store.transaction(async (r) => {
        await checkSegment(r, ctx, input.segmentId);
        // Unsaid, the segment is the requester's own when they belong to exactly one.
        const own =
          input.segmentId === undefined ? await r.requests.segmentsOf(ctx.productId, ctx.actor.userId) : [];
        const segmentId = input.segmentId ?? (own.length === 1 ? own[0]! : null);
        const id = await r.requests.insert({
          productId: ctx.productId,
          title: input.title,
          problem: input.problem,
          segmentId,
          requesterId: ctx.actor.userId,
        });
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'request',
          entityId: id,
          type: 'request.created',
          after: { title: input.title, problem: input.problem, segmentId },
        });
        return load(r, ctx, id);
      });
    },

    /** "+1": once per person; a second call changes nothing and answers the same. */
    async support(ctx: ProductContext, id: string) {
      return store.transaction(async (r) => {
        await load(r, ctx, id);
        const { added, supporters } = await r.requests.support(id, ctx.actor.userId);
        if (added) {
          await recordEvent(r, {
            productId: ctx.productId,
            actorId: ctx.actor.userId,
            entityType: 'request',
            entityId: id,
            type: 'request.supported',
            after: { supporters },
          });
        }
        return load(r, ctx, id);
      });
    },

    /** The PO edits or (un)publishes a request, at the version they loaded. */
    async update(ctx: ProductContext, id: string, version: number, patch: RequestPatch) {
      return store.transaction(async (r) => {
        const q = await load(r, ctx, id, true);
        await checkSegment(r, ctx, patch.segmentId);
        if (q.version !== version) throw stale();
        const changed = (Object.keys(patch) as Array<keyof RequestPatch>).filter(
          (k) => patch[k] !== undefined && patch[k] !== q[k],
        );
        if (!changed.length) return q;
        const pick = (src: RequestPatch) => Object.fromEntries(changed.map((k) => [k, src[k]]));
        if (!(await r.requests.update(id, version, pick(patch)))) throw stale();
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'request',
          entityId: id,
          type: 'request.updated',
          before: pick(q),
          after: pick(patch),
        });
        return load(r, ctx, id);
      });
    },

    /** The PO links the request to an item, makes a new item of it, or declines it with a reason. */
    async triage(ctx: ProductContext, id: string, input: TriageInput) {
      return store.transaction(async (r) => {
        const q = await load(r, ctx, id, true);
        let next: { status: RequestStatus; itemId: string | null; declineReason: string | null };
        if (input.action === 'decline') {
          const reason = input.reason.trim();
          if (!reason) throw invalid({ reason: 'Say why it is declined: the requester reads it' });
          next = { status: 'declined', itemId: null, declineReason: reason };
        } else if (input.action === 'link') {
          const item = await loadItem(r, ctx.productId, input.itemId).catch(() => {
            throw invalid({ itemId: 'Not an item of this product’s backlog' });
          });
          next = { status: statusFor(item), itemId: item.id, declineReason: null };
        } else {
          const given = input.item ?? {};
          const item = await createItem(r, ctx, {
            ...given,
            type: given.type ?? 'story',
            title: given.title ?? q.title,
            problem: given.problem?.trim() ? given.problem : q.problem,
            segmentIds: given.segmentIds ?? (q.segmentId ? [q.segmentId] : []),
          });
          next = { status: statusFor(item), itemId: item.id, declineReason: null };
        }
        if (!(await r.requests.update(id, q.version, next))) throw stale();
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'request',
          entityId: id,
          type: 'request.triaged',
          before: { status: q.status, itemId: q.itemId },
          after: {
            action: input.action,
            status: next.status,
            itemId: next.itemId,
            reason: next.declineReason,
          },
        });
        return load(r, ctx, id);
      });
    },

    /** An item's requests and who asked, per segment of the people ("asked by 14 VIP members"). */
    async forItem(ctx: ProductContext, itemId: string) {
      await loadItem(store.read, ctx.productId, itemId);
      const [requests, askers] = await Promise.all([
        store.read.requests.list(ctx.productId, ctx.actor.userId, { sort: 'supporters', itemId }),
        store.read.requests.askersBySegment(itemId),
      ]);
      return { requests, askedBy: askers.total, bySegment: askers.bySegment };
    },
  };
}
