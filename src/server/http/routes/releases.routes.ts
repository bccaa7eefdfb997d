import { z } from 'zod';
import { ProductParams } from '#contracts/common.ts';
import {
  Ballot,
  CreateReleaseBody,
  MyVotesBody,
  OpenVoteBody,
  ReleaseDetail,
  ReleaseList,
  ReleaseParams,
  UpdateReleaseBody,
  VoteResults,
} from '#contracts/releases.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute, ifMatchVersion, keyedBy } from '#http/route.ts';

/** Routes keyed by a release: the release's product decides who may call them. */
export const onRelease = keyedBy('releaseId', (services, id) => services.releases.productOf(id));

const PO_ONLY = 'Only the Product Owner plans releases and opens their votes.';
const po = allow.product(ROLES.owner, { of: onRelease, denied: PO_ONLY });

const MyVotesResult = z.object({
  votes: z.array(z.object({ itemId: z.string(), points: z.number().int() })),
  total: z.number().int(),
  budget: z.number().int(),
});

export const releaseRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/releases',
    tag: 'releases',
    summary: 'The releases of a product with the state of their votes',
    access: allow.members,
    params: ProductParams,
    response: ReleaseList,
    handler: async (ctx) => ({ releases: await ctx.services.releases.list(ctx.product) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/releases',
    tag: 'releases',
    summary: 'Create a release (Product Owner)',
    access: allow.product(ROLES.owner, { denied: PO_ONLY }),
    params: ProductParams,
    body: CreateReleaseBody,
    response: ReleaseDetail,
    status: 201,
    idempotent: true,
    handler: (ctx) => ctx.services.releases.create(ctx.product, ctx.body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/releases/:releaseId',
    tag: 'releases',
    summary: 'A release; its items and candidates for the PO and the team only',
    access: allow.product(ROLES.anyMember, { of: onRelease }),
    params: ReleaseParams,
    response: ReleaseDetail,
    handler: (ctx) => ctx.services.releases.get(ctx.product, ctx.params.releaseId),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/releases/:releaseId',
    tag: 'releases',
    summary: 'Rename a release or move its target date (If-Match)',
    access: po,
    params: ReleaseParams,
    body: UpdateReleaseBody,
    response: ReleaseDetail,
    headers: { 'if-match': 'The version you edited' },
    handler: (ctx) =>
      ctx.services.releases.update(ctx.product, ctx.params.releaseId, ifMatchVersion(ctx.req), ctx.body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/releases/:releaseId/ship',
    tag: 'releases',
    summary: 'Mark the release shipped (its vote closes)',
    access: po,
    params: ReleaseParams,
    response: ReleaseDetail,
    handler: (ctx) => ctx.services.releases.ship(ctx.product, ctx.params.releaseId),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/releases/:releaseId/vote',
    tag: 'releases',
    summary: 'Mark the candidates and open the vote with a budget per stakeholder',
    access: po,
    params: ReleaseParams,
    body: OpenVoteBody,
    response: ReleaseDetail,
    handler: (ctx) => ctx.services.releases.openVote(ctx.product, ctx.params.releaseId, ctx.body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/releases/:releaseId/votes/me',
    tag: 'releases',
    summary: 'Your ballot: the candidates (key, title, problem), your points and the budget',
    access: allow.product(ROLES.anyMember, { of: onRelease }),
    params: ReleaseParams,
    response: Ballot,
    handler: (ctx) => ctx.services.releases.ballot(ctx.product, ctx.params.releaseId),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/releases/:releaseId/votes/me',
    tag: 'releases',
    summary: 'Replace your whole allocation of points (stakeholders); 422 vote_budget_exceeded over budget',
    access: allow.product(ROLES.customers, {
      of: onRelease,
      denied: 'Stakeholders vote; the Product Owner and the team read the results.',
    }),
    params: ReleaseParams,
    body: MyVotesBody,
    response: MyVotesResult,
    handler: (ctx) => ctx.services.releases.vote(ctx.product, ctx.params.releaseId, ctx.body.votes),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/releases/:releaseId/votes',
    tag: 'releases',
    summary: 'Vote results per candidate and segment beside the backlog and WSJF order, with disagreements',
    access: allow.product(ROLES.readers, {
      of: onRelease,
      denied: 'The results are for the Product Owner and the team.',
    }),
    params: ReleaseParams,
    response: VoteResults,
    handler: (ctx) => ctx.services.releases.results(ctx.product, ctx.params.releaseId),
  }),
];
