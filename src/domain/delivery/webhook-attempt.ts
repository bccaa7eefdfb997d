import { type Backoff, DELIVERY_BACKOFF, retryDelayMs } from './backoff.ts';

/**
 * What one attempt to deliver a webhook means for the delivery (Standard Webhooks' advice, and
 * issue 12): a 2xx is delivered; 408, 429, 5xx, a timeout or a network error are transient and
 * retried with exponential back-off and full jitter (a Retry-After the receiver sent wins, up to
 * the back-off's cap); any other answer (4xx, a redirect, which is not followed) is permanent.
 */
export type AttemptResult =
  | { kind: 'response'; status: number; retryAfter: string | null }
  | { kind: 'error'; message: string }
  /** The target was refused before anything was sent (an address inside the host's network). */
  | { kind: 'refused'; message: string };

export type Verdict =
  | { status: 'sent' }
  | { status: 'retry'; delayMs: number; reason: string }
  | { status: 'failed'; reason: string };

/** Attempts per delivery: about three hours of retries with the default back-off. */
export const WEBHOOK_MAX_ATTEMPTS = 12;
/** An endpoint failing for this long (every attempt since) is disabled and its owner told. */
export const WEBHOOK_DISABLE_AFTER_MS = 24 * 3600_000;

const TRANSIENT = new Set([408, 429]);

export function judgeAttempt(
  result: AttemptResult,
  ctx: { attempts: number; random: number; now: Date; maxAttempts?: number; backoff?: Backoff },
): Verdict {
  const backoff = ctx.backoff ?? DELIVERY_BACKOFF;
  const max = ctx.maxAttempts ?? WEBHOOK_MAX_ATTEMPTS;
  let reason: string;
  let floorMs = 0;
  if (result.kind === 'refused') return { status: 'failed', reason: result.message };
  if (result.kind === 'error') reason = result.message;
  else if (result.status >= 200 && result.status < 300) return { status: 'sent' };
  else if (result.status >= 500 || TRANSIENT.has(result.status)) {
    reason = `HTTP ${result.status}`;
    floorMs = retryAfterMs(result.retryAfter, ctx.now) ?? 0;
  } else if (result.status >= 300 && result.status < 400) {
    return { status: 'failed', reason: `HTTP ${result.status}: redirects are not followed` };
  } else return { status: 'failed', reason: `HTTP ${result.status}` };
  if (ctx.attempts >= max) return { status: 'failed', reason: `${reason} (gave up after ${max} attempts)` };
  const delayMs = Math.min(backoff.maxMs, Math.max(floorMs, retryDelayMs(ctx.attempts, ctx.random, backoff)));
  return { status: 'retry', delayMs, reason };
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
