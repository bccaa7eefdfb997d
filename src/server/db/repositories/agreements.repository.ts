import type {
  AgreementCommentRecord,
  AgreementRecord,
  AgreementsRepo,
  AgreementVersionRecord,
} from '#app/agreements/ports.ts';
import type { Queryable } from '#db/pool.ts';

const person = (alias: string) =>
  `case when ${alias}.id is null then null else json_build_object('id', ${alias}.id, 'name', ${alias}.name) end`;

const AGREEMENT = `select a.id, a.product_id as "productId", a.title, a.roles, a.shared, a.draft, a.template,
         ${person('u')} as "createdBy", a.created_at as "createdAt", a.version
    from agreements a left join users u on u.id = a.created_by`;

const VERSION = `select v.agreement_id as "agreementId", v.number, v.body, ${person('u')} as "proposedBy",
         v.proposed_at as "proposedAt", v.comment_until as "commentUntil", v.effective_from as "effectiveFrom",
         v.revision
    from agreement_versions v left join users u on u.id = v.proposed_by`;

const COMMENT = `select c.id, c.version, c.paragraph, c.paragraph_hash as "paragraphHash", c.quote, c.body,
         ${person('u')} as author, c.created_at as "createdAt"
    from agreement_comments c left join users u on u.id = c.author_id`;

export function agreementsRepo(db: Queryable): AgreementsRepo {
  const one = async (id: string, lock?: 'update') =>
    (
      await db.query<AgreementRecord>(
        lock ? `${AGREEMENT} where a.id = $1 for update of a` : `${AGREEMENT} where a.id = $1`,
        [id],
      )
    ).rows[0] ?? null;
  return {
    async productOf(id) {
      const r = await db.query<{ productId: string }>(
        `select product_id as "productId" from agreements where id = $1`,
        [id],
      );
      return r.rows[0]?.productId ?? null;
    },
    get: one,
    async list(productId) {
      const r = await db.query<AgreementRecord>(
        `${AGREEMENT} where a.product_id = $1 order by a.created_at, a.id`,
        [productId],
      );
      return r.rows;
    },
    async insert(a) {
      const r = await db.query<{ id: string }>(
        `insert into agreements (product_id, title, roles, shared, draft, template, created_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        [a.productId, a.title, a.roles, a.shared, a.draft, a.template, a.createdBy, a.createdAt],
      );
      return (await one(r.rows[0]!.id))!;
    },
    async update(id, patch) {
      await db.query(
        `update agreements set
           title = case when $2 then $3 else title end,
           roles = case when $4 then $5::text[] else roles end,
           shared = case when $6 then $7 else shared end,
           draft = case when $8 then $9 else draft end,
           version = version + 1
         where id = $1`,
        [
          id,
          patch.title !== undefined,
          patch.title ?? null,
          patch.roles !== undefined,
          patch.roles ?? null,
          patch.shared !== undefined,
          patch.shared ?? null,
          patch.draft !== undefined,
          patch.draft ?? null,
        ],
      );
      return (await one(id))!;
    },
    async versions(ids) {
      if (ids.length === 0) return [];
      const r = await db.query<AgreementVersionRecord>(
        `${VERSION} where v.agreement_id = any($1::uuid[]) order by v.agreement_id, v.number`,
        [ids],
      );
      return r.rows;
    },
    async insertVersion(v) {
      await db.query(
        `insert into agreement_versions (agreement_id, number, body, proposed_by, proposed_at, comment_until, effective_from)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [v.agreementId, v.number, v.body, v.proposedBy, v.proposedAt, v.commentUntil, v.effectiveFrom],
      );
    },
    async reviseVersion(id, number, patch) {
      await db.query(
        `update agreement_versions set
           body = coalesce($3, body),
           comment_until = case when $4 then $5::timestamptz else comment_until end,
           effective_from = coalesce($6, effective_from),
           revision = revision + 1
         where agreement_id = $1 and number = $2`,
        [
          id,
          number,
          patch.body ?? null,
          patch.commentUntil !== undefined,
          patch.commentUntil ?? null,
          patch.effectiveFrom ?? null,
        ],
      );
    },
    async comments(id) {
      const r = await db.query<AgreementCommentRecord>(
        `${COMMENT} where c.agreement_id = $1 order by c.version, c.created_at, c.id`,
        [id],
      );
      return r.rows;
    },
    async insertComment(c) {
      const r = await db.query<{ id: string }>(
        `insert into agreement_comments (agreement_id, version, paragraph, paragraph_hash, quote, body, author_id, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        [c.agreementId, c.version, c.paragraph, c.paragraphHash, c.quote, c.body, c.authorId, c.createdAt],
      );
      return (await db.query<AgreementCommentRecord>(`${COMMENT} where c.id = $1`, [r.rows[0]!.id])).rows[0]!;
    },
    async acknowledgements(ids) {
      if (ids.length === 0) return [];
      const r = await db.query<{ agreementId: string; version: number; userId: string; at: Date }>(
        `select agreement_id as "agreementId", version, user_id as "userId", acknowledged_at as at
           from agreement_acknowledgements where agreement_id = any($1::uuid[])`,
        [ids],
      );
      return r.rows;
    },
    async acknowledge(id, version, userId, at) {
      const r = await db.query(
        `insert into agreement_acknowledgements (agreement_id, version, user_id, acknowledged_at)
         values ($1, $2, $3, $4) on conflict do nothing`,
        [id, version, userId, at],
      );
      return (r.rowCount ?? 0) > 0;
    },
    async markEffectiveNoticed(id, number, at) {
      const r = await db.query(
        `update agreement_versions set effective_noticed_at = $3
          where agreement_id = $1 and number = $2 and effective_noticed_at is null`,
        [id, number, at],
      );
      return (r.rowCount ?? 0) > 0;
    },
    async due(now, limit) {
      const r = await db.query<{
        agreementId: string;
        productId: string;
        number: number;
        title: string;
        proposedBy: string | null;
      }>(
        `select v.agreement_id as "agreementId", a.product_id as "productId", v.number, a.title,
                v.proposed_by as "proposedBy"
           from agreement_versions v join agreements a on a.id = v.agreement_id
          where v.effective_noticed_at is null and v.effective_from <= $1
          order by v.effective_from limit $2`,
        [now, limit],
      );
      return r.rows;
    },
  };
}
