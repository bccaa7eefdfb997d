import type { ChangeFeed } from '#app/change-feed.ts';
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
  async function build(productId: string, window: { from: Date; to: Date }): Promise<TrustReport> {
    const facts = await store.read.trust.facts(productId, previousWindow(window).from, window.to);
    return trustReport(facts, window, now());
  }
  // The radar is read far more often than the product changes; a change drops it (change feed).
  const cache = changes ? new TopicCache<TrustReport>(changes, { maxAgeMs: 60_000, maxEntries: 500 }) : null;
  return {
    /** The radar; each signal lists its most recent evidence, all of it for `signal`. */
    async radar(
      ctx: ProductContext,
      q: { from?: string | undefined; to?: string | undefined; signal?: string | undefined },
    ) {
      const window = trustWindow(now(), q.from, q.to);
      const key = `trust:${window.from.toISOString()}:${window.to.toISOString()}`;
      const report = cache
        ? await cache.get(ctx.productId, key, () => build(ctx.productId, window))
        : await build(ctx.productId, window);
      return limitEvidence(report, undefined, q.signal ?? null);
    },
  };
}
export type TrustUseCases = ReturnType<typeof trustUseCases>;
