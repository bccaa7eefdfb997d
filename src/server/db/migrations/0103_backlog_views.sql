-- A saved backlog view is the backlog URL's search string (the web app opens a view by navigating
-- to it), so `query` becomes bounded text instead of jsonb. Nothing wrote the jsonb shape before.
alter table backlog_views alter column query drop default;
alter table backlog_views alter column query type text
  using case when jsonb_typeof(query) = 'string' then query #>> '{}' else '' end;
alter table backlog_views alter column query set default '';
alter table backlog_views add constraint backlog_views_query_len check (char_length(query) <= 2000);
alter table backlog_views add constraint backlog_views_name_len check (char_length(name) between 1 and 80);
