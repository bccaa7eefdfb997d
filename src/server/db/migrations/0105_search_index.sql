-- Text search: every word kept, and an index that narrows by product first.
-- 0100 fed the raw text to the full-text parser, which reads '<' as the start of an HTML tag and
-- drops what follows ("Fix <script> escaping" kept only 'fix'), keeps 'foo@bar.com' as one e-mail
-- token and 'a/b/c' as a path. The search box splits a query at every character that is not a
-- letter or digit (items-list.repository.ts), so the text is now split the same way before
-- parsing: ASCII punctuation and white space become spaces, and the parser only ever sees words.
create extension if not exists btree_gin;

drop index items_search_idx;
alter table items drop column search;
alter table items add column search tsvector generated always as (
  to_tsvector('simple', regexp_replace(title || ' ' || problem || ' ' || description,
    '[[:punct:][:space:]]+', ' ', 'g'))
) stored;
-- (product_id, search): one bitmap scan finds a product's matches, with no second index ANDed in.
create index items_search_idx on items using gin (product_id, search) with (fastupdate = off)
  where deleted_at is null;
-- fastupdate off (here and on labels): new entries go straight into the index instead of a pending
-- list that every search scans in full and that some unlucky insert must merge (100 ms stalls of
-- creates at a thousand a second).
alter index items_labels_idx set (fastupdate = off);
