-- Core: workspace, people, sessions, tokens, products, members, segments and the event log.
create table workspace (
  id int primary key default 1 check (id = 1),
  name text not null default 'Tandem',
  created_at timestamptz not null default now()
);
insert into workspace (id) values (1);

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null unique,
  name text not null,
  password_hash text not null,
  workspace_role text not null check (workspace_role in ('admin', 'member')),
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

-- Session ids are random 256-bit values; only their SHA-256 is stored.
create table sessions (
  id_hash bytea primary key,
  user_id uuid not null references users on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);
create index sessions_user_idx on sessions (user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users on delete cascade,
  name text not null,
  token_hash bytea not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user_idx on api_tokens (user_id);

create table invites (
  id uuid primary key default gen_random_uuid(),
  token_hash bytea not null unique,
  email text,
  workspace_role text not null check (workspace_role in ('admin', 'member')),
  created_by uuid not null references users,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  used_by uuid references users
);

create table products (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  key text not null,
  description text not null default '',
  version int not null default 1,
  item_seq int not null default 0,
  created_at timestamptz not null default now(),
  deleted_at timestamptz
);
create unique index products_key_live_idx on products (key) where deleted_at is null;

create table product_members (
  product_id uuid not null references products on delete cascade,
  user_id uuid not null references users on delete cascade,
  role text not null check (role in ('owner', 'team', 'facilitator', 'stakeholder', 'viewer')),
  added_at timestamptz not null default now(),
  primary key (product_id, user_id)
);
create index product_members_user_idx on product_members (user_id);

create table segments (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products on delete cascade,
  name text not null,
  description text not null default '',
  target_share numeric,
  created_at timestamptz not null default now()
);
create unique index segments_name_idx on segments (product_id, lower(name));

-- Append-only: every state change writes one row here in the same transaction as the change.
create table events (
  id bigserial primary key,
  product_id uuid references products on delete cascade,
  actor_id uuid references users,
  entity_type text not null,
  entity_id text not null,
  type text not null,
  before jsonb,
  after jsonb,
  at timestamptz not null default now()
);
create index events_product_idx on events (product_id, id desc);
create index events_entity_idx on events (entity_type, entity_id, id);

-- A retried create with the same Idempotency-Key returns the first response.
create table idempotency_keys (
  user_id uuid not null references users on delete cascade,
  key text not null,
  route text not null,
  status int not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (user_id, key)
);
