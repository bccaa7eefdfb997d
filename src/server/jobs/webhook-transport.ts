import dns, { type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookTransport } from '#app/webhooks/ports.ts';
import {
  addressRefusal,
  hostOf,
  type TargetPolicy,
  webhookUrlProblem,
} from '#domain/delivery/webhook-target.ts';

/** A name resolved to an address inside the host's network: refused, nothing is sent. */
class RefusedTarget extends Error {}

/**
 * Webhooks over node:http(s). Names are resolved by the connection's own `lookup`, which refuses
 * an answer with any non-public address, so the address checked is the address connected to: a
 * name that resolved to a public address when the endpoint was saved and to 127.0.0.1 now (DNS
 * rebinding) is refused at send time. Addresses written in the URL never reach `lookup` and are
 * judged before the request. Redirects are not followed. The answer's body is read and dropped.
 */
export function httpTransport(policy: TargetPolicy): WebhookTransport {
  const guardedLookup: LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refused = policy.allowPrivate
        ? null
        : addresses.map((a) => addressRefusal(a.address)).find(Boolean);
      if (refused) return callback(new RefusedTarget(`${hostname} resolves to ${refused}`), '', 0);
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };

  return {
    async checkUrl(raw) {
      if (policy.allowPrivate) return null;
      const host = hostOf(new URL(raw));
      const addresses = await dns.promises.lookup(host, { all: true }).catch(() => null);
      // A name that does not resolve yet is accepted: it is judged again at every send.
      const refused = addresses?.map((a) => addressRefusal(a.address)).find(Boolean);
      return refused ? `${host} resolves to ${refused}; webhooks go to public addresses only` : null;
    },

    post(req) {
      const problem = webhookUrlProblem(req.url, policy);
      if (problem) return Promise.resolve({ kind: 'refused', message: problem, latencyMs: null });
      const url = new URL(req.url);
      const client = url.protocol === 'https:' ? https : http;
      const started = performance.now();
      return new Promise((resolve) => {
        const request = client.request(
          url,
          {
            method: 'POST',
            headers: { ...req.headers, 'content-length': Buffer.byteLength(req.body) },
            lookup: guardedLookup,
            signal: AbortSignal.timeout(req.timeoutMs),
          },
          (res) => {
            const latencyMs = Math.round(performance.now() - started);
            res.resume();
            const retryAfter = res.headers['retry-after'];
            resolve({
              kind: 'response',
              status: res.statusCode ?? 0,
              retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
              latencyMs,
            });
          },
        );
        request.on('error', (err: Error & { code?: string }) => {
          const latencyMs = Math.round(performance.now() - started);
          if (err instanceof RefusedTarget)
            return resolve({ kind: 'refused', message: err.message, latencyMs: null });
          const timedOut = err.name === 'AbortError' || err.name === 'TimeoutError';
          const message = timedOut
            ? `No answer within ${req.timeoutMs / 1000} s`
            : `${err.code ?? err.name}: ${err.message}`;
          resolve({ kind: 'error', message, latencyMs });
        });
        request.end(req.body);
      });
    },
  };
}
