import { ProductParams } from '#contracts/common.ts';
import { MemberParams } from '#contracts/products.ts';
import {
  SignInLink,
  SignInLinkResult,
  SignInLinkTokenParams,
  StakeholderImportResult,
  StakeholderListBody,
  StakeholderPreview,
} from '#contracts/stakeholders.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';
import { setSessionCookie } from './auth.routes.ts';

const ownerOnly = allow.product(ROLES.owner, { denied: 'Only the Product Owner adds stakeholders.' });

export const stakeholderRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/stakeholders/import/preview',
    tag: 'members',
    summary: 'Preview a list of stakeholders (name, email[, segment]): per-row results; writes nothing',
    access: ownerOnly,
    params: ProductParams,
    body: StakeholderListBody,
    response: StakeholderPreview,
    handler: (ctx) => ctx.services.stakeholders.previewStakeholders(ctx.product, ctx.body.csv),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/stakeholders/import',
    tag: 'members',
    summary: 'Add a list of stakeholders, all or nothing; new emails get an account without a password',
    access: ownerOnly,
    params: ProductParams,
    body: StakeholderListBody,
    response: StakeholderImportResult,
    idempotent: true,
    handler: (ctx) => ctx.services.stakeholders.importStakeholders(ctx.product, ctx.body.csv),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/members/:userId/sign-in-link',
    tag: 'members',
    summary: "A stakeholder's personal sign-in link: single use, valid 14 days, lands on the portal",
    access: allow.product(ROLES.owner, { denied: 'Only the Product Owner makes sign-in links.' }),
    params: MemberParams,
    response: SignInLink,
    status: 201,
    async handler(ctx) {
      const { token, expiresAt } = await ctx.services.stakeholders.createSignInLink(
        ctx.product,
        ctx.params.userId,
      );
      const origin = ctx.req.server.publicOrigin ?? `${ctx.req.protocol}://${ctx.req.headers.host}`;
      return { url: `${origin}/link/${token}`, expiresAt: expiresAt.toISOString() };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/sign-in-links/:token',
    tag: 'auth',
    summary: 'Sign in with a personal link (single use): sets the session cookie, says where to land',
    access: allow.public,
    params: SignInLinkTokenParams,
    response: SignInLinkResult,
    async handler(ctx) {
      const { sessionId, productKey } = await ctx.services.stakeholders.redeemSignInLink(ctx.params.token);
      setSessionCookie(ctx.req, ctx.reply, sessionId);
      return { productKey, path: `/p/${productKey}/portal` };
    },
  }),
];
