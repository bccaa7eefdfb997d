-- Customer voice (issue 10): who the customers are, what they ask for, how they rate each
-- increment and what they vote for next. One schema for the whole capability, so requests,
-- reviews, votes and the close-the-loop notices share it; later changes come as new migrations.

-- Which of the product's segments a member belongs to ("VIP members", "Secretariat").
create table member_segments (
  product_id uuid not null,
  user_id uuid not null,
  segment_id uuid not null references segments on delete cascade,
  primary key (product_id, user_id, segment_id),
  foreign key (product_id, user_id) references product_members on delete cascade
);
create index member_segments_segment_idx on member_segments (segment_id);

-- Releases: what ships together; items may be assigned to one. A release may hold one vote.
create table releases (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products on delete cascade,
  name text not null,
  target_date date,
  shipped_at timestamptz,
  -- The vote on its candidates: null until the PO opens it.
  vote_budget int check (vote_budget between 1 and 1000),
  vote_opened_at timestamptz,
  vote_closes_at timestamptz,
  created_at timestamptz not null default now(),
  version int not null default 1
);
create unique index releases_name_idx on releases (product_id, lower(name));

-- The items the PO put up for the release's vote, in the order given.
create table release_candidates (
  release_id uuid not null references releases on delete cascade,
  item_id uuid not null references items(id) on delete cascade,
  position int not null,
  primary key (release_id, item_id)
);

-- One row per voter and release: the total is checked under this row's lock, so two parallel
-- allocations by one person cannot together exceed the budget.
create table release_voters (
  release_id uuid not null references releases on delete cascade,
  user_id uuid not null references users on delete cascade,
  total int not null default 0,
  updated_at timestamptz not null default now(),
  primary key (release_id, user_id)
);

create table release_votes (
  release_id uuid not null,
  user_id uuid not null,
  item_id uuid not null references items(id) on delete cascade,
  points int not null check (points > 0),
  primary key (release_id, user_id, item_id),
  foreign key (release_id, user_id) references release_voters on delete cascade
);
create index release_votes_item_idx on release_votes (release_id, item_id);

-- What the PO publishes to stakeholders, and the release an item belongs to.
alter table items
  add column published boolean not null default false,
  add column release_id uuid references releases on delete set null;
create index items_published_idx on items (product_id) where published;
create index items_release_idx on items (release_id) where release_id is not null;

-- "What is hard for you, and why": requests by members, triaged by the PO.
create table requests (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products on delete cascade,
  title text not null,
  problem text not null,
  segment_id uuid references segments on delete set null,
  status text not null default 'open' check (status in ('open', 'planned', 'declined', 'shipped')),
  item_id uuid references items(id) on delete set null,
  decline_reason text,
  -- Shown to every stakeholder of the product, who may then support it.
  published boolean not null default false,
  requester_id uuid references users on delete set null,
  supporters int not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check (status <> 'declined' or decline_reason is not null)
);
create index requests_product_idx on requests (product_id, created_at desc);
create index requests_item_idx on requests (item_id) where item_id is not null;
create index requests_requester_idx on requests (requester_id);

-- "+1": once per person and request.
create table request_supporters (
  request_id uuid not null references requests on delete cascade,
  user_id uuid not null references users on delete cascade,
  created_at timestamptz not null default now(),
  primary key (request_id, user_id)
);

-- A sprint's review with the customers: the increments they rate, open until closed.
create table customer_reviews (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products on delete cascade,
  sprint_id uuid not null references sprints on delete cascade,
  state text not null default 'open' check (state in ('open', 'closed')),
  closes_at timestamptz,
  opened_by uuid references users on delete set null,
  opened_at timestamptz not null default now(),
  closed_at timestamptz,
  version int not null default 1
);
create unique index customer_reviews_sprint_idx on customer_reviews (sprint_id);

create table review_increments (
  review_id uuid not null references customer_reviews on delete cascade,
  item_id uuid not null references items(id) on delete cascade,
  position int not null,
  -- The PO's "what changed for you" line, shown to customers.
  what_changed text not null default '',
  primary key (review_id, item_id)
);

-- One personal link per person and review. Only the token's hash is kept.
create table review_invitations (
  review_id uuid not null references customer_reviews on delete cascade,
  user_id uuid not null references users on delete cascade,
  token_hash text not null unique,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  primary key (review_id, user_id)
);

-- One answer per person, review and increment: changing it replaces it, so it counts once.
create table review_answers (
  review_id uuid not null,
  item_id uuid not null,
  user_id uuid not null references users on delete cascade,
  mood text not null check (mood in ('happy', 'neutral', 'sad')),
  rating int check (rating between 1 and 5),
  comment text,
  changes int not null default 0,
  answered_at timestamptz not null default now(),
  primary key (review_id, item_id, user_id),
  foreign key (review_id, item_id) references review_increments on delete cascade
);
create index review_answers_item_idx on review_answers (item_id);
create index review_answers_user_idx on review_answers (user_id);
