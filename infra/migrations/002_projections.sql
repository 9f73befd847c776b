-- Read-model bookkeeping: one checkpoint per projection, written in the same transaction
-- as the projection's rows, so each event is applied exactly once.
create table projection_checkpoints (
  projection  text primary key,
  version     integer not null,
  position    bigint not null default 0,
  updated_at  timestamptz not null default now()
);
