import { recordEvent, recordEvents } from '#app/events.ts';
import { decideFor, itemEvents, loadItem, staleItem } from '#app/items/item-rules.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos, Store } from '#app/store.ts';
import { AppError, invalid, notFound } from '#domain/errors.ts';
import {
  type Evidence,
  type Hypothesis,
  type HypothesisStatus,
  suggestHypothesisStatus,
} from '#domain/voice/hypothesis.ts';

/**
 * Benefit hypotheses (seed 004): contributors state one on an item (through the item aggregate,
 * like every item change); the evidence suggests a status (domain/voice/hypothesis.ts); the PO
 * confirms or overrides it, with a reason when it differs from the suggestion.
 */
export function hypothesisUseCases(store: Store) {
  async function load(r: Repos, ctx: ProductContext, itemId: string) {
    const h = await r.hypotheses.get(itemId);
    if (!h || h.productId !== ctx.productId) throw notFound('That item');
    const [reviews, requests] = await Promise.all([
      r.hypotheses.reviewEvidence(itemId),
      r.hypotheses.requestEvidence(itemId),
    ]);
    const evidence: Evidence[] = [...reviews];
    if (requests.requests > 0) evidence.push({ kind: 'requests', ...requests });
    return { ...h, evidence, suggestion: suggestHypothesisStatus(evidence) };
  }

  return {
    get: (ctx: ProductContext, itemId: string) => load(store.read, ctx, itemId),

    async set(ctx: ProductContext, itemId: string, version: number, hypothesis: Hypothesis | null) {
      return store.transaction(async (r) => {
        const record = await loadItem(r, ctx.productId, itemId, true);
        if (record.version !== version) throw await staleItem(r, ctx.productId, record);
        const current = await r.hypotheses.get(itemId);
        const state = { ...record, hypothesis: current?.hypothesis ?? null };
        const d = await decideFor(r, ctx.productId, state, { hypothesis }, { role: ctx.role, path: 'form' });
        if (d.changed.length) {
          const saved = await r.items.setHypothesis(itemId, version, hypothesis);
          if (saved === null) throw await staleItem(r, ctx.productId, record);
          await recordEvents(
            r,
            itemEvents({ productId: ctx.productId, actorId: ctx.actor.userId }, itemId, d),
          );
        }
        return load(r, ctx, itemId);
      });
    },

    async judge(ctx: ProductContext, itemId: string, status: HypothesisStatus, reason: string | null) {
      return store.transaction(async (r) => {
        await loadItem(r, ctx.productId, itemId, true);
        const before = await load(r, ctx, itemId);
        if (!before.hypothesis)
          throw new AppError('conflict', 'State the hypothesis first: belief, outcome and signal.');
        const suggested = before.suggestion.status;
        const why = reason?.trim() ? reason.trim() : null;
        if (status !== suggested && !why)
          throw invalid({
            reason: `The evidence suggests "${suggested}": say why you judge it "${status}"`,
          });
        await r.items.judgeHypothesis(itemId, { status, suggested, reason: why, userId: ctx.actor.userId });
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'item',
          entityId: itemId,
          type: 'item.hypothesis_judged',
          after: { status, suggested, reason: why },
        });
        return load(r, ctx, itemId);
      });
    },
  };
}
export type HypothesisUseCases = ReturnType<typeof hypothesisUseCases>;
