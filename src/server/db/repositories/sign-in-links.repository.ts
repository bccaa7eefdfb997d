import type { SignInLinkRecord, SignInLinksRepo } from '#app/stakeholders/ports.ts';
import type { Queryable } from '#db/pool.ts';

const COLS =
  'id, user_id as "userId", product_id as "productId", created_by as "createdBy", expires_at as "expiresAt", used_at as "usedAt"';

export function signInLinksRepo(db: Queryable): SignInLinksRepo {
  return {
    async insert(l) {
      const r = await db.query<SignInLinkRecord>(
        `insert into sign_in_links (token_hash, user_id, product_id, created_by, expires_at)
         values ($1, $2, $3, $4, $5) returning ${COLS}`,
        [l.tokenHash, l.userId, l.productId, l.createdBy, l.expiresAt],
      );
      return r.rows[0]!;
    },
    async byToken(tokenHash) {
      const r = await db.query<SignInLinkRecord>(`select ${COLS} from sign_in_links where token_hash = $1`, [
        tokenHash,
      ]);
      return r.rows[0] ?? null;
    },
    async markUsed(id) {
      // The row lock makes a second use of the same link wait, then find it used.
      const r = await db.query('update sign_in_links set used_at = now() where id = $1 and used_at is null', [
        id,
      ]);
      return (r.rowCount ?? 0) > 0;
    },
    async reachesBeyond(userId, makerId, customerRoles) {
      const r = await db.query<{ beyond: boolean }>(
        `select exists (
           select 1 from product_members m
             join products p on p.id = m.product_id and p.deleted_at is null
            where m.user_id = $1
              and (m.role <> all($3::text[])
                   or not exists (select 1 from product_members o
                                   where o.product_id = m.product_id and o.user_id = $2 and o.role = 'owner'))
         ) as beyond`,
        [userId, makerId, customerRoles],
      );
      return r.rows[0]!.beyond;
    },
  };
}
