import type { EventPayload } from '#contracts/events.ts';
import type { ProductRole } from '#domain/roles.ts';

/**
 * Repository ports: what use cases need from storage. server/db implements them; use cases never
 * see SQL. Rows come back as these plain records and are shaped for the API by presenters.
 */
export type WorkspaceRoleName = 'admin' | 'member';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  /** Null for people added without a password (stakeholders from a list): no password signs them in. */
  passwordHash: string | null;
  workspaceRole: WorkspaceRoleName;
  disabled: boolean;
  createdAt: Date;
}

/** The fields every request needs about its caller. */
export type UserSummary = Pick<UserRecord, 'id' | 'email' | 'name' | 'workspaceRole' | 'disabled'>;

export interface UsersRepo {
  count(): Promise<number>;
  byId(id: string): Promise<UserRecord | null>;
  byEmail(email: string): Promise<UserRecord | null>;
  /** The accounts with these emails (lower-cased, as stored). */
  byEmails(emails: readonly string[]): Promise<UserRecord[]>;
  list(): Promise<UserRecord[]>;
  /**
   * Active people who share at least one live product with `userId` (themselves included), counting
   * only the products where `userId` holds one of `asRoles`.
   */
  sharingProductsWith(userId: string, asRoles: readonly ProductRole[]): Promise<UserRecord[]>;
  insert(u: {
    email: string;
    name: string;
    passwordHash: string | null;
    workspaceRole: WorkspaceRoleName;
  }): Promise<UserRecord>;
  update(
    id: string,
    patch: Partial<Pick<UserRecord, 'name' | 'workspaceRole' | 'disabled' | 'passwordHash'>>,
  ): Promise<UserRecord | null>;
}

export interface SessionRecord {
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** The session's user, joined in the same query: one round trip per request. */
  user: UserSummary;
}
export interface SessionsRepo {
  insert(idHash: Buffer, userId: string, at: Date): Promise<void>;
  get(idHash: Buffer): Promise<SessionRecord | null>;
  touch(idHash: Buffer, at: Date): Promise<void>;
  delete(idHash: Buffer): Promise<void>;
  deleteForUser(userId: string): Promise<number>;
  /** Ends every session of the user but the one whose hash is `keep`. */
  deleteForUserExcept(userId: string, keep: Buffer): Promise<number>;
}

export interface TokenRecord {
  id: string;
  userId: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}
export interface TokensRepo {
  insert(userId: string, name: string, tokenHash: Buffer): Promise<TokenRecord>;
  listForUser(userId: string): Promise<TokenRecord[]>;
  /** Finds a live (not revoked) token with its user. */
  find(tokenHash: Buffer): Promise<(TokenRecord & { user: UserSummary }) | null>;
  stampUse(id: string, at: Date): Promise<void>;
  revoke(userId: string, id: string): Promise<boolean>;
  /** Revokes for good every live token of the user (re-enabling them does not bring these back). */
  revokeAllForUser(userId: string): Promise<number>;
}

export interface InviteRecord {
  id: string;
  email: string | null;
  workspaceRole: WorkspaceRoleName;
  expiresAt: Date;
  usedAt: Date | null;
}
export interface InvitesRepo {
  insert(i: {
    tokenHash: Buffer;
    email: string | null;
    workspaceRole: WorkspaceRoleName;
    createdBy: string;
    expiresAt: Date;
  }): Promise<InviteRecord>;
  byToken(tokenHash: Buffer): Promise<InviteRecord | null>;
  markUsed(id: string, userId: string): Promise<void>;
}

export interface PasswordResetRecord {
  id: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
}
export interface PasswordResetsRepo {
  insert(r: {
    tokenHash: Buffer;
    userId: string;
    createdBy: string;
    expiresAt: Date;
  }): Promise<PasswordResetRecord>;
  byToken(tokenHash: Buffer): Promise<PasswordResetRecord | null>;
  /** Marks the link used (false when it already was); also ends the user's other open links. */
  markUsed(id: string, userId: string): Promise<boolean>;
  /** Ends the user's open links, so only the newest one works. */
  supersede(userId: string): Promise<void>;
}

export interface ProductRecord {
  id: string;
  name: string;
  key: string;
  description: string;
  version: number;
  createdAt: Date;
}
export interface ProductsRepo {
  insert(p: { name: string; key: string; description: string }): Promise<ProductRecord>;
  byId(id: string): Promise<ProductRecord | null>;
  keyTaken(key: string, exceptId?: string): Promise<boolean>;
  /** Products the user is a member of, with their role. */
  listForUser(userId: string): Promise<Array<ProductRecord & { role: ProductRole }>>;
  update(
    id: string,
    version: number,
    patch: Partial<Pick<ProductRecord, 'name' | 'key' | 'description'>>,
  ): Promise<ProductRecord | null>;
  softDelete(id: string): Promise<void>;
  /** Atomically hands out the next item number for item keys such as VIP-42. */
  nextItemNumbers(id: string, count: number): Promise<number>;
}

export interface MemberRecord {
  productId: string;
  userId: string;
  name: string;
  email: string;
  role: ProductRole;
  addedAt: Date;
  /** The product's segments the member belongs to ("VIP members"), by id. */
  segmentIds: string[];
  /** False for people added without a password (they sign in by a personal link). */
  hasPassword: boolean;
}
export interface MembersRepo {
  /** The caller's role on a live product, or null: the one query every product route runs. */
  roleOf(productId: string, userId: string): Promise<ProductRole | null>;
  list(productId: string): Promise<MemberRecord[]>;
  get(productId: string, userId: string): Promise<MemberRecord | null>;
  upsert(productId: string, userId: string, role: ProductRole): Promise<MemberRecord>;
  remove(productId: string, userId: string): Promise<boolean>;
  countOwners(productId: string): Promise<number>;
  /** Replaces the member's segments (ids of this product's segments). */
  setSegments(productId: string, userId: string, segmentIds: readonly string[]): Promise<void>;
}

export interface SegmentRecord {
  id: string;
  productId: string;
  name: string;
  description: string;
  targetShare: number | null;
}
export interface SegmentsRepo {
  list(productId: string): Promise<SegmentRecord[]>;
  get(productId: string, id: string): Promise<SegmentRecord | null>;
  nameTaken(productId: string, name: string, exceptId?: string): Promise<boolean>;
  insert(s: Omit<SegmentRecord, 'id'>): Promise<SegmentRecord>;
  update(
    productId: string,
    id: string,
    patch: Partial<Omit<SegmentRecord, 'id' | 'productId'>>,
  ): Promise<SegmentRecord | null>;
  remove(productId: string, id: string): Promise<boolean>;
}

/**
 * An event as a use case records it: who, on which product and entity, plus one entry of the
 * catalog (contracts/events.ts), so an unknown type or a wrong payload does not compile.
 */
export type NewEvent = EventPayload & {
  productId: string | null;
  actorId: string | null;
  entityId: string;
};
/** An event as stored; read paths see any type (rows may predate today's catalog). */
export interface EventRecord {
  id: number;
  productId: string | null;
  actorId: string | null;
  actorName: string | null;
  entityType: string;
  entityId: string;
  type: string;
  before: unknown;
  after: unknown;
  at: Date;
}
/**
 * Hears NOTIFYs sent by any instance (through `EventsRepo.notify`). Implemented in db/listen.ts:
 * one LISTEN connection per instance shared by every channel, reconnecting by itself.
 */
export interface ListenBridge {
  /**
   * Calls `onMessage` with each payload NOTIFYed on `channel`. `onLive(true)` once the channel is
   * heard; `onLive(false)` when the connection is lost, as messages may then be missed (the bridge
   * reconnects and says `onLive(true)` again). Returns a function that stops listening.
   */
  listen(channel: string, onMessage: (payload: string) => void, onLive?: (live: boolean) => void): () => void;
  /** Releases the connection for good (at shutdown). */
  close(): Promise<void>;
}
export interface EventsRepo {
  /** Appends in the current transaction; use cases call `recordEvent` (app/events.ts), not this. */
  appendMany(events: NewEvent[]): Promise<void>;
  /**
   * The one place NOTIFY is sent (PostgreSQL delivers it at commit to every instance). Other
   * repositories never send NOTIFY themselves.
   */
  notify(channel: string, payload: string): Promise<void>;
  list(q: {
    productId: string;
    beforeId?: number;
    limit: number;
    entityType?: string;
    entityId?: string;
  }): Promise<EventRecord[]>;
  /** One event by id (what a reaction job carries), or null. */
  byId(id: number): Promise<EventRecord | null>;
  /** Events of a product after `afterId`, oldest first: what live streams send. */
  after(productId: string, afterId: number, limit: number): Promise<EventRecord[]>;
  latestId(productId: string): Promise<number>;
  /** The newest event id of the whole workspace (0 when there is none). */
  lastId(): Promise<number>;
  /**
   * Seeding only (the demo builder, src/cli/demo): the events after `afterId` get times spread
   * evenly over [from, to] in id order, so a story built in seconds reads as weeks of work.
   * Events are still written by `recordEvent` alone; this moves their clock. Returns the last id.
   */
  retimeForSeed(afterId: number, from: Date, to: Date): Promise<number>;
}

export interface WorkspaceRepo {
  name(): Promise<string>;
  rename(name: string): Promise<void>;
  /** Serialises first-run setup so two requests cannot both create the first admin. */
  lockForSetup(): Promise<void>;
  /** The secret that signs "known device" cookies (made by migration 0003, shared by instances). */
  deviceKey(): Promise<Buffer>;
}

export interface IdempotentRequest {
  /** `METHOD /path` as called. */
  route: string;
  /** A hash of method, path and body: the same key with another request is refused. */
  hash: string;
}
export interface IdempotencyRepo {
  get(
    userId: string,
    key: string,
  ): Promise<{ route: string; hash: string | null; status: number; response: unknown } | null>;
  put(
    userId: string,
    key: string,
    request: IdempotentRequest,
    status: number,
    response: unknown,
  ): Promise<void>;
}
