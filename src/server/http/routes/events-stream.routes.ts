import { ProductParams } from '#contracts/common.ts';
import { presentEvent } from '#http/presenters.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';
import { openSse } from '#http/sse.ts';

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
    access: allow.readers,
    params: ProductParams,
    raw: true,
    async handler(ctx) {
      const sse = openSse(ctx.reply, { retryMs: 3000 });
      // A reconnecting browser sends the id of the last batch it got: it first gets what it missed.
      const since = /^\d{1,15}$/.test(sse.lastEventId ?? '') ? Number(sse.lastEventId) : undefined;
      try {
        const off = await ctx.services.activity.subscribe(
          ctx.product.productId,
          (events) => sse.send('activity', events.map(presentEvent), events.at(-1)!.id),
          since,
        );
        sse.onClose(off);
        sse.send('ready', {});
      } catch {
        // The response has begun, so no error body: the browser reconnects after the retry delay.
        sse.close();
      }
    },
  }),
];
