-- What email the log has called for and whether it went. Bookkeeping of deliveries, not a
-- read model: never rebuilt from the log (that would send everything again).
-- "if not exists": an earlier build created this table at start-up, outside the migrations.
create table if not exists notification_outbox (
  event_id        text primary key,
  stream_id       text not null,
  event_type      text not null,
  global_position bigint not null,
  noted_at        timestamptz not null default now(),
  sent_at         timestamptz,
  receipt         text
);
create index if not exists notification_outbox_unsent on notification_outbox (global_position) where sent_at is null;
