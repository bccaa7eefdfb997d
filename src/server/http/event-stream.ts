import type { FastifyReply, FastifyRequest } from 'fastify';

const HEARTBEAT_MS = 20_000;

export interface EventStream {
  /** Writes one Server-Sent Event: `event`, its JSON `data`, and an `id` when given. */
  send(event: string, data: unknown, id?: number | string): void;
  /** Runs `fn` when the client goes (at once if it already has). */
  onClose(fn: () => void): void;
}

/**
 * Takes the response over for Server-Sent Events: the headers (no proxy buffering), the client's
 * reconnect delay, a comment every 20 s so idle connections stay open, and clean-up when the client
 * goes. Live routes (product activity, poker sessions) only say what to send.
 */
export function openEventStream(
  ctx: { req: FastifyRequest; reply: FastifyReply },
  retryMs: number,
): EventStream {
  const res = ctx.reply.raw;
  ctx.reply.hijack();
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(`retry: ${retryMs}\n\n`);
  let closed = false;
  const closers: Array<() => void> = [];
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const stop = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const fn of closers) fn();
  };
  ctx.req.raw.on('close', stop);
  res.on('error', stop);
  return {
    send(event, data, id) {
      res.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    onClose(fn) {
      if (closed) fn();
      else closers.push(fn);
    },
  };
}
