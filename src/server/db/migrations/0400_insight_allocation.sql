-- Insight (issue 11): allocation targets per product, the PO's justification per sprint, budgets.

-- Category ranges in percent: {"debt": {"min": 15, "max": 20}, …}; segment targets stay on segments.
create table allocation_targets (
  product_id uuid primary key references products on delete cascade,
  categories jsonb not null default '{}',
  version int not null default 1,
  updated_by uuid references users on delete set null,
  updated_at timestamptz not null default now()
);

-- Why a sprint's allocation is where it is (seed 000: "ask your Product Owner to justify the values").
create table sprint_justifications (
  sprint_id uuid primary key references sprints on delete cascade,
  product_id uuid not null references products on delete cascade,
  text text not null,
  written_by uuid references users on delete set null,
  written_at timestamptz not null default now()
);

create table product_budgets (
  product_id uuid primary key references products on delete cascade,
  total numeric not null check (total > 0),
  unit text not null check (unit in ('money', 'points')),
  cost_per_sprint numeric check (cost_per_sprint >= 0),
  version int not null default 1,
  updated_by uuid references users on delete set null,
  updated_at timestamptz not null default now()
);
