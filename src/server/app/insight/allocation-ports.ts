import type { AllocationCategory, AllocSegment, CategoryRanges } from '#domain/insight/allocation.ts';
import type { BudgetUnit } from '#domain/insight/budget.ts';

/** Insight's allocation and budget reads and writes: db/repositories/insight-allocation.repository.ts. */
export interface AllocationSprintRecord {
  id: string;
  name: string;
  state: 'planned' | 'active' | 'closed';
  startDate: string;
  endDate: string;
  justification: string | null;
  justifiedBy: string | null;
}
export interface AllocationItemRecord {
  id: string;
  key: string;
  title: string;
  category: AllocationCategory;
  segmentIds: string[];
  /** The PO's weights (percent) per segment; null: an even split. */
  segmentWeights: Record<string, number> | null;
  /** Business value + time criticality + risk reduction (missing parts count 0). */
  costOfDelay: number;
}
export interface SharingRecord {
  allocation: boolean;
  version: number;
  updatedAt: Date;
}
export interface WorkRecord {
  sprintId: string;
  itemId: string;
  points: number;
}
export interface BudgetRecord {
  total: number;
  unit: BudgetUnit;
  costPerSprint: number | null;
  version: number;
}
export interface JustificationRecord {
  sprintId: string;
  text: string;
  writtenBy: string | null;
  writtenAt: Date;
}

export interface AllocationRepo {
  targets(
    productId: string,
    lock?: 'update',
  ): Promise<{ categories: CategoryRanges; version: number; updatedAt: Date } | null>;
  saveTargets(
    productId: string,
    categories: CategoryRanges,
    userId: string,
  ): Promise<{ version: number; updatedAt: Date }>;
  segments(productId: string): Promise<AllocSegment[]>;
  /** The last `limit` started sprints (active or closed), oldest first, with their justification. */
  sprints(productId: string, limit: number): Promise<AllocationSprintRecord[]>;
  /** Items accepted in each sprint, with points at close (else size). */
  completed(sprintIds: string[]): Promise<WorkRecord[]>;
  /** Committed at start (the snapshot), else the sprint's items now. */
  committed(sprintIds: string[]): Promise<WorkRecord[]>;
  /** The open backlog's estimated items outside sprints (sprintId ''). */
  backlog(productId: string): Promise<WorkRecord[]>;
  items(productId: string): Promise<AllocationItemRecord[]>;
  setJustification(
    sprintId: string,
    productId: string,
    text: string,
    userId: string,
  ): Promise<{ before: string | null; after: JustificationRecord }>;
  /** The PO's stored weight per segment of an item (segments without one are absent). */
  segmentWeights(itemId: string): Promise<Record<string, number>>;
  /** Sets (null: clears) an item's weights at `version` (a version step); the new version, or null when stale. */
  setSegmentWeights(
    itemId: string,
    version: number,
    weights: Record<string, number> | null,
  ): Promise<number | null>;
  /** Whether the PO shares the allocation with stakeholders; null before the PO decided. */
  sharing(productId: string, lock?: 'update'): Promise<SharingRecord | null>;
  saveSharing(productId: string, allocation: boolean, userId: string): Promise<SharingRecord>;
  budget(productId: string, lock?: 'update'): Promise<BudgetRecord | null>;
  saveBudget(productId: string, b: Omit<BudgetRecord, 'version'>, userId: string): Promise<BudgetRecord>;
  /** Customer review answers per item of the product. */
  reviewTallies(
    productId: string,
  ): Promise<
    Array<{ itemId: string; happy: number; neutral: number; sad: number; ratingSum: number; ratings: number }>
  >;
}
