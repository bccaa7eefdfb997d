import type { PokerSession } from '#contracts/poker.ts';
import { PokerParams } from '#contracts/poker.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';
import { onPokerSession } from './poker.routes.ts';

const HEARTBEAT_MS = 20_000;

/**
 * The live session as Server-Sent Events: the current state first (a late joiner or a reload sees
 * where the session is), then the whole public state after every change. It carries the same view
 * as GET /poker/:id, so votes stay hidden until reveal here too.
 */
export const pokerStreamRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/poker/:sessionId/stream',
    tag: 'poker',
    summary: 'Live session state (text/event-stream; event `state` carries the session)',
    access: allow.product(ROLES.anyMember, { of: onPokerSession }),
    params: PokerParams,
    raw: true,
    async handler(ctx) {
      // Checks the session belongs to the caller's product before opening the stream.
      await ctx.services.poker.get(ctx.product, ctx.params.sessionId);
      const res = ctx.reply.raw;
      ctx.reply.hijack();
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 2000\n\n');
      let seq = 0;
      const send = (view: PokerSession) => {
        seq += 1;
        res.write(`id: ${seq}\nevent: state\ndata: ${JSON.stringify(view)}\n\n`);
      };
      const unsubscribe = ctx.services.poker.subscribe(ctx.params.sessionId, send);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      ctx.req.raw.on('close', stop);
      res.on('error', stop);
    },
  }),
];
