import type { OidcLoginsRepo, PendingLogin, UserIdentitiesRepo } from '#app/sso/ports.ts';
import type { Queryable } from '#db/pool.ts';

export function oidcLoginsRepo(db: Queryable): OidcLoginsRepo {
  return {
    async insert(stateHash, login, expiresAt) {
      await db.query(
        `insert into oidc_logins (state_hash, code_verifier, nonce, redirect_uri, return_to, invite_hash, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [
          stateHash,
          login.codeVerifier,
          login.nonce,
          login.redirectUri,
          login.returnTo,
          login.inviteHash,
          expiresAt,
        ],
      );
    },
    async take(stateHash, at) {
      // One statement: of two callbacks racing with one state, only one gets the row.
      const r = await db.query<PendingLogin & { expiresAt: Date }>(
        `delete from oidc_logins where state_hash = $1
         returning code_verifier as "codeVerifier", nonce, redirect_uri as "redirectUri",
                   return_to as "returnTo", invite_hash as "inviteHash", expires_at as "expiresAt"`,
        [stateHash],
      );
      const row = r.rows[0];
      if (!row || row.expiresAt <= at) return null;
      const { expiresAt: _expired, ...login } = row;
      return login;
    },
    async deleteExpired(at) {
      await db.query('delete from oidc_logins where expires_at <= $1', [at]);
    },
    async countPending(at) {
      const r = await db.query<{ n: number }>(
        'select count(*)::int as n from oidc_logins where expires_at > $1',
        [at],
      );
      return r.rows[0]?.n ?? 0;
    },
  };
}

export function userIdentitiesRepo(db: Queryable): UserIdentitiesRepo {
  return {
    async lock(keys) {
      // In the given order, each a transaction-scoped advisory lock on the key's 64-bit hash.
      for (const key of keys)
        await db.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`sso:${key}`]);
    },
    async userOf(issuer, subject) {
      const r = await db.query<{ userId: string }>(
        'select user_id as "userId" from user_identities where issuer = $1 and subject = $2',
        [issuer, subject],
      );
      return r.rows[0]?.userId ?? null;
    },
    async link(l) {
      await db.query(
        `insert into user_identities (issuer, subject, user_id, email) values ($1, $2, $3, $4)
         on conflict (issuer, subject) do nothing`,
        [l.issuer, l.subject, l.userId, l.email],
      );
    },
    async stampSignIn(issuer, subject, at) {
      await db.query('update user_identities set last_sign_in_at = $3 where issuer = $1 and subject = $2', [
        issuer,
        subject,
        at,
      ]);
    },
  };
}
