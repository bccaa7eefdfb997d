import { ProductParams } from '#contracts/common.ts';
import { openEventStream } from '#http/event-stream.ts';
import { presentEvent } from '#http/presenters.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';

/**
 * The product's activity as Server-Sent Events (`event: activity`, data = the events, oldest
 * first): the web app refreshes what changed when someone else changes it. It carries exactly what
 * GET /events shows, so nothing hidden there (poker votes before reveal) travels here either.
 */
export const eventStreamRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/events/stream',
    tag: 'events',
    summary: 'Live activity of a product (text/event-stream)',
    access: allow.members,
    params: ProductParams,
    raw: true,
    async handler(ctx) {
      const stream = openEventStream(ctx, 3000);
      const off = await ctx.services.activity.subscribe(ctx.product.productId, (events) =>
        stream.send('activity', events.map(presentEvent), events.at(-1)!.id),
      );
      stream.onClose(off);
      stream.send('ready', {});
    },
  }),
];
