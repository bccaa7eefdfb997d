-- A review invitation to many people writes ONE row here in its request (the personal links
-- for the mails, with the review's words), and one `mail-fanout` job; the job writes the per-person
-- mail rows (keyed, so a re-run writes none twice) and deletes this row in the same transaction,
-- so the links are kept in clear no longer than until their mails are queued, and the request
-- pays for one row instead of hundreds.
create table mail_batches (
  id uuid primary key default gen_random_uuid(),
  key text not null unique,
  payload jsonb not null,
  created_at timestamptz not null default now()
);
