import { recordEvent } from '#app/events.ts';
import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import type { SlaPolicyDoc, SlaReport } from '#contracts/sla.ts';
import { AppError } from '#domain/errors.ts';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '#domain/sla/policy.ts';
import { attainment } from '#domain/sla/report.ts';
import type { SlaPolicyRecord } from './ports.ts';
import { clocksOf, refreshSla } from './refresh.ts';

const doc = (productId: string, rec: SlaPolicyRecord | null): SlaPolicyDoc => ({
  productId,
  active: rec !== null,
  policy: rec?.policy ?? DEFAULT_SLA_POLICY,
  version: rec?.version ?? 0,
  updatedAt: rec ? rec.updatedAt.toISOString() : null,
});

/** A product's SLA policy and report (issue 13). */
export function slaUseCases(store: Store, now: () => Date) {
  return {
    async policy(ctx: ProductContext): Promise<SlaPolicyDoc> {
      return doc(ctx.productId, await store.read.sla.policy(ctx.productId));
    },

    /**
     * Replaces the policy at `version` (0 = the first one; 412 with the current one when someone
     * saved first) and recomputes every defect's clocks in the same transaction.
     */
    async savePolicy(ctx: ProductContext, version: number, policy: SlaPolicy): Promise<SlaPolicyDoc> {
      return store.transaction(async (r) => {
        const before = await r.sla.policy(ctx.productId);
        const stale = async () =>
          new AppError('version_conflict', 'Someone changed the SLA policy since you loaded it.', undefined, {
            current: doc(ctx.productId, await r.sla.policy(ctx.productId)),
          });
        if ((before?.version ?? 0) !== version) throw await stale();
        const saved = await r.sla.savePolicy(ctx.productId, policy, version);
        if (!saved) throw await stale();
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'product',
          entityId: ctx.productId,
          type: 'sla.policy_updated',
          ...(before ? { before: before.policy } : {}),
          after: policy,
        });
        await refreshSla(r, ctx.productId, null, now().getTime());
        return doc(ctx.productId, saved);
      });
    },

    /** Attainment per severity and month, and the open defects by what is left. */
    async report(ctx: ProductContext): Promise<SlaReport> {
      const rec = await store.read.sla.policy(ctx.productId);
      const at = now().getTime();
      const rows = rec ? await store.read.sla.histories(ctx.productId, null) : [];
      const computed = rows.flatMap((h) => {
        const c = clocksOf(rec?.policy ?? null, h, at);
        return c.clocks ? [{ h, c, clocks: c.clocks }] : [];
      });
      const open = computed
        .filter(({ clocks }) => clocks.resolution.state !== 'stopped')
        .map(({ h, c, clocks }) => ({
          itemId: h.itemId,
          key: h.key,
          title: h.title,
          severity: clocks.severity,
          paused: c.paused,
          breached: clocks.breached,
          dueAt: c.breachAt === null ? null : new Date(c.breachAt).toISOString(),
        }))
        // Soonest first, those with no breach ahead (paused, within budget) last; ISO strings
        // compare by code unit (localeCompare would sort a placeholder before the digits).
        .sort((a, b) =>
          a.dueAt === b.dueAt ? 0 : a.dueAt === null ? 1 : b.dueAt === null ? -1 : a.dueAt < b.dueAt ? -1 : 1,
        );
      return {
        productId: ctx.productId,
        active: rec !== null,
        rows: attainment(computed.map(({ h, clocks }) => ({ itemId: h.itemId, clocks }))),
        open,
      };
    },
  };
}
