import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { openSse, type SseOptions, type SseStream } from './sse.ts';

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** A server with one SSE route; resolves each opened stream (and counts its closes). */
async function serve(options: Partial<SseOptions> = {}) {
  // As in http/server.ts: shutdown force-closes the connections live streams hold.
  const server = Fastify({ forceCloseConnections: true });
  app = server;
  const opened: Array<{ sse: SseStream; closes: number }> = [];
  let notify: (() => void) | null = null;
  server.get('/stream', async (_req, reply) => {
    const entry = { sse: openSse(reply, { retryMs: 1500, heartbeatMs: 30, ...options }), closes: 0 };
    entry.sse.onClose(() => {
      entry.closes += 1;
    });
    opened.push(entry);
    notify?.();
  });
  const base = await server.listen({ port: 0, host: '127.0.0.1' });
  const open = async (headers: Record<string, string> = {}) => {
    const seen = new Promise<void>((r) => {
      notify = r;
    });
    const res = await fetch(`${base}/stream`, { headers });
    await seen;
    return { res, entry: opened.at(-1)!, reader: res.body!.getReader() };
  };
  return { open };
}

/** Reads text from the stream until `until` matches it (or the time runs out). */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, until: RegExp, ms = 3000) {
  let text = '';
  const deadline = Date.now() + ms;
  while (!until.test(text) && Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
    ]);
    if (!chunk || chunk.done) break;
    text += new TextDecoder().decode(chunk.value);
  }
  return text;
}

async function eventually(check: () => boolean, ms = 3000) {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return check();
}

describe('SSE helper', () => {
  it('sends the stream headers, the retry hint, events and a heartbeat', async () => {
    const { open } = await serve();
    const { res, entry, reader } = await open();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    entry.sse.send('state', { a: 1, text: 'two\nlines' }, 7);
    const text = await readUntil(reader, /: keep-alive\n\n[\s\S]*: keep-alive\n\n/);
    expect(text.startsWith('retry: 1500\n\n')).toBe(true);
    expect(text).toContain('id: 7\nevent: state\ndata: {"a":1,"text":"two\\nlines"}\n\n');
    expect(text.match(/: keep-alive\n\n/g)?.length).toBeGreaterThanOrEqual(2);
    expect(entry.sse.lastEventId).toBeNull();
    await reader.cancel();
  });

  it('reads the Last-Event-ID a reconnecting browser sends', async () => {
    const { open } = await serve();
    const { entry, reader } = await open({ 'last-event-id': '42' });
    expect(entry.sse.lastEventId).toBe('42');
    await reader.cancel();
  });

  it('closes once when the client goes away, and stops writing', async () => {
    const { open } = await serve();
    const { entry, reader } = await open();
    await readUntil(reader, /retry/);
    await reader.cancel();
    expect(await eventually(() => entry.sse.closed)).toBe(true);
    entry.sse.send('state', {});
    entry.sse.close();
    expect(entry.closes).toBe(1);
    // A closer added after the end runs at once.
    let late = false;
    entry.sse.onClose(() => {
      late = true;
    });
    expect(late).toBe(true);
  });

  it('ends the response when the server closes it', async () => {
    const { open } = await serve();
    const { entry, reader } = await open();
    await readUntil(reader, /retry/);
    entry.sse.close();
    const rest = await readUntil(reader, /$^/, 1000);
    expect(rest).toBe('');
    expect(entry.closes).toBe(1);
    expect((await reader.read()).done).toBe(true);
  });

  it('closes every stream at server shutdown', async () => {
    const { open } = await serve();
    const one = await open();
    const two = await open();
    await app!.close();
    app = null;
    expect(await eventually(() => one.entry.closes === 1 && two.entry.closes === 1)).toBe(true);
    await expect(one.reader.read()).rejects.toThrow();
  });

  it('cuts off a client that stops reading rather than buffering without bound', async () => {
    const { open } = await serve({ maxBufferedBytes: 64 * 1024, heartbeatMs: 60_000 });
    const { entry, reader } = await open();
    const big = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 64 && !entry.sse.closed; i += 1) entry.sse.send('state', big);
    expect(await eventually(() => entry.sse.closed)).toBe(true);
    expect(entry.closes).toBe(1);
    await reader.cancel().catch(() => undefined);
  });
});
