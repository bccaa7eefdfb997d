-- A review invitation's mails ride its `review.invited` event (issue 12). The request writes,
-- beside the hashed links it keeps anyway, ONE row holding the fresh tokens as two arrays (no
-- JSON to build and parse, and no job of its own: the events trigger already queues the event's
-- reactions). The reaction `review-invitation-mail` writes the per-person mails (keyed by the
-- link's hash) and deletes the row in one transaction. Tokens are random, so a copy of the
-- database reveals no live link: they are kept in clear only here, until their mails are queued,
-- and in a mail until it is sent.
create table invitation_mail_batches (
  id uuid primary key default gen_random_uuid(),
  review_id uuid not null references customer_reviews on delete cascade,
  user_ids uuid[] not null,
  tokens text[] not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  check (cardinality(user_ids) = cardinality(tokens))
);
create index invitation_mail_batches_review_idx on invitation_mail_batches (review_id);
-- Random tokens do not compress: do not spend the request's time trying.
alter table invitation_mail_batches alter column tokens set storage external;

-- Batches the previous design queued (0501: one JSON row and a `mail-fanout` job each) move over,
-- each found by its links' hashes, and get the new reaction for their review's latest invitation.
insert into invitation_mail_batches (review_id, user_ids, tokens, expires_at, created_at)
select i.review_id,
       array_agg((l->>'userId')::uuid order by n),
       array_agg(l->>'token' order by n),
       min((l->>'expiresAt')::timestamptz),
       min(b.created_at)
  from mail_batches b
  cross join lateral jsonb_array_elements(b.payload->'links') with ordinality as x(l, n)
  join review_invitations i on i.token_hash = l->>'tokenHash'
 group by b.id, i.review_id;

do $$
begin
  if to_regnamespace('graphile_worker') is not null then
    perform graphile_worker.remove_job('mail-fanout:' || id) from mail_batches;
    perform graphile_worker.add_job('review-invitation-mail', json_build_object('eventId', e.id),
              max_attempts := 10, job_key := 'review-invitation-mail:' || e.id)
       from (select max(ev.id) as id
               from invitation_mail_batches m
               join events ev on ev.entity_type = 'customer_review' and ev.entity_id = m.review_id::text
                            and ev.type = 'review.invited'
              group by m.review_id) e;
  end if;
end $$;

drop table mail_batches;
