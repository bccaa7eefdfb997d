import type { ItemStatus, ItemType } from '#domain/backlog/item-rules.ts';
import type { DebtCost } from '#domain/insight/debt.ts';

/** Repository ports of release scope and the debt ledger (issue 11); server/db implements them. */
export interface ScopeCandidateRecord {
  id: string;
  key: string;
  title: string;
  type: ItemType;
  status: ItemStatus;
  size: number | null;
  costOfDelay: number;
  votes: number;
  releaseCritical: boolean;
  releaseId: string | null;
}

export interface ScopeRepo {
  /** The release's vote candidates, in their order (ids). */
  releaseCandidates(releaseId: string): Promise<string[]>;
  /** Open items of the product (not deleted, not done), in backlog order (ids). */
  openItems(productId: string): Promise<string[]>;
  /** These items of the product with their vote points in the release (others are missing). */
  candidates(productId: string, releaseId: string, ids: readonly string[]): Promise<ScopeCandidateRecord[]>;
  /** `blocks` links into these items: from (the blocker) → to. */
  blockersOf(ids: readonly string[]): Promise<Array<{ fromItemId: string; toItemId: string }>>;
  /** Completed points and length in days of the product's latest closed sprints, oldest first. */
  closedSprints(productId: string, limit: number): Promise<Array<{ completedPoints: number; days: number }>>;
}

export interface DebtRecord {
  itemId: string;
  key: string;
  title: string;
  status: ItemStatus;
  createdAt: Date;
  cost: DebtCost | null;
  /** The workaround it repays and its due day (issue 13); null for other debt. */
  repays: { workaroundKey: string; dueDate: string | null } | null;
}

export interface DebtRepo {
  /** The product's open debt items with their cost. */
  openDebt(productId: string): Promise<DebtRecord[]>;
  cost(itemId: string): Promise<DebtCost | null>;
  /** Writes the cost at `version` and bumps it; null when the version is stale. */
  setCost(itemId: string, version: number, cost: DebtCost | null): Promise<number | null>;
}
