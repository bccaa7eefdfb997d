-- WSJF is "needs estimate" (null) until the team sizes the item, as in domain/backlog/wsjf.ts.
-- (0100 used greatest(size, 0.5), which ignores a null size, so unsized items sorted to the top.)
drop index items_wsjf_idx;
alter table items drop column wsjf;
alter table items add column wsjf numeric generated always as (
  case when size is null then null
       else (coalesce(business_value, 0) + coalesce(time_criticality, 0) + coalesce(risk_reduction, 0))::numeric
            / greatest(size, 0.5)
  end
) stored;
create index items_wsjf_idx on items (product_id, (coalesce(wsjf, -1)) desc, rank) where deleted_at is null;
