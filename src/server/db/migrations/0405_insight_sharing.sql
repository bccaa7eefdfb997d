-- Insight (issue 11): "stakeholders do not see the Insight page (unless the PO shares the
-- allocation view with them)". One row per product once the PO has decided; no row: not shared.
create table insight_sharing (
  product_id uuid primary key references products on delete cascade,
  allocation boolean not null default false,
  version int not null default 1,
  updated_by uuid references users on delete set null,
  updated_at timestamptz not null default now()
);
