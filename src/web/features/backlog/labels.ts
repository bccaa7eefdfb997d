import type { ItemSort } from '#contracts/items.ts';
import type { ItemCategory, ItemStatus, ItemType, LinkKind } from '#domain/backlog/item-rules.ts';

/** Human words for the backlog's vocabulary, in one place. */
export const TYPE_LABELS: Record<ItemType, string> = {
  story: 'Story',
  enabler: 'Enabler',
  defect: 'Defect',
  spike: 'Spike',
  debt: 'Debt',
};

export const STATUS_LABELS: Record<ItemStatus, string> = {
  new: 'New',
  ready: 'Ready',
  in_progress: 'In progress',
  done: 'Done',
  accepted: 'Accepted',
  rejected: 'Rejected',
};

export const CATEGORY_LABELS: Record<ItemCategory, string> = {
  feature: 'Feature',
  enabler: 'Enabler',
  defect: 'Defect',
  debt: 'Debt',
};

export const LINK_LABELS: Record<LinkKind, { outgoing: string; incoming: string }> = {
  blocks: { outgoing: 'blocks', incoming: 'is blocked by' },
  relates: { outgoing: 'relates to', incoming: 'relates to' },
  duplicates: { outgoing: 'duplicates', incoming: 'is duplicated by' },
  repays: { outgoing: 'repays the workaround of', incoming: 'is repaid by' },
};

export const RELEASE_CRITICAL_QUESTION =
  'If everything else were ready, would we delay the release for this?';

export const FIELD_LABELS: Record<string, string> = {
  type: 'Type',
  title: 'Title',
  problem: 'Problem',
  description: 'Description',
  acceptanceCriteria: 'Acceptance criteria',
  segmentIds: 'Segments',
  category: 'Category',
  labels: 'Labels',
  assigneeId: 'Assignee',
  status: 'Status',
  businessValue: 'Business value',
  timeCriticality: 'Time criticality',
  riskReduction: 'Risk reduction / opportunity',
  size: 'Size',
  releaseCritical: 'Release-critical',
  hypothesis: 'Benefit hypothesis',
  debt: 'Debt cost',
  segmentWeights: 'Segment weights',
  severity: 'Severity',
  waiting: 'Waiting for customer',
  rank: 'Order',
};

/** How a sort reads in a sentence ("Sorted by WSJF") and in the sort menu. */
export const SORT_LABELS: Record<ItemSort, string> = {
  rank: 'backlog order',
  key: 'key',
  title: 'title',
  type: 'type',
  status: 'status',
  category: 'category',
  segment: 'segment',
  wsjf: 'WSJF',
  size: 'size',
  businessValue: 'business value',
  timeCriticality: 'time criticality',
  riskReduction: 'risk reduction',
  releaseCritical: 'release-critical',
  assignee: 'assignee',
  createdAt: 'creation date',
  responseDueAt: 'response due',
  resolutionDueAt: 'resolution due',
  updatedAt: 'last update',
};

/** WSJF shown with one decimal; null means the team has not estimated the item yet. */
export const formatWsjf = (wsjf: number | null): string =>
  wsjf === null ? '—' : (Math.round(wsjf * 10) / 10).toString();
