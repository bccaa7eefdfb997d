/**
 * When to try a failed delivery again: exponential back-off with full jitter (the delay is drawn
 * uniformly between zero and the exponential cap), so many deliveries that failed together do
 * not all retry at the same moment. Pure: the caller passes the random draw in [0, 1).
 */
export interface Backoff {
  /** Delay cap of the first retry, in milliseconds. */
  baseMs: number;
  /** No delay is longer than this. */
  maxMs: number;
}

/** Mail and webhooks: 10 s, 20 s, 40 s … capped at one hour. */
export const DELIVERY_BACKOFF: Backoff = { baseMs: 10_000, maxMs: 3_600_000 };

/** The delay before attempt `attempt + 1`, after `attempt` (≥ 1) failed attempts. */
export function retryDelayMs(attempt: number, random: number, backoff: Backoff = DELIVERY_BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const cap = Math.min(backoff.maxMs, backoff.baseMs * 2 ** exponent);
  const draw = Math.min(Math.max(random, 0), 1 - Number.EPSILON);
  return Math.floor(draw * cap);
}
