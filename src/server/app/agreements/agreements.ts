import { recordEvent } from '#app/events.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos, Store } from '#app/store.ts';
import { isUuid } from '#contracts/common.ts';
import { splitParagraphs } from '#domain/agreements/paragraphs.ts';
import { templateFor } from '#domain/agreements/templates.ts';
import {
  assertCommentsOpen,
  assertRevisable,
  checkProposalTimes,
  effectiveAt,
  statusAt,
} from '#domain/agreements/versions.ts';
import { AppError, forbidden, invalid, notFound } from '#domain/errors.ts';
import { hasRole, type ProductRole, ROLES } from '#domain/roles.ts';
import type { AgreementPatch, AgreementRecord } from './ports.ts';
import { type Loaded, presentAgreement, presentDetail } from './present.ts';

/** Every internal member is asked unless the agreement names roles. */
const DEFAULT_ROLES: readonly ProductRole[] = ROLES.readers;

export interface ProposeInput {
  body: string;
  commentUntil?: string | undefined;
  effectiveFrom: string;
}

/**
 * Working agreements (issue 13, seed 002: "hold everyone accountable in writing"): the PO and the
 * team write versions, members comment per paragraph during the comment period, and everyone the
 * agreement names acknowledges the version in force. The domain decides every rule; this loads,
 * orchestrates, saves and records the events in one transaction.
 */
export function agreementUseCases(store: Store, now: () => Date) {
  const productOfAgreement = new Map<string, string>();

  async function load(r: Repos, ctx: ProductContext, id: string, lock?: 'update'): Promise<Loaded> {
    const agreement = await r.agreements.get(id, lock);
    // A stakeholder is shown an agreement only once the PO shares it; before, it does not exist.
    if (
      !agreement ||
      agreement.productId !== ctx.productId ||
      (!hasRole(ctx.role, ROLES.readers) && !agreement.shared)
    )
      throw notFound('That agreement');
    const [versions, acks, comments, members] = await Promise.all([
      r.agreements.versions([id]),
      r.agreements.acknowledgements([id]),
      r.agreements.comments(id),
      r.members.list(ctx.productId),
    ]);
    return { agreement, versions, acks, comments, members };
  }

  const event = (ctx: ProductContext, id: string) => ({
    productId: ctx.productId,
    actorId: ctx.actor.userId,
    entityType: 'agreement' as const,
    entityId: id,
  });

  const conflict = (a: AgreementRecord, version: number) => {
    if (a.version !== version)
      throw new AppError('version_conflict', 'Someone changed this agreement meanwhile.', undefined, {
        current: { version: a.version, title: a.title, draft: a.draft, roles: a.roles, shared: a.shared },
      });
  };

  const onlyOwnerShares = (ctx: ProductContext, shared: boolean | undefined) => {
    if (shared !== undefined && ctx.role !== 'owner')
      throw forbidden('Only the Product Owner shares an agreement with stakeholders.');
  };

  async function recordEffective(r: Repos, productId: string, id: string, version: number, title: string) {
    if (!(await r.agreements.markEffectiveNoticed(id, version, now()))) return;
    await recordEvent(r, {
      productId,
      actorId: null,
      entityType: 'agreement',
      entityId: id,
      type: 'agreement.effective',
      after: { version, title },
    });
  }

  return {
    async productOf(id: string | undefined) {
      if (!isUuid(id)) return null;
      const known = productOfAgreement.get(id);
      if (known) return known;
      const productId = await store.read.agreements.productOf(id);
      if (productId) {
        if (productOfAgreement.size >= 20_000) productOfAgreement.clear();
        productOfAgreement.set(id, productId);
      }
      return productId;
    },

    async list(ctx: ProductContext) {
      const r = store.read;
      const all = (await r.agreements.list(ctx.productId)).filter(
        (a) => a.shared || hasRole(ctx.role, ROLES.readers),
      );
      const ids = all.map((a) => a.id);
      const [versions, acks, members] = await Promise.all([
        r.agreements.versions(ids),
        r.agreements.acknowledgements(ids),
        r.members.list(ctx.productId),
      ]);
      const at = now();
      return all.map((agreement) =>
        presentAgreement(
          ctx,
          {
            agreement,
            versions: versions.filter((v) => v.agreementId === agreement.id),
            acks: acks.filter((a) => a.agreementId === agreement.id),
            members,
          },
          at,
        ),
      );
    },

    get: async (ctx: ProductContext, id: string) =>
      presentDetail(ctx, await load(store.read, ctx, id), now()),

    create: (
      ctx: ProductContext,
      input: {
        title: string;
        template?: string | undefined;
        draft?: string | undefined;
        roles?: readonly ProductRole[] | undefined;
        shared?: boolean | undefined;
      },
    ) =>
      store.transaction(async (r) => {
        onlyOwnerShares(ctx, input.shared ? true : undefined);
        const template = input.template ? templateFor(input.template) : null;
        const a = await r.agreements.insert({
          productId: ctx.productId,
          title: input.title,
          roles: input.roles ?? DEFAULT_ROLES,
          shared: input.shared ?? false,
          draft: input.draft ?? template?.body ?? null,
          template: template?.key ?? null,
          createdBy: ctx.actor.userId,
          createdAt: now(),
        });
        await recordEvent(r, {
          ...event(ctx, a.id),
          type: 'agreement.created',
          after: { title: a.title, roles: a.roles, shared: a.shared, template: a.template },
        });
        return presentDetail(ctx, await load(r, ctx, a.id), now());
      }),

    update: (ctx: ProductContext, id: string, version: number, patch: AgreementPatch) =>
      store.transaction(async (r) => {
        onlyOwnerShares(ctx, patch.shared);
        const { agreement: a } = await load(r, ctx, id, 'update');
        conflict(a, version);
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const key of ['title', 'roles', 'shared', 'draft'] as const) {
          const next = patch[key];
          if (next === undefined || JSON.stringify(next) === JSON.stringify(a[key])) continue;
          before[key] = a[key];
          after[key] = next;
        }
        if (Object.keys(after).length === 0) return presentDetail(ctx, await load(r, ctx, id), now());
        await r.agreements.update(id, after as AgreementPatch);
        await recordEvent(r, { ...event(ctx, id), type: 'agreement.updated', before, after });
        return presentDetail(ctx, await load(r, ctx, id), now());
      }),

    /** A new version: proposed now, in force from `effectiveFrom`, superseding the one in force then. */
    propose: (ctx: ProductContext, id: string, input: ProposeInput) =>
      store.transaction(async (r) => {
        const l = await load(r, ctx, id, 'update');
        const at = now();
        const times = checkProposalTimes(
          {
            commentUntil: input.commentUntil ? new Date(input.commentUntil) : null,
            effectiveFrom: new Date(input.effectiveFrom),
          },
          at,
        );
        const live = l.versions.filter((v) => statusAt(v, l.versions, at) !== 'withdrawn');
        const latest = live[live.length - 1];
        if (latest && latest.body.trim() === input.body.trim())
          throw invalid({
            body: `This is the text of version ${latest.number} already: change something first`,
          });
        const number = (l.versions[l.versions.length - 1]?.number ?? 0) + 1;
        await r.agreements.insertVersion({
          agreementId: id,
          number,
          body: input.body,
          proposedBy: ctx.actor.userId,
          proposedAt: at,
          ...times,
        });
        // The draft became this proposal.
        if (l.agreement.draft !== null) await r.agreements.update(id, { draft: null });
        await recordEvent(r, {
          ...event(ctx, id),
          type: 'agreement.proposed',
          after: {
            version: number,
            commentUntil: times.commentUntil?.toISOString() ?? null,
            effectiveFrom: times.effectiveFrom.toISOString(),
          },
        });
        if (times.effectiveFrom <= at) await recordEffective(r, ctx.productId, id, number, l.agreement.title);
        return presentDetail(ctx, await load(r, ctx, id), now());
      }),

    /** Revises a proposal during its life as a proposal; an effective version is final. */
    revise: (
      ctx: ProductContext,
      id: string,
      number: number,
      revision: number,
      patch: {
        body?: string | undefined;
        commentUntil?: string | null | undefined;
        effectiveFrom?: string | undefined;
      },
    ) =>
      store.transaction(async (r) => {
        const l = await load(r, ctx, id, 'update');
        const v = l.versions.find((x) => x.number === number);
        if (!v) throw notFound('That version');
        const at = now();
        assertRevisable(v, l.versions, at);
        if (v.revision !== revision)
          throw new AppError('version_conflict', 'Someone revised this proposal meanwhile.', undefined, {
            current: {
              revision: v.revision,
              body: v.body,
              commentUntil: v.commentUntil,
              effectiveFrom: v.effectiveFrom,
            },
          });
        const next = {
          body: patch.body ?? v.body,
          commentUntil:
            patch.commentUntil === undefined
              ? v.commentUntil
              : patch.commentUntil
                ? new Date(patch.commentUntil)
                : null,
          effectiveFrom: patch.effectiveFrom ? new Date(patch.effectiveFrom) : v.effectiveFrom,
        };
        const times = checkProposalTimes(next, at);
        const before: Record<string, string | null> = {};
        const after: Record<string, string | null> = {};
        if (next.body !== v.body) {
          before.body = v.body;
          after.body = next.body;
        }
        const stamp = (d: Date | null) => d?.toISOString() ?? null;
        if (stamp(times.commentUntil) !== stamp(v.commentUntil)) {
          before.commentUntil = stamp(v.commentUntil);
          after.commentUntil = stamp(times.commentUntil);
        }
        if (stamp(times.effectiveFrom) !== stamp(v.effectiveFrom)) {
          before.effectiveFrom = stamp(v.effectiveFrom);
          after.effectiveFrom = stamp(times.effectiveFrom);
        }
        if (Object.keys(after).length > 0) {
          await r.agreements.reviseVersion(id, number, { body: next.body, ...times });
          await recordEvent(r, {
            ...event(ctx, id),
            type: 'agreement.revised',
            before,
            after: { ...after, version: number },
          });
          if (times.effectiveFrom <= at)
            await recordEffective(r, ctx.productId, id, number, l.agreement.title);
        }
        return presentDetail(ctx, await load(r, ctx, id), now());
      }),

    comment: (ctx: ProductContext, id: string, number: number, input: { paragraph: number; text: string }) =>
      store.transaction(async (r) => {
        const l = await load(r, ctx, id);
        const v = l.versions.find((x) => x.number === number);
        if (!v) throw notFound('That version');
        assertCommentsOpen(v, l.versions, now());
        const p = splitParagraphs(v.body)[input.paragraph];
        if (!p) throw invalid({ paragraph: `Version ${number} has no paragraph ${input.paragraph}` });
        const c = await r.agreements.insertComment({
          agreementId: id,
          version: number,
          paragraph: p.index,
          paragraphHash: p.hash,
          quote: p.text,
          body: input.text,
          authorId: ctx.actor.userId,
          createdAt: now(),
        });
        await recordEvent(r, {
          ...event(ctx, id),
          type: 'agreement.commented',
          after: { version: number, commentId: c.id, paragraph: p.index },
        });
        return presentDetail(ctx, await load(r, ctx, id), now());
      }),

    /** Acknowledges the version in force now; a second time is a no-op. */
    acknowledge: (ctx: ProductContext, id: string) =>
      store.transaction(async (r) => {
        const l = await load(r, ctx, id);
        const at = now();
        const version = effectiveAt(l.versions, at);
        if (version === null)
          throw new AppError(
            'conflict',
            'No version of this agreement is in effect yet: nothing to acknowledge.',
          );
        if (!l.agreement.roles.includes(ctx.role))
          throw forbidden('This agreement does not ask your role to acknowledge it.');
        if (await r.agreements.acknowledge(id, version, ctx.actor.userId, at))
          await recordEvent(r, { ...event(ctx, id), type: 'agreement.acknowledged', after: { version } });
        return presentDetail(ctx, await load(r, ctx, id), now());
      }),

    /**
     * The clock: records `agreement.effective` once for each version whose date has passed (which
     * version is in force never waits for this; only the event and its notices do). A withdrawn
     * version is marked without an event. Returns how many events were recorded.
     */
    async recordDue(limit = 200): Promise<number> {
      const at = now();
      const due = await store.read.agreements.due(at, limit);
      let recorded = 0;
      for (const d of due) {
        await store.transaction(async (r) => {
          const a = await r.agreements.get(d.agreementId, 'update');
          if (!a) return;
          const versions = await r.agreements.versions([a.id]);
          const v = versions.find((x) => x.number === d.number);
          if (!v) return;
          // Withdrawn, or superseded before the clock came by: no longer the one to acknowledge.
          if (statusAt(v, versions, at) !== 'effective') {
            await r.agreements.markEffectiveNoticed(a.id, v.number, at);
            return;
          }
          await recordEffective(r, a.productId, a.id, v.number, a.title);
          recorded++;
        });
      }
      return recorded;
    },
  };
}
export type AgreementUseCases = ReturnType<typeof agreementUseCases>;
