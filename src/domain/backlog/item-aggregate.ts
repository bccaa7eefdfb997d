import { AppError, invalid } from '#domain/errors.ts';
import { normaliseWeights } from '#domain/insight/allocation.ts';
import type { DebtCost } from '#domain/insight/debt.ts';
import type { ProductRole } from '#domain/roles.ts';
import { checkSlaFields } from '#domain/sla/item-sla.ts';
import type { Severity } from '#domain/sla/policy.ts';
import type { Hypothesis } from '#domain/voice/hypothesis.ts';
import { checkReadiness, type DefinitionOfReady } from './definition-of-ready.ts';
import type { Scenario } from './gherkin.ts';
import { type Blocker, investFacts } from './invest.ts';
import { checkStatus, type ItemPath, PATH_FIELDS, PATH_ROLES } from './item-paths.ts';
import { defaultCategory, type ItemCategory, type ItemStatus, type ItemType } from './item-rules.ts';

export { ITEM_PATHS, type ItemPath } from './item-paths.ts';

/**
 * The backlog item aggregate: the one place that decides whether a change to an item is allowed
 * and what it records. Every path that writes an item — the form, bulk edits (one PATCH each),
 * CSV import, sprint planning/done/review/close and planning poker — calls `decideItem`; none
 * writes around it. Pure: what it needs (Definition of Ready, the active sprint) comes in.
 */
export interface ItemState {
  type: ItemType;
  title: string;
  problem: string;
  description: string;
  acceptanceCriteria: readonly Scenario[];
  segmentIds: readonly string[];
  category: ItemCategory;
  labels: readonly string[];
  assigneeId: string | null;
  status: ItemStatus;
  businessValue: number | null;
  timeCriticality: number | null;
  riskReduction: number | null;
  size: number | null;
  releaseCritical: boolean;
  /** Shown to stakeholders on the portal; set by the Product Owner only. */
  published: boolean;
  /** The release the PO assigned the item to (issue 10); null for none. */
  releaseId: string | null;
  /** A benefit hypothesis (seed 004), set by contributors; not loaded by paths that do not change it. */
  hypothesis?: Hypothesis | null;
  /** A debt item's cost (issue 11), set by contributors; not loaded by paths that do not change it. */
  debt?: DebtCost | null;
  /**
   * The PO's weight per segment (issue 11; percent, summing to 100), how the item's points split
   * among its segments; null: evenly. Not loaded by paths that do not change it.
   */
  segmentWeights?: Readonly<Record<string, number>> | null;
  /** A defect's severity (issue 13), S1 critical … S4 low; null = not triaged. Defects only. */
  severity?: Severity | null;
  /** Waiting for the customer (issue 13): a flag beside the status; SLA clocks may pause on it. */
  waiting?: boolean;
}
export type ItemField = keyof ItemState;
export type ItemChange = Partial<ItemState>;

export interface ItemContext {
  role: ProductRole;
  path: ItemPath;
  /** The item's key, for messages ("NS-4 is already done"). */
  key?: string | undefined;
  /** Required when `needs()` says so: the product's Definition of Ready and the item's blockers. */
  readiness?: { definitionOfReady: DefinitionOfReady; blockers: readonly Blocker[] } | undefined;
  /** Required when `needs()` says so: the active sprint holding the item, or null. */
  activeSprint?: { id: string; name: string } | null | undefined;
  /**
   * Facts recorded with the event beside the change (the sprint's reason, the poker voters, the
   * import's external id…).
   */
  note?: Record<string, unknown> | undefined;
}

export type ItemEventType = 'item.created' | 'item.updated' | 'item.imported' | 'item.reimported';
export interface ItemEvent {
  type: ItemEventType;
  before?: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** A field the path did not take, and why (imports leave out estimates the importer may not make). */
export interface LeftOut {
  field: ItemField;
  reason: string;
}

export type ItemDecision =
  | { ok: true; next: ItemState; changed: ItemField[]; events: ItemEvent[]; leftOut: LeftOut[] }
  | { ok: false; refusal: AppError };

const VALUE_FIELDS = ['businessValue', 'timeCriticality', 'riskReduction'] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sorted = (ids: readonly string[]) => [...ids].sort();

/** The state a new item starts from, before its own fields. */
function blank(change: ItemChange): ItemState {
  const type = change.type ?? 'story';
  return {
    type,
    title: '',
    problem: '',
    description: '',
    acceptanceCriteria: [],
    segmentIds: [],
    category: defaultCategory(type),
    labels: [],
    assigneeId: null,
    status: 'new',
    businessValue: null,
    timeCriticality: null,
    riskReduction: null,
    size: null,
    releaseCritical: false,
    published: false,
    releaseId: null,
  };
}

/** Fields the change really changes (a form sent back whole does not trip a rule). */
function effective(base: ItemState, change: ItemChange): ItemChange {
  const out: Record<string, unknown> = {};
  for (const [f, v] of Object.entries(change) as Array<[ItemField, unknown]>) {
    if (v === undefined) continue;
    const value = f === 'segmentIds' ? sorted(v as string[]) : v;
    if (!same(value, f === 'segmentIds' ? sorted(base.segmentIds) : base[f])) out[f] = value;
  }
  return out as ItemChange;
}

/** What the caller must load before deciding (nothing is loaded that the rule will not read). */
export function needs(
  current: Pick<ItemState, 'status' | 'size'> | null,
  change: ItemChange,
  ctx: Pick<ItemContext, 'path' | 'role'>,
): { readiness: boolean; activeSprint: boolean } {
  const toStatus = change.status ?? current?.status ?? 'new';
  return {
    readiness: ctx.path !== 'close' && toStatus === 'ready' && current?.status !== 'ready',
    // Only the team's size changes get as far as the sprint lock (others are refused first).
    activeSprint:
      current !== null &&
      ctx.role === 'team' &&
      change.size !== undefined &&
      change.size !== current.size &&
      ctx.path !== 'sprint_resize',
  };
}

const refuse = (refusal: AppError): ItemDecision => ({ ok: false, refusal });

/** Weights are the PO's call, one positive number for each of the item's segments (two at least). */
function checkSegmentWeights(
  weights: Readonly<Record<string, number>> | null,
  segmentIds: readonly string[],
  role: ProductRole,
): AppError | null {
  if (role !== 'owner')
    return new AppError('forbidden', 'Only the Product Owner weighs how an item serves its segments.', {
      segmentWeights: 'Set by the Product Owner',
    });
  if (!weights) return null;
  const ids = Object.keys(weights);
  if (segmentIds.length < 2)
    return invalid({
      segmentWeights: 'Weights split an item among several segments; it serves fewer than two',
    });
  const missing = segmentIds.filter((id) => !(id in weights));
  const extra = ids.filter((id) => !segmentIds.includes(id));
  if (missing.length || extra.length)
    return invalid({ segmentWeights: 'Give one weight for each segment the item serves, and no other' });
  if (ids.some((id) => !(Number.isFinite(weights[id]) && (weights[id] ?? 0) > 0)))
    return invalid({ segmentWeights: 'Every weight must be above 0' });
  return null;
}

/**
 * Decides a change: `current` is the item (null for a create), `change` the fields to set.
 * Returns the next state and its events, or a refusal with a stable code.
 */
export function decideItem(current: ItemState | null, change: ItemChange, ctx: ItemContext): ItemDecision {
  const base = current ?? blank(change);
  let eff = effective(base, change);
  const allowed = PATH_FIELDS[ctx.path];
  if (allowed !== 'any') {
    const extra = Object.keys(eff).filter((f) => !allowed.includes(f as ItemField));
    if (extra.length) throw new Error(`The ${ctx.path} path cannot change ${extra.join(', ')}`);
  }
  const leftOut: LeftOut[] = [];

  // Seed 003: only the team estimates. A file the PO imports brings its sizes along, but they are
  // not an estimate of this team: the import leaves them out and says so instead of refusing.
  if (eff.size !== undefined && ctx.role !== 'team') {
    if (ctx.path !== 'import') {
      return refuse(
        new AppError(
          'estimate_by_team_only',
          'The team estimates: only team members can set the size (story points).',
          { size: 'Only team members can estimate' },
        ),
      );
    }
    leftOut.push({ field: 'size', reason: 'Only team members estimate; ask the team to size it' });
    const { size: _, ...rest } = eff;
    eff = rest;
  }
  const value = VALUE_FIELDS.filter((f) => eff[f] !== undefined);
  if (value.length && ctx.role !== 'owner') {
    return refuse(
      new AppError(
        'forbidden',
        'Only the Product Owner sets business value, time criticality and risk reduction.',
        Object.fromEntries(value.map((f) => [f, 'Set by the Product Owner'])),
      ),
    );
  }
  // What stakeholders see is the PO's promise to them (issue 10): only the PO publishes.
  if (eff.published !== undefined && ctx.role !== 'owner') {
    return refuse(
      new AppError('forbidden', 'Only the Product Owner publishes items to stakeholders.', {
        published: 'Published by the Product Owner',
      }),
    );
  }
  if (eff.segmentWeights !== undefined) {
    const refusal = checkSegmentWeights(eff.segmentWeights, eff.segmentIds ?? base.segmentIds, ctx.role);
    if (refusal) return refuse(refusal);
    if (eff.segmentWeights) eff = { ...eff, segmentWeights: normaliseWeights(eff.segmentWeights) };
  }
  // The PO plans releases, so only the PO puts an item in one (or takes it out).
  if (eff.releaseId !== undefined && ctx.role !== 'owner') {
    return refuse(
      new AppError('forbidden', 'Only the Product Owner assigns items to releases.', {
        releaseId: 'Set by the Product Owner',
      }),
    );
  }
  if ((eff.status === 'accepted' || eff.status === 'rejected') && ctx.role !== 'owner') {
    return refuse(
      new AppError('forbidden', 'Only the Product Owner accepts or rejects items.', {
        status: 'Accepted or rejected by the Product Owner',
      }),
    );
  }
  if (ctx.role === 'stakeholder' || ctx.role === 'viewer')
    return refuse(new AppError('forbidden', 'Stakeholders can comment on items but not change them.'));
  const roles = PATH_ROLES[ctx.path];
  if (roles && !roles.includes(ctx.role))
    return refuse(new AppError('forbidden', 'Your role on this product cannot do this.'));

  const next: ItemState = { ...base, ...eff };

  // The debt ledger (issue 11): only debt items carry a cost to fix and a weekly cost.
  if (eff.debt && next.type !== 'debt')
    return refuse(invalid({ debt: 'Only debt items carry a cost to fix and a weekly cost' }));
  if (eff.debt && eff.debt.fixHours.min > eff.debt.fixHours.max)
    return refuse(invalid({ 'debt.fixHours.min': 'The low estimate cannot exceed the high one' }));

  const sla = checkSlaFields(eff, next);
  if (sla) return refuse(sla);

  const status = checkStatus(current, next, ctx);
  if (status) return refuse(status);

  // An item turned into a story states its problem (seed 001; a new story's is required by its
  // request schema). Imported stories may arrive without one: INVEST's `negotiable` flags them.
  if (ctx.path === 'form' && eff.type === 'story' && !next.problem.trim())
    return refuse(invalid({ problem: 'State the problem first: who has it and why it matters' }));

  const need = needs(current, eff, ctx);
  if (need.readiness) {
    if (!ctx.readiness) throw new Error('decideItem: the Definition of Ready was not loaded');
    const { gaps } = checkReadiness(
      investFacts(next, ctx.readiness.blockers),
      ctx.readiness.definitionOfReady,
    );
    if (gaps.length) {
      return refuse(
        new AppError(
          'not_ready',
          `Not ready yet: ${gaps.map((g) => g.reason).join(' ')}`,
          { status: 'The Definition of Ready is not met' },
          { gaps },
        ),
      );
    }
  }
  // Once a sprint has started its scope is locked (seed 003): re-sizing one of its items needs a
  // reason, recorded with the sprint, so it goes through the sprint's resize, never around it.
  if (need.activeSprint) {
    if (ctx.activeSprint === undefined) throw new Error('decideItem: the active sprint was not loaded');
    if (ctx.activeSprint) {
      return refuse(
        new AppError(
          'reason_required',
          `This item is in the active sprint "${ctx.activeSprint.name}". Re-size it from the sprint, with a reason.`,
          { size: 'Re-size from the active sprint, with a reason' },
          { sprintId: ctx.activeSprint.id },
        ),
      );
    }
  }

  const changed = Object.keys(eff) as ItemField[];
  return { ok: true, next, changed, events: eventsOf(current, next, change, changed, ctx), leftOut };
}

const pick = (s: ItemState, fields: readonly ItemField[]) =>
  Object.fromEntries(fields.map((f) => [f, s[f]])) as Record<string, unknown>;

/** The events of a decided change, in the shapes the history and the activity feed read. */
function eventsOf(
  current: ItemState | null,
  next: ItemState,
  change: ItemChange,
  changed: readonly ItemField[],
  ctx: ItemContext,
): ItemEvent[] {
  const note = ctx.note ?? {};
  if (!current) {
    return ctx.path === 'import'
      ? [{ type: 'item.imported', after: { title: next.title, ...note } }]
      : [{ type: 'item.created', after: { ...next, ...note } }];
  }
  if (ctx.path === 'form' || ctx.path === 'import') {
    if (!changed.length) return [];
    return [
      {
        type: ctx.path === 'import' ? 'item.reimported' : 'item.updated',
        before: pick(current, changed),
        after: { ...pick(next, changed), ...note },
      },
    ];
  }
  // Sprint and poker paths log what they set even when it equals the old value (a re-estimate
  // that lands on the same number is still the team's decision).
  const fields = (Object.keys(change) as ItemField[]).filter((f) => change[f] !== undefined);
  return [{ type: 'item.updated', before: pick(current, fields), after: { ...pick(next, fields), ...note } }];
}

/** Throws the refusal; the use cases' one-liner. */
export function decided(d: ItemDecision): Extract<ItemDecision, { ok: true }> {
  if (!d.ok) throw d.refusal;
  return d;
}
