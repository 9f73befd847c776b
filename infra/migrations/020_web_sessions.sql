-- Sessions of the web app, kept server-side. The cookie carries a random id; only its
-- SHA-256 is stored, so a copy of this table signs nobody in.
create table if not exists web_sessions (
  id_hash      text primary key,
  principal    jsonb,
  csrf_token   text not null,
  -- What a sign-in in progress needs back (OIDC state, nonce, PKCE verifier, where to return).
  pending      jsonb,
  created_at   timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at   timestamptz not null
);

create index if not exists web_sessions_expires_at on web_sessions (expires_at);
