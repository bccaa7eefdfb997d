import { z } from 'zod';
import { INVEST_CHECKS } from '#domain/backlog/invest.ts';
import { MANUAL_LINK_KINDS } from '#domain/backlog/item-rules.ts';
import { Id, IsoDateTime, text } from './common.ts';
import { ItemStatus, LinkKind } from './items.ts';

const OrderEntry = z.object({
  id: Id,
  key: z.string(),
  title: z.string(),
  status: ItemStatus,
  wsjf: z.number().nullable(),
  needsEstimate: z.boolean(),
});
export const WsjfOrder = z.object({
  current: z.array(OrderEntry),
  suggested: z.array(OrderEntry),
  /** The fewest single-item moves that turn current into suggested. */
  moves: z.array(z.object({ id: Id, key: z.string(), afterId: Id.nullable() })),
});
/** A moved item's order key before (`from`) and after (`to`) an applied order: what Undo sends back. */
const RankChange = z.object({ id: Id, from: z.string(), to: z.string() });
export const ApplyWsjfResult = z.object({ moved: z.number().int(), changes: z.array(RankChange) });
export type ApplyWsjfResult = z.infer<typeof ApplyWsjfResult>;

/** Fractional order keys are base-62 (fractional-indexing); '~' keys mark deleted items. */
const rankKey = text({ min: 1, max: 200 }).regex(/^[0-9A-Za-z]+$/, { message: 'Not an order key' });
/** Undo of an applied order: each item goes back from `to` (where the apply put it) to `from`. */
export const RestoreOrderBody = z.object({
  changes: z
    .array(z.object({ id: Id, from: rankKey, to: rankKey }))
    .min(1)
    .max(10_000),
});
export const RestoreOrderResult = z.object({ restored: z.number().int() });

export const InvestCheckName = z.enum(INVEST_CHECKS);
export const InvestReport = z.object({
  itemId: Id,
  findings: z.array(z.object({ check: InvestCheckName, ok: z.boolean(), reason: z.string() })),
  /** Failing checks the product's Definition of Ready requires; empty = may become ready. */
  readinessGaps: z.array(InvestCheckName),
  ready: z.boolean(),
});

export const BacklogSettings = z.object({
  productId: Id,
  definitionOfReady: z.array(InvestCheckName),
  splitThreshold: z.number(),
  version: z.number().int(),
});
export const UpdateBacklogSettingsBody = z.object({
  definitionOfReady: z.array(InvestCheckName).max(6).optional(),
  splitThreshold: z.number().min(1, { message: 'At least 1 point' }).max(1000).optional(),
});

export const HistoryEntry = z.object({
  id: z.string(),
  at: IsoDateTime,
  actor: z.object({ id: Id, name: z.string() }).nullable(),
  type: z.string(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});
export const ItemHistory = z.object({ entries: z.array(HistoryEntry) });

export const Comment = z.object({
  id: Id,
  itemId: Id,
  author: z.object({ id: Id, name: z.string() }).nullable(),
  body: z.string(),
  mentions: z.array(z.object({ id: Id, name: z.string() })),
  createdAt: IsoDateTime,
});
export const CommentList = z.object({ comments: z.array(Comment) });
export const CreateCommentBody = z.object({
  body: text({ min: 1, max: 10_000, multiline: true, trim: true, minMessage: 'Write something' }),
});

export const Link = z.object({
  id: Id,
  kind: LinkKind,
  fromItemId: Id,
  toItemId: Id,
  /** The other item, from the point of view of the item asked about. */
  other: z.object({ id: Id, key: z.string(), title: z.string(), status: ItemStatus }),
  /** How the asked-about item relates: "blocks", "blocked by", "relates to", "duplicates", "duplicated by". */
  direction: z.enum(['outgoing', 'incoming']),
  createdAt: IsoDateTime,
});
export const LinkList = z.object({ links: z.array(Link) });
export const CreateLinkBody = z.object({ kind: z.enum(MANUAL_LINK_KINDS), toItemId: Id });
export const LinkParams = z.object({ itemId: Id, linkId: Id });
