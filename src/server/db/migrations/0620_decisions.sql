-- Decision records (issue 13, seed 002): ADR-style records per product, the items they govern,
-- who took part, the rules they state in checkable terms, and the contradictions flagged when a
-- later change went around an accepted one (once per decision and cause event).
create table decisions (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products on delete cascade,
  number integer not null,
  title text not null,
  context text not null default '',
  decision text not null default '',
  consequences text not null default '',
  -- A technical decision is the team's to accept; any other is the Product Owner's.
  technical boolean not null default false,
  -- [{"kind": "stays_in_sprint", "itemId", "sprintId"}, …] as domain/decisions/rules.ts types them.
  rules jsonb not null default '[]',
  status text not null default 'proposed' check (status in ('proposed', 'accepted', 'superseded')),
  proposed_by uuid references users on delete set null,
  accepted_by uuid references users on delete set null,
  accepted_at timestamptz,
  superseded_by uuid references decisions on delete set null,
  superseded_at timestamptz,
  created_at timestamptz not null default now(),
  unique (product_id, number)
);
create index decisions_product_idx on decisions (product_id, number desc);

create table decision_items (
  decision_id uuid not null references decisions on delete cascade,
  item_id uuid not null references items on delete cascade,
  primary key (decision_id, item_id)
);
create index decision_items_item_idx on decision_items (item_id);

create table decision_participants (
  decision_id uuid not null references decisions on delete cascade,
  user_id uuid not null references users on delete cascade,
  primary key (decision_id, user_id)
);

-- What each rule governs, for the contradiction check's one indexed lookup per change. Rows exist
-- while the decision is accepted (written on accept, removed on supersede).
create table decision_rule_targets (
  decision_id uuid not null references decisions on delete cascade,
  product_id uuid not null references products on delete cascade,
  item_id uuid references items on delete cascade,
  sprint_id uuid references sprints on delete cascade,
  check (item_id is not null or sprint_id is not null)
);
create index decision_rule_targets_item_idx on decision_rule_targets (item_id) where item_id is not null;
create index decision_rule_targets_sprint_idx on decision_rule_targets (sprint_id) where sprint_id is not null;

-- One flag per (decision, cause event), whoever checks it and however often.
create table decision_contradictions (
  id uuid primary key default gen_random_uuid(),
  decision_id uuid not null references decisions on delete cascade,
  product_id uuid not null references products on delete cascade,
  cause_event_id bigint not null,
  actor_id uuid references users on delete set null,
  item_id uuid references items on delete set null,
  summary text not null,
  at timestamptz not null,
  unique (decision_id, cause_event_id)
);
create index decision_contradictions_item_idx on decision_contradictions (item_id) where item_id is not null;
create index decision_contradictions_product_idx on decision_contradictions (product_id, at);

-- Workarounds must be repaid: how an item was resolved, and the debt item that repays a workaround.
alter table item_links drop constraint item_links_kind_check;
alter table item_links add constraint item_links_kind_check
  check (kind in ('blocks', 'relates', 'duplicates', 'repays'));

create table item_resolutions (
  item_id uuid primary key references items on delete cascade,
  product_id uuid not null references products on delete cascade,
  resolution text not null check (resolution in ('fixed', 'workaround')),
  resolved_by uuid references users on delete set null,
  resolved_at timestamptz not null default now()
);

create table repayments (
  repayment_item_id uuid primary key references items on delete cascade,
  workaround_item_id uuid not null references items on delete cascade,
  product_id uuid not null references products on delete cascade,
  due_date date,
  due_sprint_id uuid references sprints on delete set null,
  created_at timestamptz not null default now(),
  -- Set once by the hourly sweep when the due day has passed unpaid: the overdue event is once.
  overdue_at timestamptz,
  check (due_date is not null or due_sprint_id is not null)
);
create index repayments_workaround_idx on repayments (workaround_item_id);
create index repayments_product_idx on repayments (product_id);

-- Notices of contradicted decisions and of repayments past due.
alter table notices drop constraint notices_kind_check;
alter table notices add constraint notices_kind_check
  check (kind in ('mention', 'shipped', 'request_status', 'webhook_disabled', 'sla', 'agreement',
                  'decision_contradicted', 'repayment_overdue'));
