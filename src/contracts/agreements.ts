import { z } from 'zod';
import { TEMPLATE_KEYS } from '#domain/agreements/templates.ts';
import { VERSION_STATUSES } from '#domain/agreements/versions.ts';
import { PRODUCT_ROLES } from '#domain/roles.ts';
import { Id, IsoDateTime, intText, ProductRoleSchema, text } from './common.ts';

/** Working agreements (issue 13): versions with a comment period, an effective date, acknowledgements. */
const DateTime = z.iso.datetime({ offset: true, message: 'Use a date-time like 2026-12-07T17:00:00Z' });
const Body = text({ min: 1, max: 50_000, multiline: true, trim: false, minMessage: 'Write the agreement' });
/** Internal roles only: stakeholders read a shared agreement, they are not asked to acknowledge it. */
const AskedRoles = z
  .array(
    z.enum(PRODUCT_ROLES.filter((r) => r !== 'stakeholder') as ['owner', 'team', 'facilitator', 'viewer']),
  )
  .min(1, { message: 'Name at least one role' })
  .max(4);

export const AgreementParams = z.object({ agreementId: Id });
export const AgreementVersionParams = z.object({
  agreementId: Id,
  version: intText({ min: 1, max: 100_000, message: 'Must be a version number' }),
});

export const CreateAgreement = z.object({
  title: text({ min: 1, max: 200, minMessage: 'Give the agreement a title' }),
  /** Start from one of the templates (its text becomes the draft unless `draft` is sent). */
  template: z.enum(TEMPLATE_KEYS).optional(),
  draft: Body.optional(),
  roles: AskedRoles.optional(),
  shared: z.boolean().optional(),
});

export const UpdateAgreement = z.object({
  title: text({ min: 1, max: 200, minMessage: 'Give the agreement a title' }).optional(),
  draft: Body.nullable().optional(),
  roles: AskedRoles.optional(),
  /** Only the Product Owner shares an agreement with stakeholders. */
  shared: z.boolean().optional(),
});

export const ProposeVersion = z.object({
  body: Body,
  /** Members comment until then; omitted: no comment period. */
  commentUntil: DateTime.optional(),
  /** When it takes effect (now or later); it supersedes the version in force then. */
  effectiveFrom: DateTime,
});

export const ReviseVersion = z.object({
  body: Body.optional(),
  commentUntil: DateTime.nullable().optional(),
  effectiveFrom: DateTime.optional(),
});

export const CommentOnVersion = z.object({
  /** The paragraph's index in the version's `paragraphs`. */
  paragraph: z.number().int().min(0).max(10_000),
  text: text({ min: 1, max: 5_000, multiline: true, trim: true, minMessage: 'Write a comment' }),
});

const PersonView = z.object({ id: Id, name: z.string() });
const MemberView = z.object({ userId: Id, name: z.string(), role: ProductRoleSchema });
const WordPart = z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() });
export const DiffPart = z.union([
  z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() }),
  z.object({ kind: z.literal('changed'), words: z.array(WordPart) }),
]);
export type DiffPart = z.infer<typeof DiffPart>;

export const AgreementComment = z.object({
  id: Id,
  version: z.number().int(),
  /** Where it was written, and the text it was about. */
  paragraph: z.number().int(),
  paragraphHash: z.string(),
  quote: z.string(),
  /** Where that text is in this version now; null when the paragraph was changed since (outdated). */
  currentParagraph: z.number().int().nullable(),
  text: z.string(),
  author: PersonView.nullable(),
  at: IsoDateTime,
});
export type AgreementComment = z.infer<typeof AgreementComment>;

export const AgreementVersion = z.object({
  number: z.number().int(),
  status: z.enum(VERSION_STATUSES),
  body: z.string(),
  paragraphs: z.array(z.object({ index: z.number().int(), hash: z.string(), text: z.string() })),
  proposedBy: PersonView.nullable(),
  proposedAt: IsoDateTime,
  commentUntil: IsoDateTime.nullable(),
  effectiveFrom: IsoDateTime,
  commentsOpen: z.boolean(),
  /** Send as If-Match to revise this version while it is proposed. */
  revision: z.number().int(),
  /** From the version before it (empty for the first). */
  diff: z.array(DiffPart),
  comments: z.array(AgreementComment),
});
export type AgreementVersion = z.infer<typeof AgreementVersion>;

export const Acknowledgements = z.object({
  version: z.number().int(),
  acknowledged: z.array(MemberView.extend({ at: IsoDateTime })),
  pending: z.array(MemberView),
});

export const Agreement = z.object({
  id: Id,
  productId: Id,
  title: z.string(),
  roles: z.array(ProductRoleSchema),
  shared: z.boolean(),
  draft: z.string().nullable(),
  template: z.string().nullable(),
  createdBy: PersonView.nullable(),
  createdAt: IsoDateTime,
  /** Send as If-Match to change the title, roles, sharing or draft. */
  version: z.number().int(),
  /** 'draft' until a version is proposed, 'proposed' until one takes effect. */
  status: z.enum(['draft', 'proposed', 'effective']),
  effectiveVersion: z.number().int().nullable(),
  pendingVersion: z.number().int().nullable(),
  /** The pending proposal's comment period and date. */
  commentUntil: IsoDateTime.nullable(),
  effectiveFrom: IsoDateTime.nullable(),
  /** Who has and has not acknowledged the version in force; null for stakeholders or before one. */
  acknowledgements: Acknowledgements.nullable(),
  /** What the caller may do (the UI hides the rest). */
  can: z.object({
    propose: z.boolean(),
    comment: z.boolean(),
    acknowledge: z.boolean(),
    share: z.boolean(),
    edit: z.boolean(),
  }),
  /** True when the caller is asked and has acknowledged the version in force. */
  acknowledgedByMe: z.boolean(),
});
export type Agreement = z.infer<typeof Agreement>;

export const AgreementDetail = Agreement.extend({ versions: z.array(AgreementVersion) });
export type AgreementDetail = z.infer<typeof AgreementDetail>;
export const AgreementList = z.object({ agreements: z.array(Agreement) });

export const AgreementTemplateView = z.object({
  key: z.enum(TEMPLATE_KEYS),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
});
export const AgreementTemplates = z.object({ templates: z.array(AgreementTemplateView) });
