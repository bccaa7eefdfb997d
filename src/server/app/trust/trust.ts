import type { ChangeFeed } from '#app/change-feed.ts';
import { type JsonText, jsonText } from '#app/json-text.ts';
import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import { TopicCache } from '#app/topic-cache.ts';
import { invalid } from '#domain/errors.ts';
import { limitEvidence, previousWindow, type TrustReport, trustReport } from '#domain/insight/trust.ts';

const DAY = 86_400_000;
/** The window when none is asked for: the twelve weeks up to the end of today (UTC). */
export const DEFAULT_TRUST_DAYS = 84;
/** Longest window served (the previous window doubles what is read). */
export const MAX_TRUST_DAYS = 731;

/** The window [from, to) from YYYY-MM-DD dates; `to` is exclusive (the day after the last one). */
export function trustWindow(now: Date, from?: string, to?: string): { from: Date; to: Date } {
  const end = to
    ? new Date(`${to}T00:00:00Z`)
    : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  const start = from ? new Date(`${from}T00:00:00Z`) : new Date(end.getTime() - DEFAULT_TRUST_DAYS * DAY);
  if (start.getTime() >= end.getTime()) throw invalid({ from: 'Must be before to' });
  if (end.getTime() - start.getTime() > MAX_TRUST_DAYS * DAY)
    throw invalid({ from: `The window can span at most ${MAX_TRUST_DAYS} days` });
  return { from: start, to: end };
}

export function trustUseCases(store: Store, now: () => Date, changes?: ChangeFeed) {
  // The radar is read far more often than the product changes; a change drops it (change feed).
  // Kept: the whole report per window, and the answer's JSON text per (window, signal), so a hit
  // neither trims the evidence nor serializes.
  const reports = changes
    ? new TopicCache<TrustReport>(changes, { maxAgeMs: 60_000, maxEntries: 200 })
    : null;
  const texts = changes ? new TopicCache<JsonText>(changes, { maxAgeMs: 60_000, maxEntries: 500 }) : null;
  async function build(productId: string, window: { from: Date; to: Date }): Promise<TrustReport> {
    const facts = await store.read.trust.facts(productId, previousWindow(window).from, window.to);
    return trustReport(facts, window, now());
  }
  const windowKey = (w: { from: Date; to: Date }) => `${w.from.toISOString()}:${w.to.toISOString()}`;
  /** The radar; each signal lists its most recent evidence, all of it for `signal`. */
  async function report(ctx: ProductContext, q: TrustAsk): Promise<TrustReport> {
    const window = trustWindow(now(), q.from, q.to);
    const load = () => build(ctx.productId, window);
    const full = reports ? await reports.get(ctx.productId, windowKey(window), load) : await load();
    return limitEvidence(full, undefined, q.signal ?? null);
  }
  return {
    report,
    /** The radar as the API sends it, cached per product and query until the product changes. */
    async radar(ctx: ProductContext, q: TrustAsk): Promise<JsonText> {
      const key = `${windowKey(trustWindow(now(), q.from, q.to))}:${q.signal ?? ''}`;
      const load = async () => jsonText(await report(ctx, q));
      return texts ? texts.get(ctx.productId, key, load) : load();
    },
  };
}
type TrustAsk = { from?: string | undefined; to?: string | undefined; signal?: string | undefined };
export type TrustUseCases = ReturnType<typeof trustUseCases>;
