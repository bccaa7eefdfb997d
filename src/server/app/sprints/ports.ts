import type { Capacity } from '#domain/sprints/capacity.ts';
import type { ReadinessFacts } from '#domain/sprints/readiness.ts';
import type { SprintState } from '#domain/sprints/sprint-rules.ts';

/** Sprint storage: server/db/repositories/sprints*.repository.ts implements these. */
export interface SprintRecord {
  id: string;
  productId: string;
  name: string;
  goal: string;
  startDate: string;
  endDate: string;
  capacity: Capacity | null;
  state: SprintState;
  version: number;
  committedPoints: number | null;
  completedPoints: number | null;
  startedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
}

export type SprintFields = Pick<SprintRecord, 'name' | 'goal' | 'startDate' | 'endDate' | 'capacity'>;

export interface SprintItemRecord extends ReadinessFacts {
  itemId: string;
  key: string;
  title: string;
  assigneeId: string | null;
  addedAt: Date;
  doneAt: Date | null;
  dodChecked: string[];
  review: 'accepted' | 'rejected' | null;
  reviewComment: string | null;
  reopened: number;
  outcome: 'completed' | 'backlog' | 'next_sprint' | null;
  carriedTo: string | null;
  pointsAtClose: number | null;
}

export type ScopeChangeKind = 'added' | 'removed' | 'resized' | 'carried_in';
export interface ScopeChangeRecord {
  itemId: string;
  change: ScopeChangeKind;
  pointsBefore: number | null;
  pointsAfter: number | null;
  reason: string;
  actorId: string | null;
  actorName: string | null;
  at: Date;
}

export interface SnapshotItem {
  itemId: string;
  key: string;
  title: string;
  size: number | null;
  status: string;
}
export interface SnapshotRecord {
  committedPoints: number;
  items: SnapshotItem[];
  forecastPoints: number | null;
  overForecast: boolean;
  confirmedBy: string | null;
  takenAt: Date;
}

export interface VelocityRecord {
  sprintId: string;
  name: string;
  endDate: string;
  committedPoints: number;
  completedPoints: number;
  capacity: Capacity | null;
}

export interface SprintsRepo {
  productOf(sprintId: string): Promise<string | null>;
  list(productId: string): Promise<SprintRecord[]>;
  /** `lock` takes a row lock, serialising changes to one sprint inside a transaction. */
  get(sprintId: string, lock?: boolean): Promise<SprintRecord | null>;
  insert(productId: string, f: SprintFields): Promise<SprintRecord>;
  update(sprintId: string, version: number, patch: Partial<SprintFields>): Promise<SprintRecord | null>;
  markStarted(sprintId: string, actorId: string, committedPoints: number): Promise<SprintRecord>;
  markClosed(sprintId: string, actorId: string, completedPoints: number): Promise<SprintRecord>;
  /** The last `limit` closed sprints of the product (closed at or before `closedUpTo`), oldest first. */
  closedHistory(productId: string, limit: number, closedUpTo?: Date | null): Promise<VelocityRecord[]>;

  items(sprintId: string): Promise<SprintItemRecord[]>;
  item(sprintId: string, itemId: string): Promise<SprintItemRecord | null>;
  openSprintOf(itemId: string): Promise<string | null>;
  addItem(sprintId: string, productId: string, itemId: string, actorId: string): Promise<void>;
  removeItem(sprintId: string, itemId: string): Promise<void>;
  markDone(sprintId: string, itemId: string, actorId: string, checked: string[]): Promise<void>;
  review(
    sprintId: string,
    itemId: string,
    r: { review: 'accepted' | 'rejected'; comment: string; actorId: string },
  ): Promise<void>;
  setOutcome(
    sprintId: string,
    itemId: string,
    o: { outcome: 'completed' | 'backlog' | 'next_sprint'; carriedTo: string | null; points: number | null },
  ): Promise<void>;

  addScopeChange(sprintId: string, c: Omit<ScopeChangeRecord, 'actorName' | 'at'>): Promise<void>;
  scopeChanges(sprintId: string): Promise<ScopeChangeRecord[]>;
  insertSnapshot(sprintId: string, s: Omit<SnapshotRecord, 'takenAt'>, actorId: string): Promise<void>;
  snapshot(sprintId: string): Promise<SnapshotRecord | null>;
  /**
   * Elapsed days from entering the sprint (or its start) to done, per completed item of this sprint
   * and of the last `limit` sprints closed up to `closedUpTo`.
   */
  estimateSamples(
    sprintId: string,
    productId: string,
    limit: number,
    closedUpTo?: Date | null,
  ): Promise<Array<{ size: number; actualDays: number }>>;
  /**
   * Demo data only: moves a closed sprint's clock into the past (start, close, each done, each
   * scope change) so its burn-up and estimate spread look like a real fortnight.
   */
  backdate(sprintId: string, startedAt: Date, closedAt: Date): Promise<void>;
}

/** The product's Definition of Done (what the team ticks to call an item done). */
export interface DefinitionsOfDoneRepo {
  get(productId: string): Promise<{ checklist: string[]; version: number } | null>;
  save(productId: string, checklist: string[]): Promise<{ checklist: string[]; version: number }>;
}
