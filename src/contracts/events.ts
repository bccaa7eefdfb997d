import { z } from 'zod';
import { INVEST_CHECKS } from '#domain/backlog/invest.ts';
import { SCALE_KINDS } from '#domain/poker/scales.ts';
import { SEVERITIES } from '#domain/sla/policy.ts';
import { WorkspaceRole } from './auth.ts';
import { ProductRoleSchema } from './common.ts';
import { ItemCategory, ItemStatus, ItemType } from './items.ts';

/**
 * The event catalog: every type Tandem records, with its entity and its before/after payload.
 * `recordEvent` (server/app/events.ts) accepts only these, so tsc refuses an unknown type or a
 * wrong payload, and the web app's activity feed must describe each one.
 *
 * Payload schemas check shapes, not business rules (no trims, no length limits: those ran at
 * the edge already), so validating one costs microseconds. Objects are strict, so a field a use
 * case starts sending must be named here first. Diffs (`*.updated`) carry only the changed
 * fields: partial objects of known fields.
 *
 * The log keeps old rows forever and the API's response names these types as an enum, so a type
 * is never removed or renamed here, and a payload only gains optional fields.
 */

const str = z.string();
const id = z.string();
const nullableNumber = z.number().nullable();

const Scenario = z.strictObject({ given: str, when: str, then: str });

/** The item fields a create, an edit or an import may carry. */
const ItemFields = z.strictObject({
  type: ItemType,
  title: str,
  problem: str,
  description: str,
  acceptanceCriteria: z.array(Scenario),
  segmentIds: z.array(id),
  category: ItemCategory,
  labels: z.array(str),
  assigneeId: id.nullable(),
  status: ItemStatus,
  businessValue: nullableNumber,
  timeCriticality: nullableNumber,
  riskReduction: nullableNumber,
  size: nullableNumber,
  releaseCritical: z.boolean(),
  externalId: str.nullable(),
  /** Shown to stakeholders on the portal (set by the PO only). */
  published: z.boolean().optional(),
  releaseId: id.nullable().optional(),
  /** A benefit hypothesis (seed 004): we believe <belief> will result in <outcome>; we know when <signal>. */
  hypothesis: z.strictObject({ belief: str, outcome: str, signal: str }).nullable().optional(),
  /** A debt item's cost (issue 11): hours to fix (a range) and hours lost per week. */
  debt: z
    .strictObject({ fixHours: z.strictObject({ min: z.number(), max: z.number() }), weeklyHours: z.number() })
    .nullable()
    .optional(),
  /** The PO's weight per segment (issue 11): percent of the item's points, summing to 100; null: evenly. */
  segmentWeights: z.record(id, z.number()).nullable().optional(),
  /** A defect's severity and the waiting-for-customer flag (issue 13). */
  severity: z.enum(SEVERITIES).nullable().optional(),
  waiting: z.boolean().optional(),
});

/** Extra context an item change may carry when it came from a sprint, a review or poker. */
const ItemChangeContext = z.strictObject({
  sprintId: id,
  reason: str,
  returnedFromSprint: id,
  definitionOfDone: z.array(str),
  comment: str,
  estimate: str,
  via: z.literal('planning_poker'),
  sessionId: id,
  voters: z.array(z.strictObject({ userId: id, name: str, value: str.nullable() })),
});
const ItemChange = z.strictObject({ ...ItemFields.shape, ...ItemChangeContext.shape }).partial();

const SprintFields = z.strictObject({
  name: str,
  goal: str,
  startDate: str,
  endDate: str,
  capacity: z
    .discriminatedUnion('unit', [
      z.strictObject({
        unit: z.literal('days'),
        members: z.array(z.strictObject({ userId: id, days: z.number() })),
      }),
      z.strictObject({ unit: z.literal('points'), points: z.number() }),
    ])
    .nullable(),
});

const SlaTargets = z.strictObject({
  responseHours: z.number(),
  resolutionHours: z.number(),
  calendar: z.enum(['business', 'calendar']),
});
const SlaPolicyPayload = z.strictObject({
  timeZone: str,
  workingDays: z.array(z.number()),
  workingHours: z.strictObject({ start: str, end: str }),
  holidays: z.array(str),
  pauseStatuses: z.array(str),
  severities: z.strictObject({ S1: SlaTargets, S2: SlaTargets, S3: SlaTargets, S4: SlaTargets }),
});
const ProductFields = z.strictObject({ name: str, key: str, description: str });
const SegmentFields = z.strictObject({ name: str, description: str, targetShare: nullableNumber });
const SegmentRow = z.strictObject({ id, productId: id, ...SegmentFields.shape });
const BacklogViewRow = z.strictObject({ productId: id, name: str, query: str });
const BacklogSettingsRow = z.strictObject({
  productId: id,
  definitionOfReady: z.array(z.enum(INVEST_CHECKS)),
  splitThreshold: z.number(),
  version: z.number(),
});
const UserFields = z.strictObject({ name: str, workspaceRole: WorkspaceRole, disabled: z.boolean() });
const ScopeChange = z.strictObject({ itemId: id, key: str, reason: str.nullable() });

const RequestStatus = z.enum(['open', 'planned', 'declined', 'shipped']);
const Mood = z.enum(['happy', 'neutral', 'sad']);
const HypothesisStatus = z.enum(['unvalidated', 'supported', 'contradicted']);

const CategoryRanges = z.record(str, z.strictObject({ min: z.number(), max: z.number() }));
const BudgetFields = z.strictObject({
  total: z.number(),
  unit: z.enum(['money', 'points']),
  costPerSprint: nullableNumber,
});

const AgreementFields = z.strictObject({
  title: str,
  roles: z.array(str),
  shared: z.boolean(),
  draft: str.nullable(),
});
const AgreementVersionFields = z.strictObject({
  body: str,
  commentUntil: str.nullable(),
  effectiveFrom: str,
});
const WebhookFields = z
  .strictObject({ url: str, events: z.array(str), description: str, enabled: z.boolean() })
  .partial();

const none = z.undefined().optional();

/** One catalog entry: its literal type, the entity it is about, and what before/after hold. */
function event<
  T extends string,
  E extends string,
  B extends z.ZodType = typeof none,
  A extends z.ZodType = typeof none,
>(type: T, entityType: E, payload: { before?: B; after?: A }) {
  return z.strictObject({
    type: z.literal(type),
    entityType: z.literal(entityType),
    before: (payload.before ?? none) as B,
    after: (payload.after ?? none) as A,
  });
}

export const EventPayload = z.discriminatedUnion('type', [
  // Workspace and accounts (productId is null)
  event('workspace.setup', 'user', {
    after: z.strictObject({ email: str, via: z.literal('environment').optional() }),
  }),
  event('user.created', 'user', {
    after: z.strictObject({ email: str, name: str, workspaceRole: WorkspaceRole.optional() }),
  }),
  event('user.updated', 'user', { before: UserFields, after: UserFields }),
  event('user.password_changed', 'user', { after: z.strictObject({ otherSessionsEnded: z.number() }) }),
  event('user.password_reset_created', 'user', { after: z.strictObject({ expiresAt: str }) }),
  event('user.password_reset', 'user', { after: z.strictObject({ sessionsEnded: z.number() }) }),
  event('token.created', 'api_token', { after: z.strictObject({ name: str }) }),
  // Mail (issue 12): a person's choice per kind (also by an unsubscribe link), an admin's resend.
  event('user.notification_settings_changed', 'user', {
    after: z.strictObject({
      settings: z.record(str, z.enum(['in_app', 'email', 'digest'])),
      timeZone: str.optional(),
      via: z.enum(['settings', 'unsubscribe', 'unsubscribe_undone']),
    }),
  }),
  event('delivery.resent', 'delivery', {
    after: z.strictObject({ channel: z.literal('email'), subject: str }),
  }),
  event('mail.test_sent', 'delivery', { after: z.strictObject({ to: str }) }),
  event('token.revoked', 'api_token', {}),
  // Issue 12: the personal calendar link (entity: the user) and single sign-on.
  event('calendar_feed.created', 'user', {}),
  event('calendar_feed.revoked', 'user', {}),
  event('user.sso_linked', 'user', { after: z.strictObject({ issuer: str, email: str }) }),
  event('user.sso_signed_up', 'user', { after: z.strictObject({ issuer: str, email: str, name: str }) }),
  event('invite.created', 'invite', {
    after: z.strictObject({ email: str.nullable(), workspaceRole: WorkspaceRole }),
  }),
  event('invite.accepted', 'user', { after: z.strictObject({ email: str }) }),

  // Products, members, segments
  event('product.created', 'product', { after: ProductFields }),
  event('product.updated', 'product', { before: ProductFields.partial(), after: ProductFields.partial() }),
  event('product.deleted', 'product', {}),
  event('member.added', 'member', {
    before: none,
    after: z.strictObject({ role: ProductRoleSchema, name: str }),
  }),
  event('member.role_changed', 'member', {
    before: z.strictObject({ role: ProductRoleSchema }),
    after: z.strictObject({ role: ProductRoleSchema, name: str }),
  }),
  event('member.removed', 'member', { before: z.strictObject({ role: ProductRoleSchema, name: str }) }),
  event('segment.created', 'segment', { after: SegmentFields }),
  event('segment.updated', 'segment', { before: SegmentRow, after: SegmentRow }),
  event('segment.deleted', 'segment', { before: SegmentRow }),

  // Backlog items
  event('item.created', 'item', {
    after: z.strictObject({ key: str, ...ItemFields.omit({ externalId: true }).shape }),
  }),
  event('item.updated', 'item', { before: ItemChange, after: ItemChange }),
  event('item.deleted', 'item', { before: z.strictObject({ key: str, title: str }) }),
  /** Written by the items repository's moveMany, in the same statement as the move. */
  event('item.moved', 'item', {
    after: z.strictObject({ before: id.optional(), after: id.optional(), rank: str }),
  }),
  event('item.commented', 'item', {
    after: z.strictObject({ commentId: id, key: str, mentions: z.array(id) }),
  }),
  event('item.linked', 'item', { after: z.strictObject({ links: str }) }),
  event('item.unlinked', 'item', { before: z.strictObject({ links: str }) }),
  event('item.imported', 'item', { after: z.strictObject({ title: str, externalId: str.nullable() }) }),
  event('item.reimported', 'item', { before: ItemFields.partial(), after: ItemFields.partial() }),
  event('backlog.reordered_by_wsjf', 'backlog', {
    after: z.strictObject({
      moves: z.array(z.strictObject({ id, afterId: id.nullable() })),
    }),
  }),
  /** The PO undid an applied order: the moved items got back the keys they had before. */
  event('backlog.order_restored', 'backlog', {
    after: z.strictObject({ moves: z.array(z.strictObject({ id, rank: str })) }),
  }),
  event('backlog.settings_changed', 'backlog_settings', {
    before: BacklogSettingsRow,
    after: BacklogSettingsRow,
  }),
  event('backlog_view.created', 'backlog_view', { after: BacklogViewRow }),
  event('backlog_view.replaced', 'backlog_view', { after: BacklogViewRow }),
  event('backlog_view.deleted', 'backlog_view', { before: BacklogViewRow }),

  // Sprints
  event('sprint.created', 'sprint', { after: SprintFields }),
  event('sprint.updated', 'sprint', { before: SprintFields.partial(), after: SprintFields.partial() }),
  event('sprint.item_added', 'sprint', { after: ScopeChange }),
  event('sprint.item_removed', 'sprint', { after: ScopeChange }),
  event('sprint.started', 'sprint', {
    after: z.strictObject({
      committedPoints: z.number(),
      items: z.number(),
      forecastPoints: z.number().nullable(),
      overForecast: z.boolean(),
      confirmedOverForecastBy: id.nullable(),
    }),
  }),
  event('sprint.closed', 'sprint', {
    after: z.strictObject({
      completedPoints: z.number(),
      carriedOver: z.array(str),
      to: z.union([z.literal('backlog'), z.strictObject({ sprintId: id, name: str })]),
    }),
  }),
  event('definition_of_done.updated', 'product', {
    before: z.strictObject({ checklist: z.array(str) }),
    after: z.strictObject({ checklist: z.array(str) }),
  }),

  // Planning poker
  event('poker.opened', 'poker', {
    after: z.strictObject({ itemIds: z.array(id), scale: z.enum(SCALE_KINDS) }),
  }),

  // Customer voice: stakeholders, requests, reviews with customers, releases and votes
  event('member.segments_changed', 'member', {
    before: z.strictObject({ segmentIds: z.array(id) }),
    after: z.strictObject({ segmentIds: z.array(id), name: str }),
  }),
  event('stakeholders.imported', 'product', {
    after: z.strictObject({ added: z.number(), alreadyMembers: z.number(), created: z.number() }),
  }),
  event('member.sign_in_link_created', 'member', {
    after: z.strictObject({ name: str, expiresAt: str }),
  }),
  event('member.signed_in_by_link', 'member', { after: z.strictObject({ name: str }) }),
  event('request.created', 'request', {
    after: z.strictObject({ title: str, problem: str, segmentId: id.nullable() }),
  }),
  event('request.updated', 'request', {
    before: z
      .strictObject({ title: str, problem: str, segmentId: id.nullable(), published: z.boolean() })
      .partial(),
    after: z
      .strictObject({ title: str, problem: str, segmentId: id.nullable(), published: z.boolean() })
      .partial(),
  }),
  event('request.supported', 'request', { after: z.strictObject({ supporters: z.number() }) }),
  event('request.triaged', 'request', {
    before: z.strictObject({ status: RequestStatus, itemId: id.nullable() }),
    after: z.strictObject({
      action: z.enum(['link', 'create', 'decline']),
      status: RequestStatus,
      itemId: id.nullable(),
      reason: str.nullable(),
    }),
  }),
  event('request.shipped', 'request', { after: z.strictObject({ itemId: id, key: str }) }),
  event('review.opened', 'customer_review', {
    after: z.strictObject({ sprintId: id, itemIds: z.array(id), closesAt: str.nullable() }),
  }),
  event('review.increment_changed', 'customer_review', {
    after: z.strictObject({ itemId: id, whatChanged: str }),
  }),
  event('review.invited', 'customer_review', {
    after: z.strictObject({ userIds: z.array(id), expiresAt: str }),
  }),
  event('review.answered', 'customer_review', {
    after: z.strictObject({
      itemId: id,
      userId: id,
      mood: Mood,
      rating: nullableNumber,
      comment: str.nullable(),
      changed: z.boolean(),
    }),
  }),
  event('review.closed', 'customer_review', {
    after: z.strictObject({ sprintId: id, responses: z.number(), sad: z.number() }),
  }),
  event('release.created', 'release', {
    after: z.strictObject({ name: str, targetDate: str.nullable() }),
  }),
  event('release.updated', 'release', {
    before: z.strictObject({ name: str, targetDate: str.nullable() }).partial(),
    after: z.strictObject({ name: str, targetDate: str.nullable() }).partial(),
  }),
  event('release.shipped', 'release', { after: z.strictObject({ name: str, itemIds: z.array(id) }) }),
  event('release.vote_opened', 'release', {
    after: z.strictObject({ budget: z.number(), itemIds: z.array(id), closesAt: str.nullable() }),
  }),
  event('release.voted', 'release', {
    after: z.strictObject({
      userId: id,
      total: z.number(),
      votes: z.array(z.strictObject({ itemId: id, points: z.number() })),
    }),
  }),
  // Insight: allocation and budget (issue 11)
  event('allocation.targets_updated', 'product', {
    before: z.strictObject({ categories: CategoryRanges }),
    after: z.strictObject({ categories: CategoryRanges }),
  }),
  event('sprint.justified', 'sprint', {
    before: z.strictObject({ text: str.nullable() }),
    after: z.strictObject({ text: str }),
  }),
  event('budget.updated', 'product', {
    before: BudgetFields.nullable(),
    after: BudgetFields,
  }),
  /** The PO shared (or stopped sharing) the allocation view with the product's stakeholders. */
  event('insight.sharing_updated', 'product', {
    before: z.strictObject({ allocation: z.boolean() }),
    after: z.strictObject({ allocation: z.boolean() }),
  }),
  /** The PO confirmed or overrode the suggested status of an item's benefit hypothesis. */
  event('item.hypothesis_judged', 'item', {
    after: z.strictObject({
      status: HypothesisStatus,
      suggested: HypothesisStatus,
      reason: str.nullable(),
    }),
  }),
  // Insight: release scope and the debt ledger (issue 11)
  /** The PO applied a computed release scope: these items were put in the release. */
  event('release.scope_applied', 'release', {
    after: z.strictObject({ name: str, itemIds: z.array(id), added: z.array(id) }),
  }),

  // Insight — trust radar (issue 11, seed 003)
  /**
   * Someone outside the team tried to set an item's size and was refused (only the team estimates).
   * Written in its own small transaction by the item write path, since the refused change rolls back.
   */
  event('item.size_refused', 'item', {
    after: z.strictObject({ key: str, role: ProductRoleSchema, size: nullableNumber }),
  }),

  // Defects: severity and SLA clocks (issue 13)
  /** The PO or an admin set the product's SLA policy (every open defect's clocks are recomputed). */
  event('sla.policy_updated', 'product', {
    /** Absent for the product's first policy. */
    before: SlaPolicyPayload.optional(),
    after: SlaPolicyPayload,
  }),

  // Working agreements (issue 13)
  event('agreement.created', 'agreement', {
    after: z.strictObject({ title: str, roles: z.array(str), shared: z.boolean(), template: str.nullable() }),
  }),
  /** Title, asked roles, sharing with stakeholders or the unproposed draft changed. */
  event('agreement.updated', 'agreement', {
    before: AgreementFields.partial(),
    after: AgreementFields.partial(),
  }),
  event('agreement.proposed', 'agreement', {
    after: z.strictObject({ version: z.number(), commentUntil: str.nullable(), effectiveFrom: str }),
  }),
  /** A proposal revised during its comment period (an effective version never is). */
  event('agreement.revised', 'agreement', {
    before: AgreementVersionFields.partial(),
    after: AgreementVersionFields.partial().extend({ version: z.number() }),
  }),
  event('agreement.commented', 'agreement', {
    after: z.strictObject({ version: z.number(), commentId: id, paragraph: z.number() }),
  }),
  event('agreement.acknowledged', 'agreement', { after: z.strictObject({ version: z.number() }) }),
  /** A version took effect (recorded once, when its date came; acknowledgements are asked again). */
  event('agreement.effective', 'agreement', {
    after: z.strictObject({ version: z.number(), title: str }),
  }),

  // Agreements — decision records and workarounds (issue 13, seed 002)
  event('decision.created', 'decision', {
    after: z.strictObject({
      number: z.number(),
      title: str,
      technical: z.boolean(),
      itemIds: z.array(id),
      participants: z.array(id),
      rules: z.array(z.record(str, str)),
    }),
  }),
  event('decision.accepted', 'decision', { after: z.strictObject({ number: z.number(), title: str }) }),
  event('decision.superseded', 'decision', {
    after: z.strictObject({ number: z.number(), title: str, byDecisionId: id, byNumber: z.number() }),
  }),
  /**
   * A later change went around an accepted decision (it still happened). Recorded once per
   * (decision, cause event) by the contradiction reaction, with the cause's actor.
   */
  event('decision.contradicted', 'decision', {
    after: z.strictObject({
      number: z.number(),
      title: str,
      causeEventId: z.number(),
      causeType: str,
      itemId: id.nullable(),
      summary: str,
    }),
  }),
  /** A workaround's repayment item passed the end of its due day unpaid (once; the hourly sweep). */
  event('item.repayment_overdue', 'item', {
    after: z.strictObject({ key: str, title: str, workaroundItemId: id, workaroundKey: str, dueDate: str }),
  }),
  /** An item resolved by a fix or by a workaround (with the debt item that repays it). */
  event('item.resolved', 'item', {
    after: z.strictObject({
      key: str,
      resolution: z.enum(['fixed', 'workaround']),
      repaymentItemId: id.nullable(),
      dueDate: str.nullable(),
      dueSprintId: id.nullable(),
    }),
  }),

  // Webhooks (issue 12): endpoints per product; deliveries are their own rows, not events.
  event('webhook.created', 'webhook', { after: z.strictObject({ url: str, events: z.array(str) }) }),
  event('webhook.updated', 'webhook', { before: WebhookFields, after: WebhookFields }),
  event('webhook.deleted', 'webhook', { before: z.strictObject({ url: str }) }),
  /** Every attempt failed for a day: the endpoint was turned off and its owner is told. */
  event('webhook.disabled', 'webhook', {
    after: z.strictObject({ url: str, reason: str, failingSince: str }),
  }),
  event('webhook.test_requested', 'webhook', { after: z.strictObject({ deliveryId: id }) }),
  event('webhook.delivery_resent', 'webhook', {
    after: z.strictObject({ deliveryId: id, eventType: str }),
  }),
]);

/** What a use case states about a change: its type, entity kind and payload. */
export type EventPayload = z.input<typeof EventPayload>;
export type EventType = EventPayload['type'];
/** The payload of one event type, e.g. `EventOf<'item.commented'>['after']['mentions']`. */
export type EventOf<T extends EventType> = Extract<EventPayload, { type: T }>;

export const EVENT_TYPES = EventPayload.options.map((o) => o.shape.type.value) as [EventType, ...EventType[]];
export const EventTypeSchema = z.enum(EVENT_TYPES);
