import type { DecisionUseCases } from '#app/decisions/decisions.ts';
import { ProductParams } from '#contracts/common.ts';
import {
  CreateDecision,
  DecisionList,
  DecisionParams,
  DecisionView,
  ItemDecisionFlags,
  ProductRepayments,
  ResolveAnswer,
  ResolveItem,
  SupersedeDecision,
} from '#contracts/decisions.ts';
import { ItemParams } from '#contracts/items.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute, keyedBy } from '#http/route.ts';
import { onItem } from '#http/routes/items.routes.ts';

export const onDecision = keyedBy('decisionId', (services, id) => services.decisions.productOf(id));

const iso = (d: Date | null) => d?.toISOString() ?? null;
type Contradictions = Awaited<ReturnType<DecisionUseCases['get']>>['contradictions'];
const presentContradictions = (cs: Contradictions) =>
  cs.map((c) => ({
    eventId: c.eventId,
    actorId: c.actorId,
    actorName: c.actorName,
    itemId: c.itemId,
    at: c.at.toISOString(),
    summary: c.summary,
  }));

const present = (d: Awaited<ReturnType<DecisionUseCases['get']>>): DecisionView => ({
  id: d.id,
  productId: d.productId,
  number: d.number,
  title: d.title,
  status: d.status,
  technical: d.technical,
  acceptedAt: iso(d.acceptedAt),
  createdAt: d.createdAt.toISOString(),
  context: d.context,
  decision: d.decision,
  consequences: d.consequences,
  rules: d.rules,
  items: d.items,
  participants: d.participants,
  proposedBy: d.proposedBy,
  acceptedBy: d.acceptedBy,
  supersededBy: d.supersededBy,
  supersededAt: iso(d.supersededAt),
  contradictions: presentContradictions(d.contradictions),
  can: d.can,
});

export const decisionRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/repayments',
    tag: 'decisions',
    summary: "Every workaround's repayment item, its due day and whether it is open, overdue or repaid",
    access: allow.product(ROLES.readers),
    params: ProductParams,
    response: ProductRepayments,
    handler: async (ctx) => ({ repayments: await ctx.services.decisions.repayments(ctx.product) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/decisions',
    tag: 'decisions',
    summary: "The product's decision records, newest first, with how often each was gone around",
    access: allow.product(ROLES.readers),
    params: ProductParams,
    response: DecisionList,
    handler: async (ctx) => ({
      decisions: (await ctx.services.decisions.list(ctx.product)).map((d) => ({
        id: d.id,
        productId: d.productId,
        number: d.number,
        title: d.title,
        status: d.status,
        technical: d.technical,
        acceptedAt: iso(d.acceptedAt),
        contradictions: d.contradictions,
        createdAt: d.createdAt.toISOString(),
      })),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/decisions',
    tag: 'decisions',
    summary:
      'Propose a decision record: context, decision, consequences, the items it governs, who took part, its rules',
    access: allow.product(ROLES.contributors),
    params: ProductParams,
    body: CreateDecision,
    response: DecisionView,
    status: 201,
    idempotent: true,
    handler: async (ctx) => present(await ctx.services.decisions.create(ctx.product, ctx.body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/decisions/:decisionId',
    tag: 'decisions',
    summary:
      'One decision: its sections, status, rules in words, linked items, participants and contradictions',
    access: allow.product(ROLES.readers, { of: onDecision }),
    params: DecisionParams,
    response: DecisionView,
    handler: async (ctx) => present(await ctx.services.decisions.get(ctx.product, ctx.params.decisionId)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/decisions/:decisionId/accept',
    tag: 'decisions',
    summary: 'Accept a proposed decision (the PO; the team for a technical decision); its rules then hold',
    access: allow.product(ROLES.contributors, { of: onDecision }),
    params: DecisionParams,
    response: DecisionView,
    handler: async (ctx) => present(await ctx.services.decisions.accept(ctx.product, ctx.params.decisionId)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/decisions/:decisionId/supersede',
    tag: 'decisions',
    summary: 'Retire an accepted decision in favour of another decision of the product',
    access: allow.product(ROLES.contributors, { of: onDecision }),
    params: DecisionParams,
    body: SupersedeDecision,
    response: DecisionView,
    handler: async (ctx) =>
      present(
        await ctx.services.decisions.supersede(ctx.product, ctx.params.decisionId, ctx.body.byDecisionId),
      ),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/items/:itemId/decisions',
    tag: 'items',
    summary:
      'The decisions an item is under, the changes that went around them, its resolution and repayments',
    access: allow.product(ROLES.readers, { of: onItem }),
    params: ItemParams,
    response: ItemDecisionFlags,
    handler: async (ctx) => {
      const f = await ctx.services.decisions.itemFlags(ctx.product, ctx.params.itemId);
      return {
        decisions: f.decisions,
        contradictions: f.contradictions.map((c) => ({
          ...presentContradictions([c])[0]!,
          decisionId: c.decisionId,
          decisionTitle: c.decisionTitle,
        })),
        resolution: f.resolution
          ? {
              resolution: f.resolution.resolution,
              resolvedAt: f.resolution.resolvedAt.toISOString(),
              resolvedBy: f.resolution.resolvedBy,
            }
          : null,
        repayments: f.repayments,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/items/:itemId/resolve',
    tag: 'items',
    summary:
      'Resolve an item by a fix, or by a workaround with its repayment item (a debt item that repays it, due in a sprint or by a date)',
    access: allow.product(ROLES.contributors, { of: onItem }),
    params: ItemParams,
    body: ResolveItem,
    response: ResolveAnswer,
    idempotent: true,
    handler: async (ctx) => {
      const r = await ctx.services.resolutions.resolve(
        ctx.product,
        ctx.params.itemId,
        ctx.body.resolution,
        ctx.body.repayment,
      );
      return {
        itemId: r.item.id,
        resolution: r.resolution,
        status: r.item.status,
        version: r.item.version,
        repaymentItemId: r.repaymentItemId,
      };
    },
  }),
];
