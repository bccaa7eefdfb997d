-- Mail (issue 12): a transactional outbox on graphile-worker's queue.

-- One row per (cause, recipient, channel email): `key` names it (`notice:<cause key>:<user>`,
-- `invite:<event>:<user>`, `digest:<user>:<day>`, …) and is unique, so a retried request or a
-- replayed event never writes a second row. Rows are written in the transaction of what causes
-- them. `message_id` is derived from the key: a resend after a crash between "sent" and
-- "recorded" carries the same Message-ID, so the recipient's mail program sees one message.
-- Status: pending (queued), sent, failed (permanent, or out of attempts); held (waits for the
-- recipient's daily digest), bundled (gathered into digest `bundle_id`).
create table mail_deliveries (
  id uuid primary key default gen_random_uuid(),
  key text not null unique,
  recipient_id uuid not null references users on delete cascade,
  kind text not null,
  subject text not null,
  text text not null,
  html text not null,
  message_id text not null unique,
  unsubscribe_url text,
  status text not null default 'pending'
    check (status in ('pending', 'sent', 'failed', 'held', 'bundled')),
  attempts int not null default 0,
  -- An attempt was claimed and never recorded (the worker died mid-send): the next one may be a
  -- duplicate the recipient already has, with the same Message-ID. Counted, not guessed.
  in_flight boolean not null default false,
  interrupted int not null default 0,
  last_error text,
  last_attempt_at timestamptz,
  sent_at timestamptz,
  bundle_id uuid references mail_deliveries on delete set null,
  -- Review invitations carry the personal link only until sent; then the words are redacted.
  secret_until_sent boolean not null default false,
  created_at timestamptz not null default now()
);
create index mail_deliveries_status_idx on mail_deliveries (status, created_at desc);
create index mail_deliveries_held_idx on mail_deliveries (recipient_id, created_at) where status = 'held';

-- Each pending row becomes one send job, in the writing transaction (job key mail:<id>), like
-- the events outbox (0002). Statement-level: one query however many rows.
create function enqueue_mail_sends() returns trigger language plpgsql as $$
begin
  if exists (select 1 from new_mail where status = 'pending') then
    perform graphile_worker.add_jobs(array(
      select row('mail-send', json_build_object('id', n.id), null, null, 1000,
                 'mail:' || n.id, null, null)::graphile_worker.job_spec
        from new_mail n where n.status = 'pending'));
  end if;
  return null;
end $$;
create trigger mail_deliveries_enqueue after insert on mail_deliveries
  referencing new table as new_mail
  for each statement execute function enqueue_mail_sends();

-- Per user and kind: in-app only, email at once, or the daily digest. No row = email.
create table notification_settings (
  user_id uuid not null references users on delete cascade,
  kind text not null,
  mode text not null check (mode in ('in_app', 'email', 'digest')),
  updated_at timestamptz not null default now(),
  primary key (user_id, kind)
);

-- The key that signs unsubscribe links (one row, made on first use).
create table mail_signing_key (
  id int primary key check (id = 1),
  secret bytea not null
);
