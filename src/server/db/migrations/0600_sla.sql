-- Defects: severity and SLA clocks (issue 13, seed 002).

-- A product's SLA policy (business calendar, pause statuses, targets per severity), as the API
-- sends it; validated by the contract before it is stored. No row = no SLA for the product.
create table sla_policies (
  product_id uuid primary key references products on delete cascade,
  policy jsonb not null,
  version int not null default 1,
  updated_at timestamptz not null default now()
);

-- The item side. `waiting` is "waiting for the customer": a flag beside the status (a status of
-- its own would fork every status move), named `waiting` in a policy's pauseStatuses.
-- The sla_* columns are maintained: written in the same transaction as every status, waiting or
-- severity change and every policy change (app/sla/refresh.ts), from the event log through the
-- pure clock (domain/sla/clock.ts). While a clock runs its due time does not depend on now, so
-- the backlog sorts and filters by due time in the database. `sla_breach_at` is the earliest
-- instant a clock ran out or will (if it keeps running): breached = sla_breach_at <= now().
alter table items
  add column severity text check (severity in ('S1', 'S2', 'S3', 'S4')),
  add column waiting boolean not null default false,
  add column sla_applies boolean not null default false,
  add column sla_response_due_at timestamptz,
  add column sla_resolution_due_at timestamptz,
  add column sla_paused boolean not null default false,
  add column sla_breach_at timestamptz;
create index items_sla_resolution_due_idx on items (product_id, sla_resolution_due_at)
  where sla_applies and deleted_at is null;
create index items_sla_response_due_idx on items (product_id, sla_response_due_at)
  where sla_applies and deleted_at is null;

-- SLA warnings (75 % of the time used, and the breach) are notices of kind 'sla', once per
-- (item, clock, threshold, due time): `sla:<item>:<clock>:<threshold>:<due ISO>`.
alter table notices drop constraint notices_kind_check;
alter table notices add constraint notices_kind_check
  check (kind in ('mention', 'shipped', 'request_status', 'sla'));
