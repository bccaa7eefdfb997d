import type {
  BacklogSettingsRecord,
  BacklogSettingsRepo,
  CommentRecord,
  ItemCommentsRepo,
  ItemLinksRepo,
  LinkRecord,
} from '#app/items/ports.ts';
import type { Queryable } from '#db/pool.ts';
import { DEFAULT_DEFINITION_OF_READY } from '#domain/backlog/definition-of-ready.ts';

export function itemLinksRepo(db: Queryable): ItemLinksRepo {
  return {
    async forItem(itemId) {
      const r = await db.query<LinkRecord>(
        `select l.id, l.kind, l.from_item_id as "fromItemId", l.to_item_id as "toItemId", l.created_at as "createdAt",
                case when l.from_item_id = $1 then 'outgoing' else 'incoming' end as direction,
                json_build_object('id', o.id, 'key', p.key || '-' || o.number, 'title', o.title,
                                  'status', o.status, 'type', o.type) as other
           from item_links l
           join items o on o.id = case when l.from_item_id = $1 then l.to_item_id else l.from_item_id end
           join products p on p.id = o.product_id
          where (l.from_item_id = $1 or l.to_item_id = $1) and o.deleted_at is null
          order by l.created_at`,
        [itemId],
      );
      return r.rows;
    },
    async insert(l) {
      const r = await db.query<{ id: string }>(
        `insert into item_links (product_id, kind, from_item_id, to_item_id, created_by) values ($1, $2, $3, $4, $5)
         on conflict (from_item_id, to_item_id, kind) do nothing returning id`,
        [l.productId, l.kind, l.fromItemId, l.toItemId, l.createdBy],
      );
      return r.rows[0]?.id ?? null;
    },
    async remove(itemId, linkId) {
      const r = await db.query<{ kind: LinkRecord['kind']; fromItemId: string; toItemId: string }>(
        `delete from item_links where id = $2 and (from_item_id = $1 or to_item_id = $1)
         returning kind, from_item_id as "fromItemId", to_item_id as "toItemId"`,
        [itemId, linkId],
      );
      return r.rows[0] ?? null;
    },
  };
}

const COMMENT_COLS = `c.id, c.item_id as "itemId", c.author_id as "authorId", a.name as "authorName", c.body,
  coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name) order by u.name)
              from users u where u.id = any(c.mentions)), '[]'::json) as mentions,
  c.created_at as "createdAt"`;

export function itemCommentsRepo(db: Queryable): ItemCommentsRepo {
  return {
    async list(itemId) {
      const r = await db.query<CommentRecord>(
        `select ${COMMENT_COLS} from item_comments c left join users a on a.id = c.author_id
          where c.item_id = $1 and c.deleted_at is null order by c.created_at, c.id`,
        [itemId],
      );
      return r.rows;
    },
    async insert(c) {
      const r = await db.query<{ id: string }>(
        'insert into item_comments (item_id, author_id, body, mentions) values ($1, $2, $3, $4) returning id',
        [c.itemId, c.authorId, c.body, c.mentions],
      );
      const row = await db.query<CommentRecord>(
        `select ${COMMENT_COLS} from item_comments c left join users a on a.id = c.author_id where c.id = $1`,
        [r.rows[0]!.id],
      );
      return row.rows[0]!;
    },
  };
}

const DEFAULTS = {
  definitionOfReady: [...DEFAULT_DEFINITION_OF_READY.checks],
  splitThreshold: DEFAULT_DEFINITION_OF_READY.splitThreshold,
  version: 0,
};

export function backlogSettingsRepo(db: Queryable): BacklogSettingsRepo {
  return {
    async get(productId) {
      const r = await db.query<BacklogSettingsRecord>(
        `select product_id as "productId", dor_checks as "definitionOfReady", split_threshold as "splitThreshold", version
           from backlog_settings where product_id = $1`,
        [productId],
      );
      return r.rows[0] ?? { productId, ...DEFAULTS };
    },
    async save(productId, s, version) {
      const r = await db.query<BacklogSettingsRecord>(
        `insert into backlog_settings (product_id, dor_checks, split_threshold) values ($1, $2, $3)
         on conflict (product_id) do update set dor_checks = excluded.dor_checks,
           split_threshold = excluded.split_threshold, version = backlog_settings.version + 1, updated_at = now()
           where backlog_settings.version = $4
         returning product_id as "productId", dor_checks as "definitionOfReady", split_threshold as "splitThreshold", version`,
        [productId, s.definitionOfReady, s.splitThreshold, version],
      );
      return r.rows[0] ?? null;
    },
  };
}
