-- Each seal signed with an Ed25519 key kept outside the database (SEAL_KEY_FILE, by
-- default DATA_DIR/seal-key.pem): someone who can write to the database can recompute
-- every hash, but not sign. key_id names the key (sha256 of its public key, 16 hex).
-- Seals written before signing began keep null here; verify says how many.
alter table log_seals add column signature text;
alter table log_seals add column key_id text;
