/** What the forecasts read: server/db/repositories/forecasts.repository.ts implements it. */
export interface ForecastItemRecord {
  id: string;
  key: string;
  title: string;
  type: string;
  size: number | null;
  status: string;
}

export interface ForecastsRepo {
  /** Each item's first acceptance (UTC day), from the event log, oldest first. */
  acceptances(productId: string): Promise<Array<{ itemId: string; on: string; key: string; title: string }>>;
  /** Closed sprints, oldest first (the back-test's replay points), with the items committed at start. */
  closedSprints(
    productId: string,
  ): Promise<
    Array<{ sprintId: string; name: string; startDate: string; endDate: string; committedItems: number }>
  >;
  /** The first sprint's start date, or null. */
  firstSprintStart(productId: string): Promise<string | null>;
  /** Items not accepted yet (throughput counts acceptances: done items still await the PO), in rank order. */
  openItems(productId: string): Promise<ForecastItemRecord[]>;
  /** These items of the product (deleted ones are not found). */
  itemsByIds(productId: string, ids: readonly string[]): Promise<ForecastItemRecord[]>;
  /** The next unshipped release with a target date on or after `today`. */
  nextRelease(
    productId: string,
    today: string,
  ): Promise<{ id: string; name: string; targetDate: string } | null>;
}
