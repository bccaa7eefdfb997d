-- Issue 12: a personal, secret calendar (iCalendar) URL per person. Only the token's SHA-256 is kept;
-- a new link replaces the row, so the old one stops working at once.
create table calendar_feeds (
  user_id uuid primary key references users on delete cascade,
  token_hash bytea not null unique,
  created_at timestamptz not null default now(),
  last_read_at timestamptz
);
