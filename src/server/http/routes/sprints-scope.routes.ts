import {
  CloseSprintBody,
  DoneBody,
  RejectBody,
  ResizeBody,
  ReviewBody,
  ScopeChangeBody,
  SprintBoard,
  SprintItemParams,
  SprintParams,
  StartSprintBody,
} from '#contracts/sprints.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';
import { presentBoard } from './sprints.presenters.ts';
import { onSprint } from './sprints.routes.ts';

const team = allow.product(ROLES.teamOrFacilitator, {
  of: onSprint,
  denied: 'The team runs its sprint: planning, start, done and close.',
});
const contributors = allow.product(ROLES.contributors, { of: onSprint });

/** Planning, start, scope changes with reasons, done / accept / reject, close. */
export const sprintScopeRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/sprints/:sprintId/items/:itemId',
    tag: 'sprints',
    summary: 'Pull an item into the sprint (`reason` required once started)',
    access: contributors,
    params: SprintItemParams,
    body: ScopeChangeBody,
    response: SprintBoard,
    handler: async (ctx) =>
      presentBoard(
        await ctx.services.sprints.addItem(
          ctx.product,
          ctx.params.sprintId,
          ctx.params.itemId,
          ctx.body.reason,
        ),
      ),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/sprints/:sprintId/items/:itemId',
    tag: 'sprints',
    summary: 'Take an item out of the sprint (`reason`, in the body or query, required once started)',
    access: contributors,
    params: SprintItemParams,
    query: ScopeChangeBody,
    body: ScopeChangeBody,
    response: SprintBoard,
    handler: async (ctx) =>
      presentBoard(
        await ctx.services.sprints.removeItem(
          ctx.product,
          ctx.params.sprintId,
          ctx.params.itemId,
          ctx.body.reason ?? ctx.query.reason,
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/sprints/:sprintId/items/:itemId/resize',
    tag: 'sprints',
    summary: 'Re-size an item of the sprint (team only; `reason` required once started)',
    access: allow.product(ROLES.estimators, {
      of: onSprint,
      denied: 'Only the team estimates (sizes are the team’s call).',
    }),
    params: SprintItemParams,
    body: ResizeBody,
    response: SprintBoard,
    handler: async (ctx) =>
      presentBoard(
        await ctx.services.sprints.resizeItem(
          ctx.product,
          ctx.params.sprintId,
          ctx.params.itemId,
          ctx.body.size,
          ctx.body.reason,
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/sprints/:sprintId/start',
    tag: 'sprints',
    summary: 'Start: snapshot the committed scope; above the forecast needs `confirmOverForecast`',
    access: team,
    params: SprintParams,
    body: StartSprintBody,
    response: SprintBoard,
    handler: async (ctx) =>
      presentBoard(
        await ctx.services.sprints.start(ctx.product, ctx.params.sprintId, ctx.body.confirmOverForecast),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/sprints/:sprintId/close',
    tag: 'sprints',
    summary: 'Close: unfinished items go back to the backlog or into the next sprint',
    access: team,
    params: SprintParams,
    body: CloseSprintBody,
    response: SprintBoard,
    handler: async (ctx) =>
      presentBoard(
        await ctx.services.sprints.close(
          ctx.product,
          ctx.params.sprintId,
          ctx.body.unfinished,
          ctx.body.nextSprintId,
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/sprints/:sprintId/items/:itemId/done',
    tag: 'sprints',
    summary: 'Move an item to done, ticking every entry of the Definition of Done',
    access: team,
    params: SprintItemParams,
    body: DoneBody,
    response: SprintBoard,
    handler: async (ctx) =>
      presentBoard(
        await ctx.services.sprints.markDone(
          ctx.product,
          ctx.params.sprintId,
          ctx.params.itemId,
          ctx.body.checked,
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/sprints/:sprintId/items/:itemId/accept',
    tag: 'sprints',
    summary: 'The Product Owner accepts a done item',
    access: allow.product(ROLES.owner, { of: onSprint, denied: 'Only the Product Owner accepts work.' }),
    params: SprintItemParams,
    body: ReviewBody,
    response: SprintBoard,
    handler: async (ctx) =>
      presentBoard(
        await ctx.services.sprints.review(
          ctx.product,
          ctx.params.sprintId,
          ctx.params.itemId,
          'accepted',
          ctx.body.comment,
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/sprints/:sprintId/items/:itemId/reject',
    tag: 'sprints',
    summary: 'The Product Owner rejects a done item, saying what is missing',
    access: allow.product(ROLES.owner, { of: onSprint, denied: 'Only the Product Owner rejects work.' }),
    params: SprintItemParams,
    body: RejectBody,
    response: SprintBoard,
    handler: async (ctx) =>
      presentBoard(
        await ctx.services.sprints.review(
          ctx.product,
          ctx.params.sprintId,
          ctx.params.itemId,
          'rejected',
          ctx.body.comment,
        ),
      ),
  }),
];
