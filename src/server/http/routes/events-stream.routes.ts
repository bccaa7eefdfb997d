import { ProductParams } from '#contracts/common.ts';
import { presentEvent } from '#http/presenters.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';

const HEARTBEAT_MS = 20_000;

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
      const res = ctx.reply.raw;
      ctx.reply.hijack();
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n\n');
      let closed = false;
      let unsubscribe: () => void = () => {};
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const stop = () => {
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
      };
      ctx.req.raw.on('close', stop);
      res.on('error', stop);
      const off = await ctx.services.activity.subscribe(ctx.product.productId, (events) => {
        const last = events.at(-1)!;
        res.write(`id: ${last.id}\nevent: activity\ndata: ${JSON.stringify(events.map(presentEvent))}\n\n`);
      });
      if (closed) off();
      else unsubscribe = off;
      res.write('event: ready\ndata: {}\n\n');
    },
  }),
];
