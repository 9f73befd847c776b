-- One encryption key per data subject, outside the log. The log holds a subject's personal
-- fields only as AES-256-GCM ciphertext naming the key's random id; deleting the row puts
-- those fields beyond use while every event hash still verifies. `subject_ref` (e.g.
-- contact:jo@example.org) finds the key for new data and goes with it.
create table if not exists personal_data_keys (
  subject_id  uuid primary key,
  subject_ref text not null unique,
  data_key    bytea not null check (length(data_key) = 32),
  created_at  timestamptz not null default now()
);

-- Which keys were destroyed, when, and by which PersonalDataErased event.
create table if not exists personal_data_erasures (
  subject_id uuid primary key,
  erased_at  timestamptz not null default now(),
  event_id   uuid not null
);
