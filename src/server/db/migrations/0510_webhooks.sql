-- Webhooks (issue 12): endpoints per product and one delivery row per (event, endpoint).

-- An endpoint a PO (or a workspace admin) registered. The signing secret (`whsec_…`, Standard
-- Webhooks) is needed in the clear to sign, so it is kept encrypted with TANDEM_SECRET_KEY when
-- one is configured (`secret_sealed` starts `v1.`), and never returned after the create.
create table webhook_endpoints (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products on delete cascade,
  url text not null,
  description text not null default '',
  event_types text[] not null,
  secret_sealed text not null,
  enabled boolean not null default true,
  disabled_reason text,
  -- Since when every attempt failed (null while the last one succeeded): after a day, disabled.
  failing_since timestamptz,
  created_by uuid references users on delete set null,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index webhook_endpoints_product_idx on webhook_endpoints (product_id, created_at);

-- The outbox of webhooks: written by the fan-out reaction in the transaction of its receipt,
-- unique on `key` (`<event id>:<endpoint id>`, `test:<uuid>`), so a replayed event never makes a
-- second row. `id` is the Standard Webhooks `webhook-id`: the same on every attempt and re-send, so
-- a receiver recognises a repeat. `body` is the JSON as first built, sent unchanged every time.
create table webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  key text not null unique,
  endpoint_id uuid not null references webhook_endpoints on delete cascade,
  event_id bigint references events on delete set null,
  event_type text not null,
  body text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts int not null default 0,
  last_error text,
  response_code int,
  latency_ms int,
  next_attempt_at timestamptz,
  last_attempt_at timestamptz,
  sent_at timestamptz,
  created_at timestamptz not null default now()
);
create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, created_at desc, id);

-- The owner hears when an endpoint was disabled after a day of failures.
alter table notices drop constraint notices_kind_check;
alter table notices add constraint notices_kind_check
  check (kind in ('mention', 'shipped', 'request_status', 'webhook_disabled'));
