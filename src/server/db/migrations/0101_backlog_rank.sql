-- "Highest WSJF first, then backlog order" is one forward index scan.
drop index items_wsjf_idx;
create index items_wsjf_idx on items (product_id, (coalesce(wsjf, -1)) desc, rank) where deleted_at is null;
