import type { HypothesisUseCases } from '#app/hypotheses/hypotheses.ts';
import { HypothesisView, JudgeHypothesis, SetHypothesis } from '#contracts/hypotheses.ts';
import { ItemParams } from '#contracts/items.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute, ifMatchVersion } from '#http/route.ts';
import { onItem } from '#http/routes/items.routes.ts';

type Loaded = Awaited<ReturnType<HypothesisUseCases['get']>>;

const present = (h: Loaded): HypothesisView => ({
  itemId: h.itemId,
  hypothesis: h.hypothesis,
  status: h.status,
  suggested: h.suggestion.status,
  suggestedReason: h.suggestion.reason,
  evidence: h.evidence,
  judgedBy: h.judgedBy,
  judgedAt: h.judgedAt?.toISOString() ?? null,
  reason: h.reason,
  suggestedAtJudgement: h.suggestedAtJudgement,
  version: h.version,
});

export const hypothesisRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/items/:itemId/hypothesis',
    tag: 'items',
    summary: "The item's benefit hypothesis, the status the evidence suggests, and the evidence",
    access: allow.product(ROLES.readers, { of: onItem }),
    params: ItemParams,
    response: HypothesisView,
    handler: async (ctx) => present(await ctx.services.hypotheses.get(ctx.product, ctx.params.itemId)),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/items/:itemId/hypothesis',
    tag: 'items',
    summary: 'State (or clear) the benefit hypothesis: belief, outcome, signal (If-Match: item version)',
    access: allow.product(ROLES.contributors, { of: onItem }),
    params: ItemParams,
    body: SetHypothesis,
    headers: { 'If-Match': 'The item version you edited' },
    response: HypothesisView,
    handler: async (ctx) =>
      present(
        await ctx.services.hypotheses.set(
          ctx.product,
          ctx.params.itemId,
          ifMatchVersion(ctx.req),
          ctx.body.hypothesis,
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/items/:itemId/hypothesis/judgement',
    tag: 'items',
    summary: 'The PO confirms or overrides the suggested status (a reason when it differs)',
    access: allow.product(ROLES.owner, {
      of: onItem,
      denied: 'Only the Product Owner judges a benefit hypothesis.',
    }),
    params: ItemParams,
    body: JudgeHypothesis,
    response: HypothesisView,
    handler: async (ctx) =>
      present(
        await ctx.services.hypotheses.judge(
          ctx.product,
          ctx.params.itemId,
          ctx.body.status,
          ctx.body.reason ?? null,
        ),
      ),
  }),
];
