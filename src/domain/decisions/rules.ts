import type { ItemStatus, ItemType } from '#domain/backlog/item-rules.ts';

/**
 * What an accepted decision rules out, in terms a machine can check against later changes
 * (issue 13). Each rule names the items or sprint it governs; `checkRule` is a pure function of
 * (rule, one change, the few facts it reads) → a contradiction or null. The change still happens
 * (the PO owns the backlog): a contradiction is a flag, recorded with who and what.
 */
export type DecisionRule =
  /** "NOTIF-14 stays in Sprint 12": taking it out, or planning it into another sprint, goes around it. */
  | { kind: 'stays_in_sprint'; itemId: string; sprintId: string }
  /** "Fix the root cause, no workaround" (seed 002). */
  | { kind: 'no_workaround'; itemId: string }
  /** Order of work: `itemId` is done before `beforeItemId`. */
  | { kind: 'done_before'; itemId: string; beforeItemId: string }
  /** Seed 003: "the sprint is closed to change": nothing added to or taken out of it. */
  | { kind: 'no_scope_change'; sprintId: string };
export type RuleKind = DecisionRule['kind'];
export const RULE_KINDS = ['stays_in_sprint', 'no_workaround', 'done_before', 'no_scope_change'] as const;

/** The later change a rule is checked against, read from the event log by the caller. */
export type RuleChange =
  | { kind: 'sprint_item_removed'; sprintId: string; itemId: string }
  | { kind: 'sprint_item_added'; sprintId: string; itemId: string }
  | { kind: 'sprint_closed'; sprintId: string; carriedOverKeys: readonly string[] }
  | { kind: 'item_status'; itemId: string; to: ItemStatus }
  | { kind: 'item_resolved'; itemId: string; resolution: 'fixed' | 'workaround' }
  /** A link between two items (either direction); `other` is the far side from `itemId`'s view. */
  | { kind: 'item_linked'; itemId: string; otherItemId: string };

export interface ItemFact {
  key: string;
  title: string;
  type: ItemType;
  status: ItemStatus;
  labels: readonly string[];
}

/** What the checks read besides the change: items and sprints by id (missing = unknown). */
export interface RuleFacts {
  items: Readonly<Record<string, ItemFact | undefined>>;
  sprints: Readonly<Record<string, { name: string } | undefined>>;
}

export interface Contradiction {
  /** The item the contradiction is about (shown as a banner there), or null for a sprint rule. */
  itemId: string | null;
  summary: string;
}

/** Finished work, for the order of work. */
const FINISHED: readonly ItemStatus[] = ['done', 'accepted'];
/** The label that marks a workaround item ("a new item of type workaround created against it"). */
export const WORKAROUND_LABEL = 'workaround';

const itemName = (f: RuleFacts, id: string) => f.items[id]?.key ?? 'An item';
const sprintName = (f: RuleFacts, id: string) => f.sprints[id]?.name ?? 'the agreed sprint';

/** A workaround or a defect filed against an item the decision said to fix properly. */
export const isWorkaroundItem = (i: ItemFact | undefined) =>
  !!i && (i.type === 'defect' || i.labels.some((l) => l.toLowerCase() === WORKAROUND_LABEL));

/** The rule in words, as the decision page and the notices say it. */
export function describeRule(rule: DecisionRule, f: RuleFacts): string {
  switch (rule.kind) {
    case 'stays_in_sprint':
      return `${itemName(f, rule.itemId)} stays in ${sprintName(f, rule.sprintId)}`;
    case 'no_workaround':
      return `${itemName(f, rule.itemId)} is fixed at the root cause: no workaround`;
    case 'done_before':
      return `${itemName(f, rule.itemId)} is done before ${itemName(f, rule.beforeItemId)} is`;
    case 'no_scope_change':
      return `Nothing is added to or taken out of ${sprintName(f, rule.sprintId)}`;
  }
}

/** The items and sprint a rule governs (what the lookup index holds). */
export function ruleTargets(rule: DecisionRule): { itemIds: string[]; sprintId: string | null } {
  switch (rule.kind) {
    case 'stays_in_sprint':
      return { itemIds: [rule.itemId], sprintId: rule.sprintId };
    case 'no_workaround':
      return { itemIds: [rule.itemId], sprintId: null };
    case 'done_before':
      return { itemIds: [rule.itemId, rule.beforeItemId], sprintId: null };
    case 'no_scope_change':
      return { itemIds: [], sprintId: rule.sprintId };
  }
}

/** Does this change go around the rule? Null when it does not. */
export function checkRule(rule: DecisionRule, change: RuleChange, f: RuleFacts): Contradiction | null {
  const agreed = describeRule(rule, f);
  const against = (itemId: string | null, what: string): Contradiction => ({
    itemId,
    summary: `${what}, though the decision says: ${agreed}.`,
  });
  switch (rule.kind) {
    case 'stays_in_sprint': {
      if (
        change.kind === 'sprint_item_removed' &&
        change.itemId === rule.itemId &&
        change.sprintId === rule.sprintId
      )
        return against(
          rule.itemId,
          `${itemName(f, rule.itemId)} was taken out of ${sprintName(f, rule.sprintId)}`,
        );
      if (
        change.kind === 'sprint_item_added' &&
        change.itemId === rule.itemId &&
        change.sprintId !== rule.sprintId
      )
        return against(
          rule.itemId,
          `${itemName(f, rule.itemId)} was re-planned into ${sprintName(f, change.sprintId)}`,
        );
      const key = f.items[rule.itemId]?.key;
      if (
        change.kind === 'sprint_closed' &&
        change.sprintId === rule.sprintId &&
        key &&
        change.carriedOverKeys.includes(key)
      )
        return against(rule.itemId, `${key} was carried out of ${sprintName(f, rule.sprintId)} unfinished`);
      return null;
    }
    case 'no_workaround': {
      if (
        change.kind === 'item_resolved' &&
        change.itemId === rule.itemId &&
        change.resolution === 'workaround'
      )
        return against(rule.itemId, `${itemName(f, rule.itemId)} was resolved by a workaround`);
      if (change.kind === 'item_linked') {
        const other =
          change.itemId === rule.itemId
            ? change.otherItemId
            : change.otherItemId === rule.itemId
              ? change.itemId
              : null;
        if (other && isWorkaroundItem(f.items[other]))
          return against(
            rule.itemId,
            `${itemName(f, other)} (${f.items[other]!.type === 'defect' ? 'a defect' : 'a workaround'}) was filed against ${itemName(f, rule.itemId)}`,
          );
      }
      return null;
    }
    case 'done_before': {
      if (
        change.kind !== 'item_status' ||
        change.itemId !== rule.beforeItemId ||
        !FINISHED.includes(change.to)
      )
        return null;
      const first = f.items[rule.itemId];
      if (first && FINISHED.includes(first.status)) return null;
      return against(
        rule.beforeItemId,
        `${itemName(f, rule.beforeItemId)} was finished before ${itemName(f, rule.itemId)}`,
      );
    }
    case 'no_scope_change': {
      if (
        (change.kind === 'sprint_item_added' || change.kind === 'sprint_item_removed') &&
        change.sprintId === rule.sprintId
      )
        return against(
          change.itemId,
          `${itemName(f, change.itemId)} was ${change.kind === 'sprint_item_added' ? 'added to' : 'taken out of'} ${sprintName(f, rule.sprintId)}`,
        );
      return null;
    }
  }
}
