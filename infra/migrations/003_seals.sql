-- Seals over the global order of the log, written asynchronously by the sealing step
-- (libs/audit): each seal hashes the previous seal's hash and every event's
-- global_position:hash since, in log order. With the per-stream hash chains, deleting or
-- editing any sealed event, even a whole stream's tail, breaks a chain or a seal.
-- from_position / to_position are the first and last events of the seal in log order.
create table log_seals (
  seal_no            bigint primary key,
  from_position      bigint not null,
  to_position        bigint not null,
  events             integer not null check (events > 0),
  previous_seal_hash text,
  seal_hash          text not null,
  sealed_at          timestamptz not null
);
