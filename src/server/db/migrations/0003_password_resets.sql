-- Password reset links an admin hands out: single use, expiring; only the token's SHA-256 is stored.
create table password_resets (
  id uuid primary key default gen_random_uuid(),
  token_hash bytea not null unique,
  user_id uuid not null references users on delete cascade,
  created_by uuid not null references users,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index password_resets_user_idx on password_resets (user_id);

-- The key that signs "known device" cookies, shared by every instance. Two random UUIDs give
-- 244 random bits from PostgreSQL's strong random source (no pgcrypto needed).
alter table workspace add column device_key bytea not null
  default decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex');
