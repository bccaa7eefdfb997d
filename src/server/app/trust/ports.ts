import type { TrustFacts } from '#domain/insight/trust.ts';

/** Reads the facts the trust radar needs for a product, in a handful of queries (never per item). */
export interface TrustRepo {
  /**
   * Everything that can bear on the windows between `from` and `to` (the caller passes the start
   * of the previous window): sprints running or closed in it, their items, the logged scope
   * changes, refused sizes and review closes, comments, customer answers, links and defects.
   */
  facts(productId: string, from: Date, to: Date): Promise<TrustFacts>;
}
