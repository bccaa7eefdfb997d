import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request a test receiver got, with what standardwebhooks said of its signature. */
export interface Received {
  path: string;
  id: string;
  timestamp: string;
  body: string;
  /** The payload as standardwebhooks verified it, or null when verification failed. */
  verified: unknown;
  error: string | null;
  at: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

/**
 * A real HTTP receiver for webhook tests (node:http on 127.0.0.1): every request is verified with
 * the `standardwebhooks` package against the secret registered for its path, as a receiver would,
 * and answered by `answer` (200 unless told otherwise).
 */
export async function startReceiver() {
  const secrets = new Map<string, string>();
  const received: Received[] = [];
  let answer: (r: Received) => Answer = () => ({ status: 200 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const headers = {
        'webhook-id': String(req.headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
      };
      let verified: unknown = null;
      let error: string | null = null;
      try {
        const secret = secrets.get(path);
        if (!secret) throw new Error(`no secret registered for ${path}`);
        verified = new Webhook(secret).verify(body, headers);
      } catch (err) {
        error = (err as Error).message;
      }
      const r: Received = {
        path,
        id: headers['webhook-id'],
        timestamp: headers['webhook-timestamp'],
        body,
        verified,
        error,
        at: performance.now(),
      };
      received.push(r);
      const a = answer(r);
      setTimeout(() => {
        res.writeHead(a.status, a.headers ?? {});
        res.end('ok');
      }, a.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    /** Tells the receiver the secret of the endpoint at `path`. */
    trust(path: string, secret: string) {
      secrets.set(path, secret);
    },
    answerWith(fn: (r: Received) => Answer) {
      answer = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
