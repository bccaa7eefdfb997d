-- The manual order moves out of `items` into a narrow table of its own.
-- A move changed items.rank, and rank was in every sort index, so each move was a non-HOT update
-- writing a new row version plus an entry in ~20 indexes (and their WAL). The order has its own
-- write pattern (moves are the hottest write of the backlog; content edits are rare), so it gets
-- its own row: a move now writes one small row with two index entries. Every item has exactly one
-- order row; a deleted item keeps its tombstone key ('~' || id) there, as before.
create table item_order (
  item_id uuid primary key references items on delete cascade,
  product_id uuid not null references products on delete cascade,
  -- Fractional index (fractional-indexing keys are base-62 ASCII, so byte order = list order).
  rank text collate "C" not null
);
create unique index item_order_rank_idx on item_order (product_id, rank);

insert into item_order (item_id, product_id, rank) select id, product_id, rank from items;

-- Sort indexes keep the sorted column; ties are broken by the order table (an incremental sort
-- over each run of equal values), so they no longer carry rank.
drop index items_rank_idx, items_wsjf_idx, items_title_idx, items_status_idx, items_type_idx,
  items_category_idx, items_size_idx, items_bv_idx, items_tc_idx, items_rr_idx, items_segment_idx,
  items_number_sort_idx, items_created_idx, items_updated_idx, items_rc_idx;
alter table items drop column rank;

create index items_wsjf_idx on items (product_id, (coalesce(wsjf, -1)) desc) where deleted_at is null;
create index items_title_idx on items (product_id, lower(title) collate "C") where deleted_at is null;
create index items_status_idx on items (product_id, status_order) where deleted_at is null;
create index items_type_idx on items (product_id, type) where deleted_at is null;
create index items_category_idx on items (product_id, category) where deleted_at is null;
create index items_size_idx on items (product_id, (coalesce(size, -1))) where deleted_at is null;
create index items_bv_idx on items (product_id, (coalesce(business_value, 0))) where deleted_at is null;
create index items_tc_idx on items (product_id, (coalesce(time_criticality, 0))) where deleted_at is null;
create index items_rr_idx on items (product_id, (coalesce(risk_reduction, 0))) where deleted_at is null;
create index items_segment_idx on items (product_id, segment_sort) where deleted_at is null;
create index items_created_idx on items (product_id, created_at) where deleted_at is null;
create index items_updated_idx on items (product_id, updated_at) where deleted_at is null;
create index items_rc_idx on items (product_id, release_critical) where deleted_at is null;
