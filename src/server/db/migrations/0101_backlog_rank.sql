-- Rank uniqueness checked at the end of each statement (deferrable, initially immediate), so a
-- rebalance or a "suggested order" can rewrite many keys in one UPDATE without tripping over a key
-- another row holds until that same statement moves it. Single moves still fail fast on a clash.
drop index items_rank_idx;
alter table items add constraint items_rank_key unique (product_id, rank) deferrable initially immediate;

-- "Highest WSJF first, then backlog order" is one forward index scan.
drop index items_wsjf_idx;
create index items_wsjf_idx on items (product_id, (coalesce(wsjf, -1)) desc, rank) where deleted_at is null;
