import { ProductParams } from '#contracts/common.ts';
import { HowManyBody, HowManyForecast, ReleaseLine, WhenBody, WhenForecast } from '#contracts/forecasts.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';

/** Insight is for the PO, the team and the facilitator (and viewers); stakeholders get 403, strangers 404. */
const readers = allow.product(ROLES.readers, {
  denied: 'Forecasts are for the Product Owner, the team and the facilitator.',
});

export const forecastRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/forecasts/when',
    tag: 'insight',
    summary: 'When will these items (or this many) be done? Monte Carlo on throughput, 50/85/95 %',
    access: readers,
    params: ProductParams,
    body: WhenBody,
    response: WhenForecast,
    handler: (ctx) => ctx.services.forecasts.when(ctx.product, ctx.body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/forecasts/how-many',
    tag: 'insight',
    summary: 'How many items by this date? Monte Carlo on throughput (85 %: at least N)',
    access: readers,
    params: ProductParams,
    body: HowManyBody,
    response: HowManyForecast,
    handler: (ctx) => ctx.services.forecasts.howMany(ctx.product, ctx.body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/forecasts/release-line',
    tag: 'insight',
    summary: "The backlog's forecast line: open items 85 % likely done by the next release's target date",
    access: readers,
    params: ProductParams,
    response: ReleaseLine,
    handler: (ctx) => ctx.services.forecasts.releaseLine(ctx.product),
  }),
];
