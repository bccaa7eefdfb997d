import type { NewEvent } from '#app/ports.ts';
import type { InvestCheck } from '#domain/backlog/invest.ts';
import type { ItemCategory, ItemStatus, ItemType, LinkKind } from '#domain/backlog/item-rules.ts';
import type { Severity } from '#domain/sla/policy.ts';
import type { Hypothesis, HypothesisStatus } from '#domain/voice/hypothesis.ts';

/** Backlog repository ports; server/db implements them. */
export interface AcceptanceScenario {
  given: string;
  when: string;
  then: string;
}

export interface ItemRecord {
  id: string;
  key: string;
  number: number;
  productId: string;
  type: ItemType;
  title: string;
  problem: string;
  description: string;
  acceptanceCriteria: AcceptanceScenario[];
  segmentIds: string[];
  category: ItemCategory;
  labels: string[];
  assigneeId: string | null;
  status: ItemStatus;
  businessValue: number | null;
  timeCriticality: number | null;
  riskReduction: number | null;
  size: number | null;
  releaseCritical: boolean;
  published: boolean;
  releaseId: string | null;
  /** Issue 13: a defect's severity, the waiting flag, and its maintained SLA columns. */
  severity: Severity | null;
  waiting: boolean;
  sla: ItemSlaRecord | null;
  wsjf: number | null;
  rank: string;
  externalId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The maintained SLA columns of an item (app/sla/refresh.ts writes them); instants as ISO text. */
export interface ItemSlaRecord {
  responseDueAt: string | null;
  resolutionDueAt: string | null;
  paused: boolean;
  /** The earliest instant a clock ran out or will: breached once now passes it. */
  breachAt: string | null;
}

/** What app/sla/refresh.ts writes for one item. */
export interface ItemSlaWrite {
  itemId: string;
  applies: boolean;
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  paused: boolean;
  breachAt: Date | null;
}

/** Columns a create or an update writes (segments are written separately). */
export type ItemWritable = Pick<
  ItemRecord,
  | 'type'
  | 'title'
  | 'problem'
  | 'description'
  | 'acceptanceCriteria'
  | 'category'
  | 'labels'
  | 'assigneeId'
  | 'status'
  | 'businessValue'
  | 'timeCriticality'
  | 'riskReduction'
  | 'size'
  | 'releaseCritical'
  | 'published'
  | 'releaseId'
  | 'severity'
  | 'waiting'
>;

/** A new item; severity and the waiting flag default to none and false. */
export interface NewItem
  extends Omit<ItemWritable, 'severity' | 'waiting'>,
    Partial<Pick<ItemWritable, 'severity' | 'waiting'>> {
  productId: string;
  number: number;
  rank: string;
  externalId: string | null;
  createdBy: string;
}

export type ItemSortKey =
  | 'rank'
  | 'key'
  | 'title'
  | 'type'
  | 'status'
  | 'category'
  | 'segment'
  | 'wsjf'
  | 'size'
  | 'businessValue'
  | 'timeCriticality'
  | 'riskReduction'
  | 'releaseCritical'
  | 'assignee'
  | 'createdAt'
  | 'updatedAt'
  | 'responseDueAt'
  | 'resolutionDueAt';

export interface ItemFilter {
  types?: ItemType[] | undefined;
  statuses?: ItemStatus[] | undefined;
  categories?: ItemCategory[] | undefined;
  segmentId?: string | undefined;
  label?: string | undefined;
  /** A user id, or 'none' for unassigned items. */
  assignee?: string | undefined;
  releaseCritical?: boolean | undefined;
  /** A release id, or 'none' for items in no release. */
  release?: string | undefined;
  text?: string | undefined;
  severities?: Severity[] | undefined;
  /** SLA state now (issue 13). */
  sla?: 'breached' | 'running' | 'paused' | 'any' | undefined;
  /** A running clock due before this ISO instant. */
  dueBefore?: string | undefined;
}

export interface ItemPageQuery extends ItemFilter {
  sort: ItemSortKey;
  dir: 'asc' | 'desc';
  /** Opaque position from the previous page. */
  after?: { value: string | null; rank: string } | undefined;
  limit: number;
}

export interface OrderEntry {
  id: string;
  key: string;
  title: string;
  status: ItemStatus;
  rank: string;
  wsjf: number | null;
}

/** Where an item now is in the order. */
export interface MovedRecord {
  id: string;
  key: string;
  rank: string;
  version: number;
}

/**
 * Another item took the order key an insert wanted (two creates racing for the bottom of the
 * backlog, or a move landing there): the caller takes a fresh key and tries again.
 */
export class RankTaken extends Error {
  constructor() {
    super('Another item holds that place in the backlog order.');
    this.name = 'RankTaken';
  }
}

export interface ItemsRepo {
  /** Writes the maintained SLA columns (issue 13); no version step: nobody edits them. */
  setSla(rows: readonly ItemSlaWrite[]): Promise<void>;
  /** The product of a live item, or null: what item-keyed routes authorise with. */
  productOf(itemId: string): Promise<string | null>;
  /** `lock` holds the item's row until the transaction ends (sprint and poker changes). */
  byId(id: string, lock?: boolean): Promise<ItemRecord | null>;
  /**
   * The same page as the API's JSON text of Item[] (rows 1..keep), built by the database, with the
   * number of rows found and the sort position of row `keep` for the next cursor.
   */
  pageJson(
    productId: string,
    q: ItemPageQuery,
    keep: number,
  ): Promise<{ json: string; found: number; last: { value: string | null; rank: string } | null }>;
  all(productId: string): Promise<ItemRecord[]>;
  /** Throws RankTaken when another item already holds `item.rank`. */
  insert(item: NewItem): Promise<ItemRecord>;
  /** Bulk insert (imports); returns the new ids in input order. Throws RankTaken like insert. */
  insertMany(items: NewItem[]): Promise<string[]>;
  /** Live items by id, in the order asked (a missing one is left out). */
  byIds(ids: string[]): Promise<ItemRecord[]>;
  /** Null when the version no longer matches (someone else saved first) or the item is gone. */
  update(id: string, version: number, patch: Partial<ItemWritable>): Promise<ItemRecord | null>;
  setSegments(id: string, segmentIds: string[]): Promise<void>;
  softDelete(id: string, tombstoneRank: string): Promise<void>;
  /** The last live rank of the product, or null when the backlog is empty. */
  lastRank(productId: string): Promise<string | null>;
  /**
   * Where a new item goes: between the last open item (not done, accepted or rejected) and the
   * item after it, so it lands at the bottom of the work still to do, above finished work.
   * `after` is null when nothing is open; `before` is null when nothing follows.
   */
  openSlot(productId: string): Promise<{ after: string | null; before: string | null }>;
  /**
   * For each wanted placement, the rank of the anchor and of its neighbour on `side` (skipping the
   * moving item), in input order; `anchor` is null when the anchor is not a live item of the product.
   */
  gaps(
    productId: string,
    wanted: ReadonlyArray<{ anchorId: string; side: 'before' | 'after'; movingId: string }>,
  ): Promise<Array<{ anchor: string | null; neighbour: string | null }>>;
  /**
   * Gives each item its new rank in ONE statement. Where the moved items are (a gone item is
   * missing); 'clash' when another item already holds one of the keys (the transaction is then
   * aborted: roll it back).
   */
  moveMany(
    productId: string,
    moves: ReadonlyArray<{ id: string; rank: string }>,
    /** The `item.moved` events; only those of items really moved are appended, in the same statement. */
    events: readonly NewEvent[],
  ): Promise<MovedRecord[] | 'clash'>;
  /** Many ranks in one statement (uniqueness checked at the end of it). */
  setRanks(productId: string, ranks: Array<{ id: string; rank: string }>): Promise<void>;
  order(productId: string): Promise<OrderEntry[]>;
  /** Live items of the product by external id or by item key (e.g. VIP-12), keyed by what matched. */
  byExternalIds(productId: string, externalIds: string[]): Promise<Map<string, ItemRecord>>;
  /** The subset of `ids` that are segments of the product. */
  existingSegments(productId: string, ids: string[]): Promise<string[]>;
  lockProductOrder(productId: string): Promise<void>;
  /** Sets the benefit hypothesis at `version` (a version step); the new version, or null when stale. */
  setHypothesis(id: string, version: number, hypothesis: Hypothesis | null): Promise<number | null>;
  /** Records the PO's judgement of the hypothesis (not a version step: no one's form edits it). */
  judgeHypothesis(
    id: string,
    j: { status: HypothesisStatus; suggested: HypothesisStatus; reason: string | null; userId: string },
  ): Promise<void>;
}

export interface LinkRecord {
  id: string;
  kind: LinkKind;
  fromItemId: string;
  toItemId: string;
  createdAt: Date;
  other: { id: string; key: string; title: string; status: ItemStatus; type: ItemType };
  direction: 'outgoing' | 'incoming';
}
export interface ItemLinksRepo {
  forItem(itemId: string): Promise<LinkRecord[]>;
  insert(l: {
    productId: string;
    kind: LinkKind;
    fromItemId: string;
    toItemId: string;
    createdBy: string;
  }): Promise<string | null>;
  remove(
    itemId: string,
    linkId: string,
  ): Promise<{ kind: LinkKind; fromItemId: string; toItemId: string } | null>;
}

export interface CommentRecord {
  id: string;
  itemId: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  mentions: Array<{ id: string; name: string }>;
  createdAt: Date;
}
export interface ItemCommentsRepo {
  list(itemId: string): Promise<CommentRecord[]>;
  insert(c: { itemId: string; authorId: string; body: string; mentions: string[] }): Promise<CommentRecord>;
}

export interface BacklogSettingsRecord {
  productId: string;
  definitionOfReady: InvestCheck[];
  splitThreshold: number;
  version: number;
}
export interface BacklogSettingsRepo {
  /** The product's settings, or the defaults when none were saved. */
  get(productId: string): Promise<BacklogSettingsRecord>;
  /** Saves if the stored version is still `version` (0: none saved yet); null when it is not. */
  save(
    productId: string,
    s: { definitionOfReady: InvestCheck[]; splitThreshold: number },
    version: number,
  ): Promise<BacklogSettingsRecord | null>;
}
