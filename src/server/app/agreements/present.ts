import type { MemberRecord } from '#app/ports.ts';
import type { ProductContext } from '#app/products.ts';
import type { Agreement, AgreementDetail, AgreementVersion } from '#contracts/agreements.ts';
import { acknowledgementsFor } from '#domain/agreements/acknowledgements.ts';
import { paragraphDiff } from '#domain/agreements/diff.ts';
import { locate, splitParagraphs } from '#domain/agreements/paragraphs.ts';
import { commentsOpen, effectiveAt, pendingAt, statusAt } from '#domain/agreements/versions.ts';
import { hasRole, ROLES } from '#domain/roles.ts';
import type {
  AcknowledgementRecord,
  AgreementCommentRecord,
  AgreementRecord,
  AgreementVersionRecord,
} from './ports.ts';

export interface Loaded {
  agreement: AgreementRecord;
  versions: AgreementVersionRecord[];
  acks: AcknowledgementRecord[];
  comments: AgreementCommentRecord[];
  members: MemberRecord[];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * An agreement as the caller sees it at `now`: the statuses are computed from the dates there and
 * then (domain/agreements/versions.ts). Stakeholders (only ever shown shared agreements) get the
 * text and its versions, never the members' comments or who acknowledged.
 */
export function presentAgreement(ctx: ProductContext, l: Omit<Loaded, 'comments'>, now: Date): Agreement {
  const { agreement: a, versions } = l;
  const internal = hasRole(ctx.role, ROLES.readers);
  const effective = effectiveAt(versions, now);
  const pending = pendingAt(versions, now);
  const pendingV = versions.find((v) => v.number === pending);
  const acks =
    effective === null
      ? null
      : acknowledgementsFor(
          effective,
          a.roles,
          l.members.map((m) => ({ userId: m.userId, name: m.name, role: m.role })),
          l.acks,
        );
  const asked = internal && a.roles.includes(ctx.role);
  const mine = acks?.acknowledged.some((m) => m.userId === ctx.actor.userId) ?? false;
  const proposer = hasRole(ctx.role, ROLES.agreementWriters);
  return {
    id: a.id,
    productId: a.productId,
    title: a.title,
    roles: a.roles,
    shared: a.shared,
    draft: internal ? a.draft : null,
    template: a.template,
    createdBy: a.createdBy,
    createdAt: a.createdAt.toISOString(),
    version: a.version,
    status: effective !== null ? 'effective' : pending !== null ? 'proposed' : 'draft',
    effectiveVersion: effective,
    pendingVersion: pending,
    commentUntil: iso(pendingV?.commentUntil ?? null),
    effectiveFrom: iso(pendingV?.effectiveFrom ?? null),
    acknowledgements:
      internal && acks
        ? {
            version: acks.version,
            acknowledged: acks.acknowledged.map((m) => ({ ...m, at: m.at.toISOString() })),
            pending: acks.pending,
          }
        : null,
    can: {
      propose: proposer,
      edit: proposer,
      comment: internal && !!pendingV && commentsOpen(pendingV, versions, now),
      acknowledge: asked && effective !== null && !mine,
      share: ctx.role === 'owner',
    },
    acknowledgedByMe: mine,
  };
}

export function presentDetail(ctx: ProductContext, l: Loaded, now: Date): AgreementDetail {
  const internal = hasRole(ctx.role, ROLES.readers);
  const versions: AgreementVersion[] = l.versions.map((v, i) => {
    const paragraphs = splitParagraphs(v.body);
    const previous = i > 0 ? splitParagraphs(l.versions[i - 1]!.body).map((p) => p.text) : null;
    return {
      number: v.number,
      status: statusAt(v, l.versions, now),
      body: v.body,
      paragraphs,
      proposedBy: v.proposedBy,
      proposedAt: v.proposedAt.toISOString(),
      commentUntil: iso(v.commentUntil),
      effectiveFrom: v.effectiveFrom.toISOString(),
      commentsOpen: commentsOpen(v, l.versions, now),
      revision: v.revision,
      diff: previous
        ? paragraphDiff(
            previous,
            paragraphs.map((p) => p.text),
          )
        : [],
      comments: internal
        ? l.comments
            .filter((c) => c.version === v.number)
            .map((c) => ({
              id: c.id,
              version: c.version,
              paragraph: c.paragraph,
              paragraphHash: c.paragraphHash,
              quote: c.quote,
              currentParagraph: locate(paragraphs, { paragraph: c.paragraph, hash: c.paragraphHash }),
              text: c.body,
              author: c.author,
              at: c.createdAt.toISOString(),
            }))
        : [],
    };
  });
  // Newest first: the page opens on what is proposed or in force.
  return { ...presentAgreement(ctx, l, now), versions: versions.reverse() };
}
