-- Stakeholders added from a list (issue 10) have no password: they reach Tandem through a
-- personal sign-in link, and may set a password later. A null hash never matches at sign-in.
alter table users alter column password_hash drop not null;

-- Personal sign-in links the PO hands a stakeholder: single use, expiring, for one person on one
-- product (where it lands them); only the token's SHA-256 is stored, as for password resets.
create table sign_in_links (
  id uuid primary key default gen_random_uuid(),
  token_hash bytea not null unique,
  user_id uuid not null references users on delete cascade,
  product_id uuid not null references products on delete cascade,
  created_by uuid not null references users,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index sign_in_links_user_idx on sign_in_links (user_id);
