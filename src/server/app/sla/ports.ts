import type { ItemStatus, ItemType } from '#domain/backlog/item-rules.ts';
import type { Severity, SlaPolicy } from '#domain/sla/policy.ts';

/** The graphile-worker task of SLA warning timers (jobs/sla-warnings.job.ts); its job key is `sla:<item>`. */
export const SLA_TIMER_TASK = 'sla-timer';

/** SLA repository ports (issue 13); server/db implements them. */
export interface SlaPolicyRecord {
  productId: string;
  policy: SlaPolicy;
  version: number;
  updatedAt: Date;
}

/** A status event of an item, as the event log has it (fields it did not change are absent). */
export interface RawStatusPoint {
  at: string;
  status: ItemStatus | null;
  waiting: boolean | null;
  beforeStatus: ItemStatus | null;
  created: boolean;
}

/** An item with its status history from the event log, oldest first. */
export interface ItemHistoryRecord {
  itemId: string;
  key: string;
  title: string;
  type: ItemType;
  severity: Severity | null;
  status: ItemStatus;
  waiting: boolean;
  createdAt: Date;
  points: RawStatusPoint[];
}

export interface SlaRepo {
  policy(productId: string): Promise<SlaPolicyRecord | null>;
  /** Saves at `version` (0 = the first policy); null when someone saved first. */
  savePolicy(productId: string, policy: SlaPolicy, version: number): Promise<SlaPolicyRecord | null>;
  /** The product's defects (`itemIds` null), or these items of it whatever their type. */
  histories(productId: string, itemIds: readonly string[] | null): Promise<ItemHistoryRecord[]>;
  /** The (only) warning timer of an item: a graphile-worker job at `runAt`, keyed per item, replaced. */
  schedule(
    timers: ReadonlyArray<{ itemId: string; productId: string; runAt: Date; eventId: number }>,
  ): Promise<void>;
  unschedule(itemIds: readonly string[]): Promise<void>;
  /** Who hears SLA warnings: the product's team and Product Owner. */
  recipients(productId: string): Promise<string[]>;
}
