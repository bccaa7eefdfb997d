-- Close the loop and benefit hypotheses (issue 10).

-- Notices grow from @mentions to every "you hear back" kind. A notice exists once per person and
-- cause: `cause_key` names the cause (`mention:<event id>`, `shipped:<item id>`,
-- `request:<event id>`), so an item accepted, its acceptance retried and its release shipped
-- leave each person one "shipped" notice. `title` and `body` keep the words as they were sent
-- (email and webhooks will read these rows).
alter table notices drop constraint notices_kind_check;
alter table notices add constraint notices_kind_check
  check (kind in ('mention', 'shipped', 'request_status'));
alter table notices
  add column cause_key text,
  add column title text,
  add column body text,
  add column request_id uuid references requests on delete set null;
update notices set cause_key = 'mention:' || cause_event_id where cause_key is null;
alter table notices alter column cause_key set not null;
alter table notices drop constraint notices_cause_event_id_recipient_id_key;
create unique index notices_cause_recipient_idx on notices (cause_key, recipient_id);
create index notices_recipient_unread_idx on notices (recipient_id, (read_at is null) desc, created_at desc);

-- An item's benefit hypothesis (seed 004): "we believe <belief> will result in <outcome>; we will
-- know when <signal>", and the PO's judgement of it against the evidence.
alter table items
  add column hypothesis jsonb,
  add column hypothesis_status text not null default 'unvalidated'
    check (hypothesis_status in ('unvalidated', 'supported', 'contradicted')),
  add column hypothesis_suggested text
    check (hypothesis_suggested in ('unvalidated', 'supported', 'contradicted')),
  add column hypothesis_reason text,
  add column hypothesis_judged_by uuid references users on delete set null,
  add column hypothesis_judged_at timestamptz;
