import type { EventMetadata, StoredEvent } from '../event-store.port';

export const EVENT_COLUMNS = `events.global_position, events.event_id, events.stream_id, events.stream_revision,
  events.type, events.schema_version, events.data, events.metadata, events.previous_hash, events.hash`;

export interface EventRow {
  global_position: string | number;
  event_id: string;
  stream_id: string;
  stream_revision: string | number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata & { recordedAt: string };
  previous_hash: string | null;
  hash: string;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.stream_revision),
    globalPosition: Number(row.global_position),
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: row.data,
    metadata: row.metadata,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
