-- Insight, trust radar (issue 11): the radar reads a product's scope changes, refused sizes and
-- review closes over a time window; this index makes that a range scan per type instead of a
-- walk over every event of the product.
create index events_product_type_at_idx on events (product_id, type, at);
