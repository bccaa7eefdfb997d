import { z } from 'zod';
import { Id, IsoDateTime, intText, ProductRoleSchema, text } from './common.ts';
import { EventTypeSchema } from './events.ts';

export const ProductKey = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, { message: 'Use 2–10 capital letters or digits, starting with a letter' });

export const Product = z.object({
  id: Id,
  name: z.string(),
  key: z.string(),
  description: z.string(),
  role: ProductRoleSchema.describe("The caller's role on this product"),
  version: z.number().int(),
  createdAt: IsoDateTime,
});
export type Product = z.infer<typeof Product>;

export const CreateProductBody = z.object({
  name: text({ min: 1, max: 80, minMessage: 'Name the product' }),
  key: ProductKey,
  description: text({ max: 2000, multiline: true }).default(''),
});
export const UpdateProductBody = CreateProductBody.partial();
export const ProductList = z.object({ products: z.array(Product) });

export const Member = z.object({
  userId: Id,
  name: z.string(),
  email: z.string(),
  role: ProductRoleSchema,
  addedAt: IsoDateTime,
  /** The product's segments this member belongs to: every answer and vote reads per segment. */
  segmentIds: z.array(Id),
  /** False for people added without a password: they sign in through a personal link. */
  hasPassword: z.boolean(),
});
export type Member = z.infer<typeof Member>;
export const MemberList = z.object({ members: z.array(Member) });
export const AddMemberBody = z.object({ userId: Id, role: ProductRoleSchema });
export const UpdateMemberBody = z
  .object({
    role: ProductRoleSchema.optional(),
    /** Replaces the member's segments; each must be one of this product's segments. */
    segmentIds: z.array(Id).max(100, { message: 'At most 100 segments' }).optional(),
  })
  .refine((b) => b.role !== undefined || b.segmentIds !== undefined, {
    message: 'Send a role, segmentIds, or both',
    path: ['role'],
  });
export const MemberParams = z.object({ productId: Id, userId: Id });

export const Segment = z.object({
  id: Id,
  productId: Id,
  name: z.string(),
  description: z.string(),
  /** Target share of effort for this segment, 0–100, or null when none is set. */
  targetShare: z.number().nullable(),
});
export type Segment = z.infer<typeof Segment>;
export const SegmentList = z.object({ segments: z.array(Segment) });
export const CreateSegmentBody = z.object({
  name: text({ min: 1, max: 60, minMessage: 'Name the segment' }),
  description: text({ max: 500, multiline: true }).default(''),
  targetShare: z.number().min(0).max(100).nullable().default(null),
});
export const UpdateSegmentBody = CreateSegmentBody.partial();
export const SegmentParams = z.object({ productId: Id, segmentId: Id });

export const Event = z.object({
  id: z.string(),
  productId: Id.nullable(),
  actor: z.object({ id: Id, name: z.string() }).nullable(),
  entityType: z.string(),
  entityId: z.string(),
  type: EventTypeSchema.describe('One of the event catalog (contracts/events.ts)'),
  before: z.unknown().describe('Before the change: the changed fields only, for updates'),
  after: z.unknown().describe('After the change: the changed fields only, for updates'),
  at: IsoDateTime,
});
export type Event = z.infer<typeof Event>;
export const EventList = z.object({ events: z.array(Event), nextCursor: z.string().nullable() });
export const EventQuery = z.object({
  /** An event id (bigserial); kept within the integers a JS number holds exactly. */
  cursor: intText({ min: 1, max: Number.MAX_SAFE_INTEGER }).transform(String).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  entityType: text({ max: 40 }).optional(),
  entityId: text({ max: 80 }).optional(),
});
