import { ProductParams } from '#contracts/common.ts';
import { TrustQuery, TrustView } from '#contracts/trust.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';

export const trustRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/trust',
    tag: 'insight',
    summary: 'The trust radar: PO→team and team→PO signals over [from, to), with trend and evidence',
    access: allow.product(ROLES.readers),
    params: ProductParams,
    query: TrustQuery,
    response: TrustView,
    handler: async (ctx) => ctx.services.trust.radar(ctx.product, ctx.query),
  }),
];
