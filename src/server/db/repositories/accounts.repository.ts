import type {
  IdempotencyRepo,
  InviteRecord,
  InvitesRepo,
  PasswordResetRecord,
  PasswordResetsRepo,
  SessionsRepo,
  TokenRecord,
  TokensRepo,
  UserRecord,
  UserSummary,
  UsersRepo,
  WorkspaceRepo,
} from '#app/ports.ts';
import type { Queryable } from '#db/pool.ts';
import { eventsRepo } from './events.repository.ts';

/** Tells every instance's caches that who-is-who changed (a session ended, a token or user changed). */
const notifyAuth = async (db: Queryable) => {
  await eventsRepo(db).notify('tandem_events', 'auth');
};

const USER_COLS =
  'id, email, name, password_hash as "passwordHash", workspace_role as "workspaceRole", disabled, created_at as "createdAt"';

export function usersRepo(db: Queryable): UsersRepo {
  return {
    async count() {
      return (await db.query<{ n: number }>('select count(*)::int as n from users')).rows[0]!.n;
    },
    async byId(id) {
      return (
        (await db.query<UserRecord>(`select ${USER_COLS} from users where id = $1`, [id])).rows[0] ?? null
      );
    },
    async byEmail(email) {
      return (
        (await db.query<UserRecord>(`select ${USER_COLS} from users where email = $1`, [email])).rows[0] ??
        null
      );
    },
    async byEmails(emails) {
      if (!emails.length) return [];
      return (
        await db.query<UserRecord>(`select ${USER_COLS} from users where email = any($1::text[])`, [
          [...emails],
        ])
      ).rows;
    },
    async list() {
      return (await db.query<UserRecord>(`select ${USER_COLS} from users order by lower(name)`)).rows;
    },
    async sharingProductsWith(userId, asRoles) {
      const r = await db.query<UserRecord>(
        `select ${USER_COLS} from users u
          where not u.disabled and exists (
            select 1 from product_members theirs
              join product_members mine on mine.product_id = theirs.product_id and mine.user_id = $1
               and mine.role = any($2::text[])
              join products p on p.id = theirs.product_id and p.deleted_at is null
             where theirs.user_id = u.id)
          order by lower(u.name)`,
        [userId, asRoles],
      );
      return r.rows;
    },
    async insert(u) {
      const r = await db.query<UserRecord>(
        `insert into users (email, name, password_hash, workspace_role) values ($1, $2, $3, $4) returning ${USER_COLS}`,
        [u.email, u.name, u.passwordHash, u.workspaceRole],
      );
      return r.rows[0]!;
    },
    async update(id, patch) {
      const r = await db.query<UserRecord>(
        `update users set name = coalesce($2, name), workspace_role = coalesce($3, workspace_role),
           disabled = coalesce($4, disabled), password_hash = coalesce($5, password_hash)
         where id = $1 returning ${USER_COLS}`,
        [
          id,
          patch.name ?? null,
          patch.workspaceRole ?? null,
          patch.disabled ?? null,
          patch.passwordHash ?? null,
        ],
      );
      await notifyAuth(db);
      return r.rows[0] ?? null;
    },
  };
}

export function sessionsRepo(db: Queryable): SessionsRepo {
  return {
    async insert(idHash, userId, at) {
      await db.query(
        'insert into sessions (id_hash, user_id, created_at, last_seen_at) values ($1, $2, $3, $3)',
        [idHash, userId, at],
      );
    },
    async get(idHash) {
      const r = await db.query<{ createdAt: Date; lastSeenAt: Date; user: UserSummary }>(
        `select s.created_at as "createdAt", s.last_seen_at as "lastSeenAt",
                json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'workspaceRole', u.workspace_role,
                  'disabled', u.disabled) as user
           from sessions s join users u on u.id = s.user_id where s.id_hash = $1`,
        [idHash],
      );
      const row = r.rows[0];
      return row
        ? { userId: row.user.id, createdAt: row.createdAt, lastSeenAt: row.lastSeenAt, user: row.user }
        : null;
    },
    async touch(idHash, at) {
      await db.query('update sessions set last_seen_at = $2 where id_hash = $1', [idHash, at]);
    },
    async delete(idHash) {
      await db.query('delete from sessions where id_hash = $1', [idHash]);
      await notifyAuth(db);
    },
    async deleteForUser(userId) {
      const n = (await db.query('delete from sessions where user_id = $1', [userId])).rowCount ?? 0;
      await notifyAuth(db);
      return n;
    },
    async deleteForUserExcept(userId, keep) {
      const n =
        (await db.query('delete from sessions where user_id = $1 and id_hash <> $2', [userId, keep]))
          .rowCount ?? 0;
      await notifyAuth(db);
      return n;
    },
  };
}

const TOKEN_COLS = 'id, user_id as "userId", name, created_at as "createdAt", last_used_at as "lastUsedAt"';

export function tokensRepo(db: Queryable): TokensRepo {
  return {
    async insert(userId, name, tokenHash) {
      const r = await db.query<TokenRecord>(
        `insert into api_tokens (user_id, name, token_hash) values ($1, $2, $3) returning ${TOKEN_COLS}`,
        [userId, name, tokenHash],
      );
      return r.rows[0]!;
    },
    async listForUser(userId) {
      return (
        await db.query<TokenRecord>(
          `select ${TOKEN_COLS} from api_tokens where user_id = $1 and revoked_at is null order by created_at desc`,
          [userId],
        )
      ).rows;
    },
    async find(tokenHash) {
      const r = await db.query<TokenRecord & { user: UserSummary }>(
        `select t.id, t.user_id as "userId", t.name, t.created_at as "createdAt", t.last_used_at as "lastUsedAt",
                json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'workspaceRole', u.workspace_role,
                  'disabled', u.disabled) as user
           from api_tokens t join users u on u.id = t.user_id where t.token_hash = $1 and t.revoked_at is null`,
        [tokenHash],
      );
      return r.rows[0] ?? null;
    },
    async stampUse(id, at) {
      await db.query('update api_tokens set last_used_at = $2 where id = $1', [id, at]);
    },
    async revoke(userId, id) {
      const r = await db.query(
        'update api_tokens set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null',
        [id, userId],
      );
      await notifyAuth(db);
      return (r.rowCount ?? 0) > 0;
    },
    async revokeAllForUser(userId) {
      const r = await db.query(
        'update api_tokens set revoked_at = now() where user_id = $1 and revoked_at is null',
        [userId],
      );
      await notifyAuth(db);
      return r.rowCount ?? 0;
    },
  };
}

export function invitesRepo(db: Queryable): InvitesRepo {
  const cols = 'id, email, workspace_role as "workspaceRole", expires_at as "expiresAt", used_at as "usedAt"';
  return {
    async insert(i) {
      const r = await db.query<InviteRecord>(
        `insert into invites (token_hash, email, workspace_role, created_by, expires_at) values ($1, $2, $3, $4, $5) returning ${cols}`,
        [i.tokenHash, i.email, i.workspaceRole, i.createdBy, i.expiresAt],
      );
      return r.rows[0]!;
    },
    async byToken(tokenHash) {
      return (
        (await db.query<InviteRecord>(`select ${cols} from invites where token_hash = $1`, [tokenHash]))
          .rows[0] ?? null
      );
    },
    async markUsed(id, userId) {
      await db.query('update invites set used_at = now(), used_by = $2 where id = $1', [id, userId]);
    },
  };
}

export function passwordResetsRepo(db: Queryable): PasswordResetsRepo {
  const cols = 'id, user_id as "userId", expires_at as "expiresAt", used_at as "usedAt"';
  return {
    async insert(p) {
      const r = await db.query<PasswordResetRecord>(
        `insert into password_resets (token_hash, user_id, created_by, expires_at) values ($1, $2, $3, $4) returning ${cols}`,
        [p.tokenHash, p.userId, p.createdBy, p.expiresAt],
      );
      return r.rows[0]!;
    },
    async byToken(tokenHash) {
      return (
        (
          await db.query<PasswordResetRecord>(`select ${cols} from password_resets where token_hash = $1`, [
            tokenHash,
          ])
        ).rows[0] ?? null
      );
    },
    async markUsed(id, userId) {
      // The row lock makes a second use of the same link wait, then find it used.
      const r = await db.query(
        'update password_resets set used_at = now() where id = $1 and used_at is null',
        [id],
      );
      if ((r.rowCount ?? 0) === 0) return false;
      await db.query('update password_resets set used_at = now() where user_id = $1 and used_at is null', [
        userId,
      ]);
      return true;
    },
    async supersede(userId) {
      await db.query('update password_resets set used_at = now() where user_id = $1 and used_at is null', [
        userId,
      ]);
    },
  };
}

export function workspaceRepo(db: Queryable): WorkspaceRepo {
  return {
    async name() {
      return (
        (await db.query<{ name: string }>('select name from workspace where id = 1')).rows[0]?.name ??
        'Tandem'
      );
    },
    async rename(name) {
      await db.query('update workspace set name = $1 where id = 1', [name]);
    },
    async lockForSetup() {
      await db.query('select 1 from workspace where id = 1 for update');
    },
    async deviceKey() {
      return (await db.query<{ k: Buffer }>('select device_key as k from workspace where id = 1')).rows[0]!.k;
    },
  };
}

export function idempotencyRepo(db: Queryable): IdempotencyRepo {
  return {
    async get(userId, key) {
      const r = await db.query<{ route: string; hash: string | null; status: number; response: unknown }>(
        'select route, request_hash as hash, status, response from idempotency_keys where user_id = $1 and key = $2',
        [userId, key],
      );
      return r.rows[0] ?? null;
    },
    async put(userId, key, request, status, response) {
      await db.query(
        `insert into idempotency_keys (user_id, key, route, request_hash, status, response)
         values ($1, $2, $3, $4, $5, $6)`,
        [userId, key, request.route, request.hash, status, JSON.stringify(response)],
      );
    },
  };
}
