-- The bytes of every document attached to a case, kept once under their SHA-256. The log
-- records each document (DocumentAttached: name, type, size, hash); this table only holds
-- content, is never updated (a document is superseded by a new one, never overwritten), and
-- `verify` recomputes every row's hash.
create table if not exists document_blobs (
  sha256     text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint not null check (size_bytes > 0),
  media_type text not null,
  content    bytea not null,
  stored_at  timestamptz not null default now()
);
