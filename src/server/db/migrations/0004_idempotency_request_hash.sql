-- A key reused with a different request is refused (422), not replayed: the key keeps a hash of
-- method, path and body. Keys stored before this column existed are compared by route only.
alter table idempotency_keys add column request_hash text;
