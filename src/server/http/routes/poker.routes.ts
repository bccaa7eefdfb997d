import { ProductParams } from '#contracts/common.ts';
import {
  AgreeBody,
  CreatePokerBody,
  MyVote,
  PokerParams,
  PokerSession,
  PokerSessionList,
  SelectItemBody,
  VoteBody,
} from '#contracts/poker.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute, keyedBy } from '#http/route.ts';
import { presentPokerSession as present } from './poker.presenters.ts';

/** Routes keyed by a poker session: the session's product decides who may call them. */
export const onPokerSession = keyedBy('sessionId', (services, id) => services.poker.productOf(id));

const TEAM_ESTIMATES =
  'Only the team estimates: the Product Owner and stakeholders watch and answer questions.';
const runners = allow.product(ROLES.teamOrFacilitator, {
  of: onPokerSession,
  denied: 'A facilitator or team member runs the session.',
});

export const pokerRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/poker',
    tag: 'poker',
    summary: 'Recent planning poker sessions of a product',
    access: allow.readers,
    params: ProductParams,
    response: PokerSessionList,
    handler: async (ctx) => ({ sessions: (await ctx.services.poker.list(ctx.product)).map(present) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/poker',
    tag: 'poker',
    summary: 'Open a planning poker session on a set of items',
    access: allow.product(ROLES.teamOrFacilitator, {
      denied: 'A facilitator or team member opens poker sessions.',
    }),
    params: ProductParams,
    body: CreatePokerBody,
    response: PokerSession,
    status: 201,
    idempotent: true,
    handler: async (ctx) => present(await ctx.services.poker.open(ctx.product, ctx.body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/poker/:sessionId',
    tag: 'poker',
    summary: 'A session: who has voted; the votes and their spread only after reveal',
    access: allow.product(ROLES.readers, { of: onPokerSession }),
    params: PokerParams,
    response: PokerSession,
    handler: async (ctx) => present(await ctx.services.poker.get(ctx.product, ctx.params.sessionId)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/poker/:sessionId/my-vote',
    tag: 'poker',
    summary: 'Your own card in the current round',
    access: allow.product(ROLES.estimators, { of: onPokerSession, denied: TEAM_ESTIMATES }),
    params: PokerParams,
    response: MyVote,
    handler: (ctx) => ctx.services.poker.myVote(ctx.product, ctx.params.sessionId),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/poker/:sessionId/votes',
    tag: 'poker',
    summary: 'Play a card (team members only); hidden from everyone until reveal',
    access: allow.product(ROLES.estimators, { of: onPokerSession, denied: TEAM_ESTIMATES }),
    params: PokerParams,
    body: VoteBody,
    response: PokerSession,
    handler: async (ctx) =>
      present(await ctx.services.poker.vote(ctx.product, ctx.params.sessionId, ctx.body.value)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/poker/:sessionId/reveal',
    tag: 'poker',
    summary: 'Reveal the votes and their spread',
    access: runners,
    params: PokerParams,
    response: PokerSession,
    handler: async (ctx) => present(await ctx.services.poker.reveal(ctx.product, ctx.params.sessionId)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/poker/:sessionId/revote',
    tag: 'poker',
    summary: 'Vote again on the same item in a fresh round',
    access: runners,
    params: PokerParams,
    response: PokerSession,
    handler: async (ctx) => present(await ctx.services.poker.revote(ctx.product, ctx.params.sessionId)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/poker/:sessionId/select',
    tag: 'poker',
    summary: 'Move the session to another of its items',
    access: runners,
    params: PokerParams,
    body: SelectItemBody,
    response: PokerSession,
    handler: async (ctx) =>
      present(await ctx.services.poker.select(ctx.product, ctx.params.sessionId, ctx.body.itemId)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/poker/:sessionId/agree',
    tag: 'poker',
    summary: 'Agree a value: it becomes the item’s size (team only), logged with the voters',
    access: allow.product(ROLES.estimators, { of: onPokerSession, denied: TEAM_ESTIMATES }),
    params: PokerParams,
    body: AgreeBody,
    response: PokerSession,
    handler: async (ctx) =>
      present(await ctx.services.poker.agree(ctx.product, ctx.params.sessionId, ctx.body.value)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/poker/:sessionId/close',
    tag: 'poker',
    summary: 'End the session',
    access: runners,
    params: PokerParams,
    response: PokerSession,
    handler: async (ctx) => present(await ctx.services.poker.close(ctx.product, ctx.params.sessionId)),
  }),
];
