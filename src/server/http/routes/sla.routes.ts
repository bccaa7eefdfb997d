import { ProductParams } from '#contracts/common.ts';
import { SlaPolicyBody, SlaPolicyDoc, SlaReport } from '#contracts/sla.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute, ifMatchVersion } from '#http/route.ts';

/** Defects: the SLA policy and its report (issue 13). */
export const slaRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/sla-policy',
    tag: 'sla',
    summary: "The product's SLA policy for defects (the defaults and active: false until one is set)",
    access: allow.readers,
    params: ProductParams,
    response: SlaPolicyDoc,
    handler: (ctx) => ctx.services.sla.policy(ctx.product),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/products/:productId/sla-policy',
    tag: 'sla',
    summary: 'Set the SLA policy (Product Owner or admin; If-Match: the version read, 0 the first time)',
    access: allow.product(ROLES.owner, {
      admins: true,
      denied: 'Only the Product Owner or an admin sets the SLA policy.',
    }),
    params: ProductParams,
    body: SlaPolicyBody,
    response: SlaPolicyDoc,
    headers: { 'If-Match': 'The policy version you edited (0 while only the defaults exist)' },
    handler: (ctx) => ctx.services.sla.savePolicy(ctx.product, ifMatchVersion(ctx.req, 0), ctx.body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/sla-report',
    tag: 'sla',
    summary: 'SLA attainment per severity and month, and the open defects by time left',
    access: allow.readers,
    params: ProductParams,
    response: SlaReport,
    handler: (ctx) => ctx.services.sla.report(ctx.product),
  }),
];
