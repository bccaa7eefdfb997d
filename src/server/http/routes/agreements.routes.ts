import {
  AgreementDetail,
  AgreementList,
  AgreementParams,
  AgreementVersionParams,
  CommentOnVersion,
  CreateAgreement,
  ProposeVersion,
  ReviseVersion,
  UpdateAgreement,
} from '#contracts/agreements.ts';
import { ProductParams } from '#contracts/common.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute, ifMatchVersion, keyedBy } from '#http/route.ts';

/** Working agreements (issue 13). Stakeholders read the ones the PO shared; the rest is 404 to them. */
export const onAgreement = keyedBy('agreementId', (services, id) => services.agreements.productOf(id));
const WRITERS_ONLY = 'Working agreements are written by the Product Owner and the team.';
const writers = (of?: typeof onAgreement) =>
  allow.product(ROLES.agreementWriters, { ...(of ? { of } : {}), denied: WRITERS_ONLY });

export const agreementRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/agreements',
    tag: 'agreements',
    summary: 'The working agreements of the product (stakeholders: those the PO shared)',
    access: allow.members,
    params: ProductParams,
    response: AgreementList,
    handler: async (ctx) => ({ agreements: await ctx.services.agreements.list(ctx.product) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/agreements',
    tag: 'agreements',
    summary: 'Start a working agreement, from a template or blank; its text is a draft until proposed',
    access: writers(),
    params: ProductParams,
    body: CreateAgreement,
    response: AgreementDetail,
    status: 201,
    idempotent: true,
    handler: async (ctx) => ctx.services.agreements.create(ctx.product, ctx.body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/agreements/:agreementId',
    tag: 'agreements',
    summary: 'An agreement with its versions (newest first), comments, diffs and acknowledgements',
    access: allow.product(ROLES.anyMember, { of: onAgreement }),
    params: AgreementParams,
    response: AgreementDetail,
    handler: async (ctx) => ctx.services.agreements.get(ctx.product, ctx.params.agreementId),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/agreements/:agreementId',
    tag: 'agreements',
    summary: 'Change the title, the roles asked, the draft, or (PO) sharing with stakeholders',
    access: writers(onAgreement),
    params: AgreementParams,
    body: UpdateAgreement,
    headers: { 'If-Match': 'The agreement version you edited' },
    response: AgreementDetail,
    handler: async (ctx) =>
      ctx.services.agreements.update(ctx.product, ctx.params.agreementId, ifMatchVersion(ctx.req), ctx.body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/agreements/:agreementId/versions',
    tag: 'agreements',
    summary: 'Propose a new version: comment period (optional), then in effect from its date',
    access: writers(onAgreement),
    params: AgreementParams,
    body: ProposeVersion,
    response: AgreementDetail,
    status: 201,
    idempotent: true,
    handler: async (ctx) => ctx.services.agreements.propose(ctx.product, ctx.params.agreementId, ctx.body),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/agreements/:agreementId/versions/:version',
    tag: 'agreements',
    summary: 'Revise a proposal before it takes effect (409 once it is in effect: propose a new one)',
    access: writers(onAgreement),
    params: AgreementVersionParams,
    body: ReviseVersion,
    headers: { 'If-Match': 'The revision of the version you edited' },
    response: AgreementDetail,
    handler: async (ctx) =>
      ctx.services.agreements.revise(
        ctx.product,
        ctx.params.agreementId,
        ctx.params.version,
        ifMatchVersion(ctx.req),
        ctx.body,
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/agreements/:agreementId/versions/:version/comments',
    tag: 'agreements',
    summary: 'Comment on one paragraph of a proposal, during its comment period',
    access: allow.product(ROLES.readers, { of: onAgreement }),
    params: AgreementVersionParams,
    body: CommentOnVersion,
    response: AgreementDetail,
    status: 201,
    idempotent: true,
    handler: async (ctx) =>
      ctx.services.agreements.comment(ctx.product, ctx.params.agreementId, ctx.params.version, ctx.body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/agreements/:agreementId/acknowledge',
    tag: 'agreements',
    summary: 'Acknowledge the version in effect (once per person and version)',
    access: allow.product(ROLES.readers, { of: onAgreement }),
    params: AgreementParams,
    response: AgreementDetail,
    handler: async (ctx) => ctx.services.agreements.acknowledge(ctx.product, ctx.params.agreementId),
  }),
];
