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
/** Every address a name resolves to now (the system resolver; tests pass one that rebinds). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;
const systemResolve: Resolve = (hostname) => dns.promises.lookup(hostname, { all: true });

export function httpTransport(policy: TargetPolicy, resolve: Resolve = systemResolve): WebhookTransport {
  const refusalOf = (addresses: LookupAddress[]) =>
    policy.allowPrivate ? null : addresses.map((a) => addressRefusal(a.address)).find(Boolean);
  const guardedLookup: LookupFunction = (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refused = refusalOf(addresses);
        if (refused) return callback(new RefusedTarget(`${hostname} resolves to ${refused}`), '', 0);
        const wanted = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
        const first = wanted[0];
        if (!first)
          return callback(
            Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }),
            '',
            0,
          );
        if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, wanted);
        callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };

  return {
    async checkUrl(raw) {
      if (policy.allowPrivate) return null;
      const host = hostOf(new URL(raw));
      const addresses = await resolve(host).catch(() => null);
      // A name that does not resolve yet is accepted: it is judged again at every send.
      const refused = addresses ? refusalOf(addresses) : null;
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
