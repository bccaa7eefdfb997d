-- Insight (issue 11): "an item serving several segments splits its points evenly unless the PO
-- gives weights". The PO's weight for each segment an item serves (percent of the item, the
-- item's weights summing to 100); null: the even split. Set through the item write path.
alter table item_segments
  add column weight numeric check (weight > 0 and weight <= 100);
