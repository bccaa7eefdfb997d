-- Issue 12: single sign-on with the company's OpenID Connect provider.
-- Which provider account is which person: (issuer, subject) is the identity, never the email.
create table user_identities (
  issuer text not null,
  subject text not null,
  user_id uuid not null references users on delete cascade,
  email text not null,
  created_at timestamptz not null default now(),
  last_sign_in_at timestamptz not null default now(),
  primary key (issuer, subject)
);
create index user_identities_user_idx on user_identities (user_id);

-- A sign-in on its way through the provider: kept server-side (any instance may get the callback),
-- keyed by the state's hash, used once (deleted when the callback arrives) and short-lived.
create table oidc_logins (
  state_hash bytea primary key,
  code_verifier text not null,
  nonce text not null,
  redirect_uri text not null,
  return_to text not null,
  expires_at timestamptz not null
);
create index oidc_logins_expiry_idx on oidc_logins (expires_at);
