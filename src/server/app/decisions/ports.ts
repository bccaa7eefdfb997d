import type { DecisionStatus } from '#domain/decisions/decision.ts';
import type { DecisionRule, ItemFact } from '#domain/decisions/rules.ts';
import type { Resolution } from '#domain/decisions/workaround.ts';

/** Decision records and workaround repayments (issue 13): repository ports; server/db implements them. */
export interface Person {
  id: string;
  name: string;
}

export interface DecisionRecord {
  id: string;
  productId: string;
  number: number;
  title: string;
  context: string;
  decision: string;
  consequences: string;
  technical: boolean;
  rules: DecisionRule[];
  status: DecisionStatus;
  proposedBy: Person | null;
  acceptedBy: Person | null;
  acceptedAt: Date | null;
  supersededBy: { id: string; number: number; title: string } | null;
  supersededAt: Date | null;
  createdAt: Date;
  items: Array<{ id: string; key: string; title: string; status: string }>;
  participants: Person[];
}

export interface DecisionSummaryRecord {
  id: string;
  productId: string;
  number: number;
  title: string;
  status: DecisionStatus;
  technical: boolean;
  acceptedAt: Date | null;
  contradictions: number;
  createdAt: Date;
}

export interface ContradictionRecord {
  decisionId: string;
  decisionTitle: string;
  eventId: number;
  actorId: string | null;
  actorName: string | null;
  itemId: string | null;
  at: Date;
  summary: string;
}

/** An accepted decision whose rules govern some of the items or sprints of a change. */
export interface GoverningDecision {
  id: string;
  number: number;
  title: string;
  rules: DecisionRule[];
  acceptedAt: Date;
}

export interface NewDecision {
  productId: string;
  title: string;
  context: string;
  decision: string;
  consequences: string;
  technical: boolean;
  rules: DecisionRule[];
  proposedBy: string;
  itemIds: string[];
  participants: string[];
}

export interface DecisionsRepo {
  /** Inserts with the product's next number (serialised per product); returns id and number. */
  insert(d: NewDecision): Promise<{ id: string; number: number }>;
  get(id: string): Promise<DecisionRecord | null>;
  /** The decision's row locked for the rest of the transaction. */
  lock(id: string): Promise<{
    id: string;
    productId: string;
    status: DecisionStatus;
    technical: boolean;
    number: number;
    title: string;
    rules: DecisionRule[];
  } | null>;
  list(productId: string): Promise<DecisionSummaryRecord[]>;
  productOf(id: string): Promise<string | null>;
  /** proposed → accepted, with the rules' targets written for the contradiction lookup. */
  accept(
    id: string,
    by: string,
    at: Date,
    targets: Array<{ itemId: string | null; sprintId: string | null }>,
  ): Promise<void>;
  /** accepted → superseded; its targets are dropped (a retired decision flags nothing). */
  supersede(id: string, byId: string, at: Date): Promise<void>;
  /** Accepted decisions governing any of these items or sprints (one indexed lookup). */
  governing(
    productId: string,
    itemIds: readonly string[],
    sprintIds: readonly string[],
  ): Promise<GoverningDecision[]>;
  /** Records a flag once per (decision, cause event); false when it was already recorded. */
  addContradiction(c: {
    decisionId: string;
    productId: string;
    causeEventId: number;
    actorId: string | null;
    itemId: string | null;
    summary: string;
    at: Date;
  }): Promise<boolean>;
  contradictions(decisionId: string): Promise<ContradictionRecord[]>;
  participantIds(decisionId: string): Promise<string[]>;
  /** The decisions linked to an item or whose rules name it, and the flags pointing at it. */
  forItem(itemId: string): Promise<{
    decisions: Array<{ id: string; number: number; title: string; status: DecisionStatus }>;
    contradictions: ContradictionRecord[];
  }>;
  /** Facts the checks and the rule words read: items and sprints of the product by id. */
  itemFacts(productId: string, ids: readonly string[]): Promise<Record<string, ItemFact>>;
  sprintNames(
    productId: string,
    ids: readonly string[],
  ): Promise<Record<string, { name: string; endDate: string }>>;
  itemIdByKey(productId: string, key: string): Promise<string | null>;
  /**
   * Each item's status just before event `beforeEventId`, from its logged status changes (the
   * check may run after later changes); items whose status never changed by an event are left out.
   */
  statusesBefore(
    productId: string,
    itemIds: readonly string[],
    beforeEventId: number,
  ): Promise<Record<string, ItemFact['status']>>;
  /** Of these, the ids that are items of the product (not deleted). */
  existingItems(productId: string, ids: readonly string[]): Promise<string[]>;
}

export interface RepaymentRecord {
  itemId: string;
  key: string;
  title: string;
  status: ItemFact['status'];
  workaroundItemId: string;
  workaroundKey: string;
  dueDate: string | null;
  dueSprint: { id: string; name: string; endDate: string } | null;
}

export interface RepaymentsRepo {
  resolve(r: {
    itemId: string;
    productId: string;
    resolution: Resolution;
    by: string;
    at: Date;
  }): Promise<void>;
  resolutionOf(
    itemId: string,
  ): Promise<{ resolution: Resolution; resolvedAt: Date; resolvedBy: Person | null } | null>;
  insert(r: {
    repaymentItemId: string;
    workaroundItemId: string;
    productId: string;
    dueDate: string | null;
    dueSprintId: string | null;
  }): Promise<void>;
  /** The repayments of one workaround item, oldest first. */
  ofWorkaround(itemId: string): Promise<RepaymentRecord[]>;
  /** Every repayment of a product (the debt ledger, the board, the trust radar). */
  ofProduct(productId: string): Promise<RepaymentRecord[]>;
  /**
   * Marks open repayments whose due day (date, or due sprint's end) ended before `day` and that
   * were not marked yet; returns those just marked (each once, ever).
   */
  markOverdue(day: string, limit: number): Promise<Array<RepaymentRecord & { productId: string }>>;
}
