import type { PokerSnapshot } from '#app/poker/snapshot.ts';
import { PokerParams } from '#contracts/poker.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';
import { openSse } from '#http/sse.ts';
import { presentPokerSession } from './poker.presenters.ts';
import { onPokerSession } from './poker.routes.ts';

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
    access: allow.product(ROLES.readers, { of: onPokerSession }),
    params: PokerParams,
    raw: true,
    async handler(ctx) {
      // Checks the session belongs to the caller's product before opening the stream.
      await ctx.services.poker.get(ctx.product, ctx.params.sessionId);
      const sse = openSse(ctx.reply, { retryMs: 2000 });
      let seq = 0;
      const send = (snapshot: PokerSnapshot) => {
        seq += 1;
        sse.send('state', presentPokerSession(snapshot), seq);
      };
      sse.onClose(ctx.services.poker.subscribe(ctx.params.sessionId, send));
    },
  }),
];
