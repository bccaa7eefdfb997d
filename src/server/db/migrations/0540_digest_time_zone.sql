-- The daily digest in each person's own time zone (issue 12). One row per person who chose a
-- zone (the web app sends the browser's on their first save); no row = UTC. The digest of a
-- local day is keyed `digest:<user>:<local date>` and gathers every mail still held from before
-- that day's end, marking them bundled in the digest row's transaction: a change of zone moves
-- the cut, never loses a notice or puts one in two digests.
create table notification_preferences (
  user_id uuid primary key references users on delete cascade,
  time_zone text not null,
  updated_at timestamptz not null default now()
);
