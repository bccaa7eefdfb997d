-- Reactions to events (server/jobs/) run on graphile-worker's queue, whose own schema
-- (graphile_worker) graphile-worker installs and upgrades itself at start.

-- Which subscriber reacts to which event type. The worker writes the list from its code at
-- start (server/jobs/subscribers.ts), so SQL can enqueue without knowing the code.
create table event_subscriptions (
  event_type text not null,
  subscriber text not null,
  max_attempts int not null check (max_attempts between 1 and 100),
  primary key (event_type, subscriber)
);

-- The outbox: every statement that appends events (events.repository, the items repository's
-- moveMany) enqueues, in its own transaction, one job per (event, subscriber of its type). The
-- job key subscriber:event_id makes a repeated enqueue of the same pair update the waiting job
-- instead of adding a second; nothing depends on event ids committing in order. Statement-level
-- with a transition table: one query per statement, whatever the number of rows, and none into
-- graphile_worker at all while no subscriber wants the types written.
create function enqueue_event_reactions() returns trigger language plpgsql as $$
begin
  if exists (select 1 from new_events n join event_subscriptions s on s.event_type = n.type) then
    perform graphile_worker.add_jobs(array(
      select row(s.subscriber, json_build_object('eventId', n.id), null, null, s.max_attempts,
                 s.subscriber || ':' || n.id, null, null)::graphile_worker.job_spec
        from new_events n join event_subscriptions s on s.event_type = n.type
       order by n.id, s.subscriber));
  end if;
  return null;
end $$;

create trigger events_enqueue_reactions after insert on events
  referencing new table as new_events
  for each statement execute function enqueue_event_reactions();

-- One row per (event, subscriber) whose effect committed, written in the effect's transaction:
-- a job run again (a worker killed after commit, before marking the job done) finds it and
-- does nothing.
create table reaction_receipts (
  event_id bigint not null references events on delete cascade,
  subscriber text not null,
  handled_at timestamptz not null default now(),
  primary key (event_id, subscriber)
);

-- Live worker pool ids (what graphile-worker writes in locked_by), touched every few seconds.
-- A worker killed mid-job (SIGKILL, OOM, power) leaves its jobs locked; graphile-worker itself
-- frees them only after 4 hours. Any live Tandem worker unlocks the jobs of ids gone silent for a minute.
create table reaction_workers (
  worker_id text primary key,
  seen_at timestamptz not null default now()
);

-- In-app notices: one per (cause event, recipient), e.g. "Olive mentioned you on VIP-5".
create table notices (
  id uuid primary key default gen_random_uuid(),
  recipient_id uuid not null references users on delete cascade,
  cause_event_id bigint not null references events on delete cascade,
  kind text not null check (kind in ('mention')),
  product_id uuid not null references products on delete cascade,
  actor_id uuid references users on delete set null,
  -- No foreign keys: core (0002) comes before the backlog tables (0100); items and comments
  -- are soft-deleted, and readers join them.
  item_id uuid,
  comment_id uuid,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (cause_event_id, recipient_id)
);
create index notices_recipient_idx on notices (recipient_id, created_at desc);
create index notices_unread_idx on notices (recipient_id) where read_at is null;
