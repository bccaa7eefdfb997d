-- The one unavoidable window of a webhook delivery, recorded (issue 12): a send marks its row in
-- flight before the request leaves and clears it when the answer is recorded. A worker that finds
-- the mark still set on its claim knows the previous attempt was cut short after the send may
-- have begun (a crash): the receiver may see this webhook-id twice, with the same body.
alter table webhook_deliveries
  add column in_flight boolean not null default false,
  add column interrupted int not null default 0;
