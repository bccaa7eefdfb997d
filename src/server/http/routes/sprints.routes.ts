import { ProductParams } from '#contracts/common.ts';
import {
  CreateSprintBody,
  DefinitionOfDone,
  Sprint,
  SprintBoard,
  SprintList,
  SprintParams,
  SprintReport,
  UpdateDefinitionOfDoneBody,
  UpdateSprintBody,
} from '#contracts/sprints.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute, ifMatchVersion, keyedBy } from '#http/route.ts';
import {
  presentBoard,
  presentingSprintConflicts,
  presentReport,
  presentSprint,
} from './sprints.presenters.ts';

/** Routes keyed by a sprint: the sprint's product decides who may call them. */
export const onSprint = keyedBy('sprintId', (services, id) => services.sprints.productOf(id));

const planners = allow.product(ROLES.contributors);

export const sprintRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/sprints',
    tag: 'sprints',
    summary: 'Sprints of a product, newest first',
    access: allow.readers,
    params: ProductParams,
    response: SprintList,
    handler: async (ctx) => ({ sprints: (await ctx.services.sprints.list(ctx.product)).map(presentSprint) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/sprints',
    tag: 'sprints',
    summary: 'Plan a sprint: name, goal, dates and team capacity',
    access: planners,
    params: ProductParams,
    body: CreateSprintBody,
    response: Sprint,
    status: 201,
    idempotent: true,
    handler: async (ctx) => presentSprint(await ctx.services.sprints.create(ctx.product, ctx.body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/sprints/:sprintId',
    tag: 'sprints',
    summary: 'A sprint with its items (and why any is not ready), load beside forecast, snapshot, changes',
    access: allow.product(ROLES.readers, { of: onSprint }),
    params: SprintParams,
    response: SprintBoard,
    handler: async (ctx) => presentBoard(await ctx.services.sprints.board(ctx.product, ctx.params.sprintId)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/sprints/:sprintId',
    tag: 'sprints',
    summary: 'Edit a sprint (If-Match: version)',
    access: allow.product(ROLES.contributors, { of: onSprint }),
    params: SprintParams,
    body: UpdateSprintBody,
    response: Sprint,
    headers: { 'If-Match': 'The version you edited' },
    handler: (ctx) =>
      presentingSprintConflicts(async () =>
        presentSprint(
          await ctx.services.sprints.update(
            ctx.product,
            ctx.params.sprintId,
            ifMatchVersion(ctx.req),
            ctx.body,
          ),
        ),
      ),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/sprints/:sprintId/report',
    tag: 'sprints',
    summary: 'Sprint report: say/do, scope changes with reasons, carry-over, velocity, burn-up',
    access: allow.product(ROLES.readers, { of: onSprint }),
    params: SprintParams,
    response: SprintReport,
    handler: async (ctx) =>
      presentReport(await ctx.services.sprints.report(ctx.product, ctx.params.sprintId)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/definition-of-done',
    tag: 'sprints',
    summary: 'The product’s Definition of Done checklist',
    access: allow.readers,
    params: ProductParams,
    response: DefinitionOfDone,
    handler: (ctx) => ctx.services.sprints.getDefinitionOfDone(ctx.product),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/products/:productId/definition-of-done',
    tag: 'sprints',
    summary: 'Replace the Definition of Done checklist (PO and team agree on it)',
    access: planners,
    params: ProductParams,
    body: UpdateDefinitionOfDoneBody,
    response: DefinitionOfDone,
    handler: (ctx) => ctx.services.sprints.saveDefinitionOfDone(ctx.product, ctx.body.checklist),
  }),
];
