-- How a web session was signed in ('oidc' or 'dev'): signing out of a single sign-on
-- session also ends it at the identity provider.
alter table web_sessions add column if not exists signed_in_via text;
