-- Backlog: items, their segments, links, comments, per-product Definition of Ready, saved views.

create table items (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products on delete cascade,
  -- Allocated through products.item_seq; the item key is product key || '-' || number.
  number int not null,
  type text not null check (type in ('story', 'enabler', 'defect', 'spike', 'debt')),
  title text not null,
  problem text not null default '',
  description text not null default '',
  acceptance_criteria jsonb not null default '[]'::jsonb,
  category text not null check (category in ('feature', 'enabler', 'defect', 'debt')),
  labels text[] not null default '{}',
  assignee_id uuid references users on delete set null,
  status text not null default 'new'
    check (status in ('new', 'ready', 'in_progress', 'done', 'accepted', 'rejected')),
  business_value smallint check (business_value in (1, 2, 3, 5, 8, 13, 20)),
  time_criticality smallint check (time_criticality in (1, 2, 3, 5, 8, 13, 20)),
  risk_reduction smallint check (risk_reduction in (1, 2, 3, 5, 8, 13, 20)),
  -- Story points; null means "not estimated yet".
  size numeric check (size >= 0),
  release_critical boolean not null default false,
  -- Fractional index (fractional-indexing keys are base-62 ASCII, so byte order = list order).
  rank text collate "C" not null,
  external_id text,
  created_by uuid references users on delete set null,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  -- Sort keys kept by the database so every list sort is an index scan.
  -- WSJF (SAFe): cost of delay (BV + TC + RR) / job size; a 0-point item counts as 0.5 so it stays finite.
  wsjf numeric generated always as (
    (coalesce(business_value, 0) + coalesce(time_criticality, 0) + coalesce(risk_reduction, 0))::numeric
      / greatest(size, 0.5)
  ) stored,
  status_order smallint generated always as (
    case status when 'new' then 0 when 'ready' then 1 when 'in_progress' then 2 when 'done' then 3
      when 'accepted' then 4 else 5 end
  ) stored,
  -- Lowest segment name (lower-cased) of the item; maintained by triggers below.
  segment_sort text collate "C" not null default '',
  search tsvector generated always as (
    to_tsvector('simple', title || ' ' || problem || ' ' || description)
  ) stored
);

create unique index items_number_idx on items (product_id, number);
create unique index items_rank_idx on items (product_id, rank);
create unique index items_external_idx on items (product_id, external_id) where external_id is not null;
create index items_wsjf_idx on items (product_id, (coalesce(wsjf, -1)), rank) where deleted_at is null;
create index items_title_idx on items (product_id, lower(title) collate "C", rank) where deleted_at is null;
create index items_status_idx on items (product_id, status_order, rank) where deleted_at is null;
create index items_type_idx on items (product_id, type, rank) where deleted_at is null;
create index items_category_idx on items (product_id, category, rank) where deleted_at is null;
create index items_size_idx on items (product_id, (coalesce(size, -1)), rank) where deleted_at is null;
create index items_bv_idx on items (product_id, (coalesce(business_value, 0)), rank) where deleted_at is null;
create index items_tc_idx on items (product_id, (coalesce(time_criticality, 0)), rank) where deleted_at is null;
create index items_rr_idx on items (product_id, (coalesce(risk_reduction, 0)), rank) where deleted_at is null;
create index items_segment_idx on items (product_id, segment_sort, rank) where deleted_at is null;
create index items_number_sort_idx on items (product_id, number, rank) where deleted_at is null;
create index items_created_idx on items (product_id, created_at, rank) where deleted_at is null;
create index items_updated_idx on items (product_id, updated_at, rank) where deleted_at is null;
create index items_rc_idx on items (product_id, release_critical, rank) where deleted_at is null;
create index items_assignee_idx on items (assignee_id) where deleted_at is null;
create index items_labels_idx on items using gin (labels);
create index items_search_idx on items using gin (search);

create table item_segments (
  item_id uuid not null references items on delete cascade,
  segment_id uuid not null references segments on delete cascade,
  primary key (item_id, segment_id)
);
create index item_segments_segment_idx on item_segments (segment_id, item_id);

-- Keep items.segment_sort equal to the lowest segment name of the item.
create function items_refresh_segment_sort(p_item uuid) returns void language sql as $$
  update items set segment_sort = coalesce(
    (select min(lower(s.name) collate "C") from item_segments x join segments s on s.id = x.segment_id
      where x.item_id = p_item), '')
  where id = p_item;
$$;

create function item_segments_sort_trigger() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform items_refresh_segment_sort(old.item_id);
  else
    perform items_refresh_segment_sort(new.item_id);
  end if;
  return null;
end $$;

create trigger item_segments_sort after insert or delete on item_segments
  for each row execute function item_segments_sort_trigger();

create function segments_rename_sort_trigger() returns trigger language plpgsql as $$
begin
  perform items_refresh_segment_sort(x.item_id) from item_segments x where x.segment_id = new.id;
  return null;
end $$;

create trigger segments_rename_sort after update of name on segments
  for each row execute function segments_rename_sort_trigger();

create table item_links (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products on delete cascade,
  -- "from blocks to", "from duplicates to", "from relates to".
  from_item_id uuid not null references items on delete cascade,
  to_item_id uuid not null references items on delete cascade,
  kind text not null check (kind in ('blocks', 'relates', 'duplicates')),
  created_by uuid references users on delete set null,
  created_at timestamptz not null default now(),
  check (from_item_id <> to_item_id),
  unique (from_item_id, to_item_id, kind)
);
create index item_links_to_idx on item_links (to_item_id);

create table item_comments (
  id uuid primary key default gen_random_uuid(),
  item_id uuid not null references items on delete cascade,
  author_id uuid references users on delete set null,
  body text not null,
  mentions uuid[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index item_comments_item_idx on item_comments (item_id, created_at);

-- Per-product Definition of Ready (which INVEST checks gate `ready`) and the split threshold.
create table backlog_settings (
  product_id uuid primary key references products on delete cascade,
  dor_checks text[] not null
    default array['independent', 'negotiable', 'valuable', 'estimable', 'small', 'testable'],
  -- Items above this many points fail INVEST "Small".
  split_threshold numeric not null default 13,
  version int not null default 1,
  updated_at timestamptz not null default now()
);

-- Saved backlog views per user (filters, sort and columns as the web app encodes them).
create table backlog_views (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products on delete cascade,
  user_id uuid not null references users on delete cascade,
  name text not null,
  query jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  unique (product_id, user_id, name)
);
