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
  passwordHash: string;
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
  list(): Promise<UserRecord[]>;
  insert(u: {
    email: string;
    name: string;
    passwordHash: string;
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
}
export interface MembersRepo {
  /** The caller's role on a live product, or null: the one query every product route runs. */
  roleOf(productId: string, userId: string): Promise<ProductRole | null>;
  list(productId: string): Promise<MemberRecord[]>;
  get(productId: string, userId: string): Promise<MemberRecord | null>;
  upsert(productId: string, userId: string, role: ProductRole): Promise<MemberRecord>;
  remove(productId: string, userId: string): Promise<boolean>;
  countOwners(productId: string): Promise<number>;
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

export interface NewEvent {
  productId: string | null;
  actorId: string | null;
  entityType: string;
  entityId: string;
  type: string;
  before?: unknown;
  after?: unknown;
}
export interface EventRecord extends Required<NewEvent> {
  id: number;
  actorName: string | null;
  at: Date;
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
  /** Events of a product after `afterId`, oldest first: what live streams send. */
  after(productId: string, afterId: number, limit: number): Promise<EventRecord[]>;
  latestId(productId: string): Promise<number>;
}

export interface WorkspaceRepo {
  name(): Promise<string>;
  rename(name: string): Promise<void>;
  /** Serialises first-run setup so two requests cannot both create the first admin. */
  lockForSetup(): Promise<void>;
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
