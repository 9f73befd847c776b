import type { PreparedEvent } from '../event-validation';
import { EVENT_COLUMNS } from './event-row';

const COLUMNS = `(event_id, stream_id, stream_revision, type, schema_version, data, metadata,
  recorded_at, content_hash, previous_hash, hash)`;
/** The event's values with `revision` (an SQL expression) in its place. */
const values = (revision: string) => `$1::uuid, $2, ${revision}, $3, $4::int, $5::jsonb, $6::jsonb, $7::timestamptz, $8`;

/**
 * One-statement appends of a single event, the common case. Each is a single INSERT
 * that returns the row as stored (so a command need not read it back):
 * the unique (stream_id, stream_revision) index refuses a concurrent writer at the same
 * revision, and anything these cannot place (no row inserted, or a unique violation)
 * goes to the careful path, `cl_append_to_stream`, which says exactly why.
 */
export const FAST_APPEND = {
  newStream: {
    name: 'cl_append_new_stream',
    text: `insert into events ${COLUMNS}
           values (${values('0')}, null, cl_chain_hash(null, 0, $8))
           returning ${EVENT_COLUMNS}`,
  },
  atRevision: {
    name: 'cl_append_at_revision',
    text: `insert into events ${COLUMNS}
           select ${values('p.stream_revision + 1')}, p.hash, cl_chain_hash(p.hash, p.stream_revision + 1, $8)
             from events p where p.stream_id = $2 and p.stream_revision = $9
           returning ${EVENT_COLUMNS}`,
  },
  atEnd: {
    name: 'cl_append_at_end',
    text: `insert into events ${COLUMNS}
           select ${values('p.stream_revision + 1')}, p.hash, cl_chain_hash(p.hash, p.stream_revision + 1, $8)
             from (select stream_revision, hash from events where stream_id = $2
                    order by stream_revision desc limit 1) p
           returning ${EVENT_COLUMNS}`,
  },
} as const;

export function fastParams(streamId: string, event: PreparedEvent, revision?: number): unknown[] {
  const params = [
    event.id,
    streamId,
    event.type,
    event.schemaVersion,
    event.dataJson,
    event.metadataJson,
    event.metadata.recordedAt,
    event.contentHash,
  ];
  return revision === undefined ? params : [...params, revision];
}

/** The careful path's payload: the events as one JSON array. */
export function carefulPayload(events: readonly PreparedEvent[]): string {
  const items = events.map(
    (event) =>
      `{"id":${JSON.stringify(event.id)},"type":${JSON.stringify(event.type)},"schemaVersion":${event.schemaVersion},` +
      `"contentHash":"${event.contentHash}","data":${event.dataJson},"metadata":${event.metadataJson}}`,
  );
  return `[${items.join(',')}]`;
}
