import { recordEvent } from '#app/events.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos, Store } from '#app/store.ts';
import { acceptorRoles, decideAccept, decideSupersede } from '#domain/decisions/decision.ts';
import { type DecisionRule, describeRule, type RuleFacts, ruleTargets } from '#domain/decisions/rules.ts';
import { repaymentState } from '#domain/decisions/workaround.ts';
import { type FieldErrors, invalid, notFound } from '#domain/errors.ts';
import { hasRole, ROLES } from '#domain/roles.ts';
import type { DecisionRecord, NewDecision, RepaymentRecord } from './ports.ts';

/**
 * Decision records (issue 13, seed 002): written down, accepted by whoever owns the call, linked
 * to the items they govern, and retired only by another decision. What a later change does
 * against an accepted one is flagged by the contradiction reaction (contradictions.ts).
 */
export type CreateDecisionInput = Omit<NewDecision, 'productId' | 'proposedBy'>;

/** The items and sprints the decision names must be the product's; participants its members. */
async function checkDecisionRefs(r: Repos, productId: string, input: CreateDecisionInput): Promise<void> {
  const fields: FieldErrors = {};
  const ruleItems = input.rules.flatMap((rule) => ruleTargets(rule).itemIds);
  const found = new Set(await r.decisions.existingItems(productId, [...input.itemIds, ...ruleItems]));
  const missing = input.itemIds.filter((id) => !found.has(id));
  if (missing.length) fields.itemIds = `Not items of this backlog: ${missing.join(', ')}`;
  const members = new Map((await r.members.list(productId)).map((m) => [m.userId, m.role]));
  const strangers = input.participants.filter(
    (id) => !hasRole(members.get(id) ?? 'stakeholder', ROLES.readers),
  );
  if (strangers.length)
    fields.participants = `Participants must be members of the product: ${strangers.join(', ')}`;
  const sprintIds = input.rules.flatMap((rule) => ruleTargets(rule).sprintId ?? []);
  const sprints = await r.decisions.sprintNames(productId, sprintIds);
  input.rules.forEach((rule, i) => {
    const t = ruleTargets(rule);
    for (const [field, id] of Object.entries(rule)) {
      if (field === 'kind') continue;
      const known = field === 'sprintId' ? id in sprints : found.has(id);
      if (!known)
        fields[`rules.${i}.${field}`] =
          field === 'sprintId' ? 'Not a sprint of this product' : 'Not an item of this backlog';
    }
    if (rule.kind === 'done_before' && t.itemIds[0] === t.itemIds[1])
      fields[`rules.${i}.beforeItemId`] = 'An item cannot come before itself';
  });
  if (Object.keys(fields).length) throw invalid(fields);
}

/** Items and sprints the rules name (and any others the caller needs), for the checks and the words. */
export async function ruleFacts(
  r: Repos,
  productId: string,
  rules: readonly DecisionRule[],
  also: { itemIds?: readonly string[]; sprintIds?: readonly string[] } = {},
): Promise<RuleFacts> {
  const targets = rules.map(ruleTargets);
  const [items, sprints] = await Promise.all([
    r.decisions.itemFacts(productId, [
      ...new Set([...targets.flatMap((t) => t.itemIds), ...(also.itemIds ?? [])]),
    ]),
    r.decisions.sprintNames(productId, [
      ...new Set([...targets.flatMap((t) => t.sprintId ?? []), ...(also.sprintIds ?? [])]),
    ]),
  ]);
  return { items, sprints };
}

export const presentRepayment = (rep: RepaymentRecord, now: Date) => ({
  itemId: rep.itemId,
  key: rep.key,
  title: rep.title,
  status: rep.status,
  dueDate: rep.dueDate,
  dueSprint: rep.dueSprint ? { id: rep.dueSprint.id, name: rep.dueSprint.name } : null,
  state: repaymentState(rep.status, rep.dueDate ?? rep.dueSprint?.endDate ?? null, now),
});

export function decisionUseCases(store: Store, now: () => Date) {
  async function load(r: Repos, ctx: ProductContext, id: string): Promise<DecisionRecord> {
    const d = await r.decisions.get(id);
    if (!d || d.productId !== ctx.productId) throw notFound('That decision');
    return d;
  }

  async function view(ctx: ProductContext, d: DecisionRecord) {
    const [facts, contradictions] = await Promise.all([
      ruleFacts(store.read, d.productId, d.rules),
      store.read.decisions.contradictions(d.id),
    ]);
    const mayDecide = acceptorRoles(d.technical).includes(ctx.role);
    return {
      ...d,
      rules: d.rules.map((rule) => ({ rule, words: describeRule(rule, facts) })),
      contradictions,
      can: { accept: mayDecide && d.status === 'proposed', supersede: mayDecide && d.status === 'accepted' },
    };
  }

  return {
    productOf: (decisionId: string) => store.read.decisions.productOf(decisionId),
    list: (ctx: ProductContext) => store.read.decisions.list(ctx.productId),

    async get(ctx: ProductContext, id: string) {
      return view(ctx, await load(store.read, ctx, id));
    },

    async create(ctx: ProductContext, input: CreateDecisionInput) {
      const id = await store.transaction(async (r) => {
        await checkDecisionRefs(r, ctx.productId, input);
        // The items a rule names are items the decision governs.
        const ruleItems = input.rules.flatMap((rule) => ruleTargets(rule).itemIds);
        const itemIds = [...new Set([...input.itemIds, ...ruleItems])];
        const participants = [...new Set(input.participants)];
        const row = await r.decisions.insert({
          ...input,
          itemIds,
          participants,
          productId: ctx.productId,
          proposedBy: ctx.actor.userId,
        });
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'decision',
          entityId: row.id,
          type: 'decision.created',
          after: {
            number: row.number,
            title: input.title,
            technical: input.technical,
            itemIds,
            participants,
            rules: input.rules.map((rule) => ({ ...rule })),
          },
        });
        return row.id;
      });
      return view(ctx, await load(store.read, ctx, id));
    },

    async accept(ctx: ProductContext, id: string) {
      await store.transaction(async (r) => {
        const d = await r.decisions.lock(id);
        if (!d || d.productId !== ctx.productId) throw notFound('That decision');
        const refusal = decideAccept(d, ctx.role);
        if (refusal) throw refusal;
        const targets = d.rules.flatMap((rule) => {
          const t = ruleTargets(rule);
          const items = t.itemIds.map((itemId) => ({ itemId, sprintId: null }));
          return t.sprintId ? [...items, { itemId: null, sprintId: t.sprintId }] : items;
        });
        await r.decisions.accept(id, ctx.actor.userId, now(), targets);
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'decision',
          entityId: id,
          type: 'decision.accepted',
          after: { number: d.number, title: d.title },
        });
      });
      return view(ctx, await load(store.read, ctx, id));
    },

    async supersede(ctx: ProductContext, id: string, byDecisionId: string) {
      await store.transaction(async (r) => {
        const d = await r.decisions.lock(id);
        if (!d || d.productId !== ctx.productId) throw notFound('That decision');
        const by = byDecisionId === id ? d : await r.decisions.lock(byDecisionId);
        const refusal = decideSupersede(d, by, ctx.role);
        if (refusal) throw refusal;
        await r.decisions.supersede(id, byDecisionId, now());
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'decision',
          entityId: id,
          type: 'decision.superseded',
          after: { number: d.number, title: d.title, byDecisionId, byNumber: by!.number },
        });
      });
      return view(ctx, await load(store.read, ctx, id));
    },

    /** Every repayment of the product with its workaround, for the boards' cards. */
    async repayments(ctx: ProductContext) {
      const at = now();
      return (await store.read.repayments.ofProduct(ctx.productId)).map((rep) => ({
        ...presentRepayment(rep, at),
        workaroundItemId: rep.workaroundItemId,
        workaroundKey: rep.workaroundKey,
      }));
    },

    /** What the item panel shows: the decisions it is under, flags on it, how it was resolved, its repayments. */
    async itemFlags(ctx: ProductContext, itemId: string) {
      const item = await store.read.items.byId(itemId);
      if (!item || item.productId !== ctx.productId) throw notFound('That item');
      const [governed, resolution, repayments] = await Promise.all([
        store.read.decisions.forItem(itemId),
        store.read.repayments.resolutionOf(itemId),
        store.read.repayments.ofWorkaround(itemId),
      ]);
      const at = now();
      return { ...governed, resolution, repayments: repayments.map((rep) => presentRepayment(rep, at)) };
    },
  };
}
export type DecisionUseCases = ReturnType<typeof decisionUseCases>;
