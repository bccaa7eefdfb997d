-- The webhook fan-out reaction wants most product events, but only products with an endpoint have
-- anything to deliver. The outbox trigger (0002) now enqueues it only for an event whose product
-- has an enabled endpoint asking for that type, so writes of every other product touch
-- graphile-worker no more than before webhooks existed. (The subscriber's name is the one in
-- server/jobs/webhooks.job.ts; an endpoint created after an event does not get it, as intended.)
create or replace function enqueue_event_reactions() returns trigger language plpgsql as $$
begin
  if exists (select 1 from new_events n join event_subscriptions s on s.event_type = n.type
              where s.subscriber <> 'webhook-fan-out'
                 or exists (select 1 from webhook_endpoints w where w.product_id = n.product_id
                               and w.enabled and n.type = any (w.event_types))) then
    perform graphile_worker.add_jobs(array(
      select row(s.subscriber, json_build_object('eventId', n.id), null, null, s.max_attempts,
                 s.subscriber || ':' || n.id, null, null)::graphile_worker.job_spec
        from new_events n join event_subscriptions s on s.event_type = n.type
       where s.subscriber <> 'webhook-fan-out'
          or exists (select 1 from webhook_endpoints w where w.product_id = n.product_id
                        and w.enabled and n.type = any (w.event_types))
       order by n.id, s.subscriber));
  end if;
  return null;
end $$;
