import type { FastifyReply } from 'fastify';

export interface SseOptions {
  /** How long the browser waits before reconnecting after a drop (`retry:`). */
  retryMs: number;
  /** A comment line this often keeps proxies from closing a quiet stream. */
  heartbeatMs?: number;
  /**
   * A client this far behind (bytes waiting to be sent) is cut off rather than buffered without
   * bound; it reconnects and catches up (Last-Event-ID, or the current state first).
   */
  maxBufferedBytes?: number;
}

export interface SseStream {
  /** The id of the last event the client saw, sent by the browser when it reconnects. */
  readonly lastEventId: string | null;
  readonly closed: boolean;
  /** Sends one event with `data` as JSON; ignored once closed. */
  send(event: string, data: unknown, id?: string | number): void;
  /** Runs `fn` once when the stream ends, whoever ends it (now if it already has). */
  onClose(fn: () => void): void;
  close(): void;
}

const HEARTBEAT_MS = 20_000;
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * Turns a reply into a Server-Sent Events stream: headers that stop proxies buffering, the retry
 * hint, a heartbeat, and one close path for a client that goes away, a write that fails, a client
 * too slow to keep up, and server shutdown (the server force-closes connections, which ends the
 * response like a client abort).
 */
export function openSse(reply: FastifyReply, options: SseOptions): SseStream {
  const req = reply.request.raw;
  const res = reply.raw;
  reply.hijack();
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const maxBuffered = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  const closers: Array<() => void> = [];
  let closed = false;

  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const fn of closers.splice(0)) {
      try {
        fn();
      } catch {
        // Every closer runs, whatever another one does.
      }
    }
    if (!res.destroyed) res.end();
  };
  const write = (chunk: string) => {
    if (closed) return;
    res.write(chunk);
    if (res.writableLength > maxBuffered) {
      res.destroy();
      finish();
    }
  };

  const heartbeat = setInterval(() => {
    // Data still waiting to go out keeps the connection busy enough.
    if (!res.writableNeedDrain) write(': keep-alive\n\n');
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  res.on('close', finish);
  res.on('error', finish);
  write(`retry: ${options.retryMs}\n\n`);

  const header = req.headers['last-event-id'];
  const lastEventId = (Array.isArray(header) ? header[0] : header)?.trim() || null;

  return {
    lastEventId,
    get closed() {
      return closed;
    },
    send(event, data, id) {
      // Newlines inside an id or event name would start a new field: never let them through.
      const idLine = id === undefined ? '' : `id: ${String(id).replace(/[\r\n]/g, '')}\n`;
      write(`${idLine}event: ${event.replace(/[\r\n]/g, '')}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    onClose(fn) {
      if (closed) fn();
      else closers.push(fn);
    },
    close: finish,
  };
}
