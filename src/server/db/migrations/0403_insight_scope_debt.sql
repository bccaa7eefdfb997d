-- Insight (issue 11), the debt ledger: what a debt item costs to fix (a range of hours) and what
-- it costs every week it stays (hours lost per week). Set by contributors through the item write
-- path; null until someone states it.
alter table items
  add column debt_fix_min_hours numeric check (debt_fix_min_hours >= 0),
  add column debt_fix_max_hours numeric check (debt_fix_max_hours >= 0),
  add column debt_weekly_hours numeric check (debt_weekly_hours >= 0),
  add constraint items_debt_cost_whole check (
    (debt_fix_min_hours is null) = (debt_fix_max_hours is null)
    and (debt_fix_min_hours is null) = (debt_weekly_hours is null)
    and (debt_fix_min_hours is null or debt_fix_min_hours <= debt_fix_max_hours)
  );
create index items_debt_idx on items (product_id) where type = 'debt' and deleted_at is null;
