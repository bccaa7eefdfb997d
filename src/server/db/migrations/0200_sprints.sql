-- Sprints, their scope and its changes, the start snapshot, Definition of Done, planning poker.

create table sprints (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products on delete cascade,
  name text not null,
  goal text not null default '',
  start_date date not null,
  end_date date not null check (end_date >= start_date),
  -- {"unit":"days","members":[{"userId","days"}]} or {"unit":"points","points":n}; null = not stated
  capacity jsonb,
  state text not null default 'planned' check (state in ('planned', 'active', 'closed')),
  -- Figures fixed when the sprint closes, so velocity history is one index scan.
  completed_points numeric,
  committed_points numeric,
  started_at timestamptz,
  started_by uuid references users on delete set null,
  closed_at timestamptz,
  closed_by uuid references users on delete set null,
  version int not null default 1,
  created_at timestamptz not null default now()
);
create index sprints_product_idx on sprints (product_id, start_date desc, created_at desc);
create index sprints_closed_idx on sprints (product_id, closed_at) where state = 'closed';
-- One running sprint per product.
create unique index sprints_one_active_idx on sprints (product_id) where state = 'active';

-- What the team committed to at start. Written once; a trigger refuses any later change.
create table sprint_snapshots (
  sprint_id uuid primary key references sprints on delete cascade,
  committed_points numeric not null,
  -- [{"itemId","key","title","size","status"}]
  items jsonb not null,
  forecast_points numeric,
  over_forecast boolean not null,
  confirmed_by uuid references users on delete set null,
  taken_by uuid references users on delete set null,
  taken_at timestamptz not null default now()
);

create function sprint_snapshots_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'sprint snapshots never change (sprint %)', old.sprint_id;
end $$;
create trigger sprint_snapshots_no_update before update on sprint_snapshots
  for each row execute function sprint_snapshots_immutable();

create table sprint_items (
  sprint_id uuid not null references sprints on delete cascade,
  item_id uuid not null references items(id) on delete cascade,
  product_id uuid not null references products on delete cascade,
  -- True until the sprint closes: an item is in at most one open sprint.
  open boolean not null default true,
  added_at timestamptz not null default now(),
  added_by uuid references users on delete set null,
  done_at timestamptz,
  done_by uuid references users on delete set null,
  dod_checked text[] not null default '{}',
  review text check (review in ('accepted', 'rejected')),
  review_comment text,
  reviewed_by uuid references users on delete set null,
  reviewed_at timestamptz,
  -- Times the item was reopened after done (rejected by the PO).
  reopened int not null default 0,
  -- Set at close: completed, or where the unfinished item went.
  outcome text check (outcome in ('completed', 'backlog', 'next_sprint')),
  carried_to uuid references sprints on delete set null,
  points_at_close numeric,
  primary key (sprint_id, item_id)
);
create unique index sprint_items_open_idx on sprint_items (item_id) where open;
create index sprint_items_item_idx on sprint_items (item_id);

-- Every change to a started sprint's scope, with who, when and why (seed 003).
create table sprint_scope_changes (
  id bigserial primary key,
  sprint_id uuid not null references sprints on delete cascade,
  item_id uuid not null references items(id) on delete cascade,
  change text not null check (change in ('added', 'removed', 'resized', 'carried_in')),
  points_before numeric,
  points_after numeric,
  reason text not null,
  actor_id uuid references users on delete set null,
  at timestamptz not null default now()
);
create index sprint_scope_changes_sprint_idx on sprint_scope_changes (sprint_id, id);

create table definitions_of_done (
  product_id uuid primary key references products on delete cascade,
  checklist text[] not null,
  version int not null default 1,
  updated_at timestamptz not null default now()
);

create table poker_sessions (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products on delete cascade,
  title text not null default '',
  scale text not null check (scale in ('fibonacci', 'tshirt', 'custom')),
  cards text[] not null,
  item_ids uuid[] not null,
  current_item_id uuid,
  round int not null default 1,
  status text not null default 'voting' check (status in ('voting', 'revealed', 'closed')),
  created_by uuid references users on delete set null,
  created_at timestamptz not null default now(),
  closed_at timestamptz
);
create index poker_sessions_product_idx on poker_sessions (product_id, created_at desc);

create table poker_votes (
  session_id uuid not null references poker_sessions on delete cascade,
  item_id uuid not null,
  round int not null,
  user_id uuid not null references users on delete cascade,
  value text not null,
  at timestamptz not null default now(),
  primary key (session_id, item_id, round, user_id)
);

create table poker_results (
  session_id uuid not null references poker_sessions on delete cascade,
  item_id uuid not null references items(id) on delete cascade,
  value text not null,
  points numeric not null,
  voters jsonb not null,
  agreed_by uuid references users on delete set null,
  at timestamptz not null default now(),
  primary key (session_id, item_id)
);
