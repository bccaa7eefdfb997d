import { z } from 'zod';
import { IsoDateTime, ProductParams } from '#contracts/common.ts';
import {
  AllocationEvidence,
  AllocationEvidenceQuery,
  AllocationQuery,
  AllocationReport,
  AllocationTargets,
  AllocationTargetsBody,
  BudgetBody,
  BudgetReport,
  InsightSharing,
  InsightSharingBody,
  ItemSegmentWeights,
  JustificationBody,
  SegmentWeightsBody,
  SharedAllocation,
} from '#contracts/insight-allocation.ts';
import { ItemParams } from '#contracts/items.ts';
import { SprintParams } from '#contracts/sprints.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute, ifMatchVersion } from '#http/route.ts';
import { onItem } from '#http/routes/items.routes.ts';
import { onSprint } from './sprints.routes.ts';

const PO_ONLY = 'Only the Product Owner sets allocation targets, budgets and justifications.';
const po = allow.product(ROLES.owner, { denied: PO_ONLY });

export const insightAllocationRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/allocation-targets',
    tag: 'insight',
    summary:
      'The category ranges (percent) the allocation is judged against; segment targets are on segments',
    access: allow.readers,
    params: ProductParams,
    response: AllocationTargets,
    handler: (ctx) => ctx.services.allocation.targets(ctx.product),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/products/:productId/allocation-targets',
    tag: 'insight',
    summary: 'Set the category ranges (Product Owner; If-Match: the version read, 0 the first time)',
    access: po,
    params: ProductParams,
    body: AllocationTargetsBody,
    response: AllocationTargets,
    headers: { 'if-match': 'The version you edited (0 before the first save)' },
    handler: (ctx) =>
      ctx.services.allocation.setTargets(ctx.product, ifMatchVersion(ctx.req, 0), ctx.body.categories),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/allocation',
    tag: 'insight',
    summary: 'Points per segment and category for the last sprints, overall and for the open backlog',
    access: allow.readers,
    params: ProductParams,
    query: AllocationQuery,
    response: AllocationReport,
    handler: (ctx) => ctx.services.allocation.report(ctx.product, ctx.query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/allocation/evidence',
    tag: 'insight',
    summary:
      'The items behind one share of the allocation: a sprint (or overall, backlog) by segment or category',
    access: allow.readers,
    params: ProductParams,
    query: AllocationEvidenceQuery,
    response: AllocationEvidence,
    handler: (ctx) => ctx.services.allocation.evidence(ctx.product, ctx.query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/insight-sharing',
    tag: 'insight',
    summary: 'Whether the Product Owner shares the allocation view with stakeholders',
    access: allow.members,
    params: ProductParams,
    response: InsightSharing,
    handler: (ctx) => ctx.services.allocation.sharing(ctx.product),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/products/:productId/insight-sharing',
    tag: 'insight',
    summary:
      'Share the allocation view with stakeholders, or stop (Product Owner; If-Match, 0 the first time)',
    access: allow.product(ROLES.owner, { denied: 'Only the Product Owner decides what stakeholders see.' }),
    params: ProductParams,
    body: InsightSharingBody,
    response: InsightSharing,
    headers: { 'if-match': 'The version you read (0 before the first decision)' },
    handler: (ctx) =>
      ctx.services.allocation.setSharing(ctx.product, ifMatchVersion(ctx.req, 0), ctx.body.allocation),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/shared-allocation',
    tag: 'insight',
    summary:
      'The allocation as stakeholders see it when the PO shares it: shares per segment and category, no items',
    access: allow.members,
    params: ProductParams,
    response: SharedAllocation,
    handler: (ctx) => ctx.services.allocation.shared(ctx.product),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/sprints/:sprintId/justification',
    tag: 'insight',
    summary: "The Product Owner's reason for a sprint's allocation, shown beside it",
    access: allow.product(ROLES.owner, { of: onSprint, denied: PO_ONLY }),
    params: SprintParams,
    body: JustificationBody,
    response: z.object({
      sprintId: z.string(),
      text: z.string(),
      writtenBy: z.string().nullable(),
      writtenAt: IsoDateTime,
    }),
    handler: (ctx) => ctx.services.allocation.justify(ctx.product, ctx.params.sprintId, ctx.body.text),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/items/:itemId/segment-weights',
    tag: 'insight',
    summary: "How an item's points split among the segments it serves (the PO's weights, else evenly)",
    access: allow.product(ROLES.readers, { of: onItem }),
    params: ItemParams,
    response: ItemSegmentWeights,
    handler: (ctx) => ctx.services.segmentWeights.get(ctx.product, ctx.params.itemId),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/items/:itemId/segment-weights',
    tag: 'insight',
    summary: "Weigh an item's segments (Product Owner; relative weights, stored as percent; null: evenly)",
    access: allow.product(ROLES.owner, {
      of: onItem,
      denied: 'Only the Product Owner weighs an item’s segments.',
    }),
    params: ItemParams,
    body: SegmentWeightsBody,
    response: ItemSegmentWeights,
    headers: { 'if-match': 'The item version you edited' },
    handler: (ctx) =>
      ctx.services.segmentWeights.set(
        ctx.product,
        ctx.params.itemId,
        ifMatchVersion(ctx.req),
        ctx.body.weights,
      ),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/budget',
    tag: 'insight',
    summary: 'The budget, its burn per sprint and the value delivered per segment, with a plain warning',
    access: allow.readers,
    params: ProductParams,
    response: BudgetReport,
    handler: (ctx) => ctx.services.allocation.budget(ctx.product),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/products/:productId/budget',
    tag: 'insight',
    summary: 'Set the budget (Product Owner; If-Match: the version read, 0 the first time)',
    access: po,
    params: ProductParams,
    body: BudgetBody,
    response: BudgetReport,
    headers: { 'if-match': 'The version you edited (0 before the first save)' },
    handler: (ctx) => ctx.services.allocation.setBudget(ctx.product, ifMatchVersion(ctx.req, 0), ctx.body),
  }),
];
