-- Working agreements (issue 13): per product, Markdown documents with versions. Which version is
-- in force is computed from the dates (domain/agreements/versions.ts), never stored as a flag;
-- `effective_noticed_at` only keys the one `agreement.effective` event per version.
create table agreements (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products on delete cascade,
  title text not null,
  -- Who is asked to acknowledge: these product roles (default every internal member).
  roles text[] not null,
  -- Stakeholders read an agreement only when the Product Owner shares it.
  shared boolean not null default false,
  -- Text being written, not yet proposed.
  draft text,
  template text,
  created_by uuid references users on delete set null,
  created_at timestamptz not null,
  version int not null default 1
);
create index agreements_product_idx on agreements (product_id, created_at);

create table agreement_versions (
  agreement_id uuid not null references agreements on delete cascade,
  number int not null,
  body text not null,
  proposed_by uuid references users on delete set null,
  proposed_at timestamptz not null,
  comment_until timestamptz,
  effective_from timestamptz not null,
  -- Bumped by each revision of a proposal (If-Match); an effective version is never revised.
  revision int not null default 1,
  effective_noticed_at timestamptz,
  primary key (agreement_id, number),
  check (comment_until is null or comment_until <= effective_from)
);
-- The clock job looks for versions whose date passed and whose event is not recorded yet.
create index agreement_versions_due_idx on agreement_versions (effective_from) where effective_noticed_at is null;

-- Comments per paragraph: the index and a hash of the paragraph's text, and the text itself, so a
-- comment follows the words it was about when they move, and shows them when they change.
create table agreement_comments (
  id uuid primary key default gen_random_uuid(),
  agreement_id uuid not null,
  version int not null,
  paragraph int not null check (paragraph >= 0),
  paragraph_hash text not null,
  quote text not null,
  body text not null,
  author_id uuid references users on delete set null,
  created_at timestamptz not null,
  foreign key (agreement_id, version) references agreement_versions on delete cascade
);
create index agreement_comments_version_idx on agreement_comments (agreement_id, version, created_at);

-- An acknowledgement belongs to one version: a new effective version asks everyone again.
create table agreement_acknowledgements (
  agreement_id uuid not null,
  version int not null,
  user_id uuid not null references users on delete cascade,
  acknowledged_at timestamptz not null,
  primary key (agreement_id, version, user_id),
  foreign key (agreement_id, version) references agreement_versions on delete cascade
);

-- Notices about agreements ("comment until …", "please acknowledge"). Extends the kind check
-- with whatever it holds now, so migrations of other capabilities adding kinds keep theirs.
do $$
declare
  def text;
begin
  select pg_get_constraintdef(oid) into def from pg_constraint
   where conrelid = 'notices'::regclass and conname = 'notices_kind_check';
  if def is not null and def not like '%''agreement''%' then
    execute 'alter table notices drop constraint notices_kind_check';
    execute 'alter table notices add constraint notices_kind_check check ((kind = ''agreement''::text) or '
      || substring(def from 'CHECK \((.*)\)$') || ')';
  end if;
end $$;
alter table notices add column agreement_id uuid references agreements on delete cascade;
