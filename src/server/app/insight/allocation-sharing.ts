import { recordEvent } from '#app/events.ts';
import { type JsonText, jsonText } from '#app/json-text.ts';
import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import type { TopicCache } from '#app/topic-cache.ts';
import type {
  AllocationReport,
  AllocationSplit,
  InsightSharing,
  SharedAllocation,
} from '#contracts/insight-allocation.ts';
import { AppError } from '#domain/errors.ts';

/** How many sprints the shared view shows (the allocation view's default). */
const SHARED_SPRINTS = 6;

const safe = (s: AllocationSplit): SharedAllocation['overall'] => ({
  points: s.points,
  bySegment: s.bySegment.map(({ itemIds: _, ...x }) => x),
  byCategory: s.byCategory.map(({ itemIds: _, ...x }) => x),
  offTarget: s.offTarget,
});

/** What a stakeholder may read of the allocation: shares and targets, no item, no backlog. */
export function customerSafe(r: AllocationReport): SharedAllocation {
  return {
    sprints: r.sprints.map((s) => ({
      sprintId: s.sprintId,
      name: s.name,
      startDate: s.startDate,
      endDate: s.endDate,
      justification: s.justification,
      ...safe(s),
    })),
    overall: safe(r.overall),
    tolerance: r.tolerance,
  };
}

/**
 * The PO shares the allocation view with stakeholders (issue 11), or not (the default). The
 * internal roles read the shared view too, so the PO sees exactly what the customers see.
 */
export function allocationSharing(
  store: Store,
  full: (productId: string, sprints: number) => Promise<AllocationReport>,
  texts: TopicCache<JsonText> | null,
) {
  async function sharing(productId: string): Promise<InsightSharing> {
    const s = await store.read.allocation.sharing(productId);
    return {
      allocation: s?.allocation ?? false,
      version: s?.version ?? 0,
      updatedAt: s?.updatedAt.toISOString() ?? null,
    };
  }
  return {
    sharing: (ctx: ProductContext) => sharing(ctx.productId),

    /** The PO's switch; If-Match: the version read (0 before the first decision). */
    setSharing: (ctx: ProductContext, version: number, allocation: boolean) =>
      store.transaction(async (r) => {
        const current = await r.allocation.sharing(ctx.productId, 'update');
        if ((current?.version ?? 0) !== version)
          throw new AppError('version_conflict', 'Someone changed the sharing meanwhile.', undefined, {
            current: await sharing(ctx.productId),
          });
        const saved = await r.allocation.saveSharing(ctx.productId, allocation, ctx.actor.userId);
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'product',
          entityId: ctx.productId,
          type: 'insight.sharing_updated',
          before: { allocation: current?.allocation ?? false },
          after: { allocation },
        });
        return { allocation, version: saved.version, updatedAt: saved.updatedAt.toISOString() };
      }),

    /** The customer-safe allocation; a stakeholder gets it only while the PO shares it. */
    async shared(ctx: ProductContext): Promise<JsonText> {
      if (ctx.role === 'stakeholder' && !(await sharing(ctx.productId)).allocation)
        throw new AppError('forbidden', 'The Product Owner has not shared the allocation with stakeholders.');
      const load = async () => jsonText(customerSafe(await full(ctx.productId, SHARED_SPRINTS)));
      return texts ? texts.get(ctx.productId, 'allocation:shared', load) : load();
    },
  };
}
