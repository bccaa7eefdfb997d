-- Issue 12: with passwords off, an invitation is accepted through single sign-on; the pending
-- sign-in remembers which invitation (its token's hash) it was started from.
alter table oidc_logins add column invite_hash bytea;
