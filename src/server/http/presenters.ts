import type { z } from 'zod';
import type {
  EventRecord,
  MemberRecord,
  ProductRecord,
  SegmentRecord,
  TokenRecord,
  UserRecord,
} from '#app/ports.ts';
import type { ApiToken, User } from '#contracts/auth.ts';
import type { EventType } from '#contracts/events.ts';
import type { Event, Member, Product, Segment } from '#contracts/products.ts';
import type { ProductRole } from '#domain/roles.ts';

/** Records → API shapes. Never send a database row: presenters pick exactly the public fields. */
export const presentUser = (u: UserRecord): User => ({
  id: u.id,
  email: u.email,
  name: u.name,
  workspaceRole: u.workspaceRole,
  disabled: u.disabled,
  hasPassword: u.passwordHash !== null,
  createdAt: u.createdAt.toISOString(),
});

export const presentProduct = (p: ProductRecord & { role: ProductRole }): Product => ({
  id: p.id,
  name: p.name,
  key: p.key,
  description: p.description,
  role: p.role,
  version: p.version,
  createdAt: p.createdAt.toISOString(),
});

export const presentMember = (m: MemberRecord): Member => ({
  userId: m.userId,
  name: m.name,
  email: m.email,
  role: m.role,
  addedAt: m.addedAt.toISOString(),
  segmentIds: m.segmentIds,
  hasPassword: m.hasPassword,
});

export const presentSegment = (s: SegmentRecord): Segment => ({
  id: s.id,
  productId: s.productId,
  name: s.name,
  description: s.description,
  targetShare: s.targetShare,
});

export const presentEvent = (e: EventRecord): Event => ({
  id: String(e.id),
  productId: e.productId,
  actor: e.actorId ? { id: e.actorId, name: e.actorName ?? 'Someone' } : null,
  entityType: e.entityType,
  entityId: e.entityId,
  // Every writer of the events table is typed by the catalog, so stored types are catalog types.
  type: e.type as EventType,
  before: e.before ?? null,
  after: e.after ?? null,
  at: e.at.toISOString(),
});

export const presentToken = (t: TokenRecord & { token?: string }): z.infer<typeof ApiToken> => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  ...(t.token ? { token: t.token } : {}),
});
