import { canonicalJson } from './canonical-json';
import { contentHashOfCanonical } from './event-hash';
import { InvalidEvent } from './event-store.errors';
import type { NewEvent } from './event-store.port';

export const MAX_STREAM_ID_LENGTH = 200;
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event checked and serialised once, ready for any adapter to store. */
export interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  readonly dataJson: string;
  readonly metadataJson: string;
  readonly contentHash: string;
}

export function validateStreamId(streamId: unknown): string {
  if (typeof streamId !== 'string' || streamId.trim() === '') {
    throw new InvalidEvent('streamId', 'must be a non-empty string');
  }
  if (streamId.length > MAX_STREAM_ID_LENGTH) {
    throw new InvalidEvent('streamId', `is ${streamId.length} characters; at most ${MAX_STREAM_ID_LENGTH} are allowed`);
  }
  if (/[\u0000-\u001f]/.test(streamId)) throw new InvalidEvent('streamId', 'must not contain control characters');
  return streamId;
}

/**
 * Checks a whole append before anything is written: one bad event refuses them all.
 * `recordedAt` is stamped here so that it is covered by the event's hash.
 */
export function prepareEvents(streamId: string, events: readonly NewEvent[], recordedAt: string): PreparedEvent[] {
  validateStreamId(streamId);
  if (!Array.isArray(events) || events.length === 0) throw new InvalidEvent('events', 'at least one event is required');
  const ids = new Set<string>();
  return events.map((event, i) => {
    const at = `events[${i}]`;
    if (typeof event?.id !== 'string' || !UUID.test(event.id)) throw new InvalidEvent(`${at}.id`, 'must be a UUID');
    if (ids.has(event.id.toLowerCase())) throw new InvalidEvent(`${at}.id`, 'appears twice in the same append');
    ids.add(event.id.toLowerCase());
    if (typeof event.type !== 'string' || event.type.trim() === '') throw new InvalidEvent(`${at}.type`, 'is required');
    const schemaVersion = event.schemaVersion ?? 1;
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
      throw new InvalidEvent(`${at}.schemaVersion`, 'must be a positive integer');
    }
    if (event.data === undefined) throw new InvalidEvent(`${at}.data`, 'is required');
    validateMetadata(event.metadata, `${at}.metadata`);
    const metadata = { ...event.metadata, recordedAt } as Record<string, unknown>;
    const dataJson = canonicalJson(event.data, `${at}.data`);
    const metadataJson = canonicalJson(metadata, `${at}.metadata`);
    const bytes = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
    if (bytes > MAX_PAYLOAD_BYTES) {
      throw new InvalidEvent(`${at}.data`, `payload is ${bytes} bytes; at most ${MAX_PAYLOAD_BYTES} (1 MiB) are allowed`);
    }
    const id = event.id.toLowerCase();
    const contentHash = contentHashOfCanonical({ id, streamId, type: event.type, schemaVersion, dataJson, metadataJson });
    return { id, type: event.type, schemaVersion, data: event.data, metadata, dataJson, metadataJson, contentHash };
  });
}

function validateMetadata(metadata: NewEvent['metadata'] | undefined, at: string): void {
  if (typeof metadata !== 'object' || metadata === null) throw new InvalidEvent(at, 'is required');
  const actor = metadata.actor;
  if (typeof actor?.id !== 'string' || actor.id === '') throw new InvalidEvent(`${at}.actor.id`, 'is required');
  if (typeof actor.role !== 'string' || actor.role === '') throw new InvalidEvent(`${at}.actor.role`, 'is required');
  for (const field of ['correlationId', 'causationId', 'occurredAt'] as const) {
    if (typeof metadata[field] !== 'string' || metadata[field] === '') throw new InvalidEvent(`${at}.${field}`, 'is required');
  }
  if (Number.isNaN(Date.parse(metadata.occurredAt))) {
    throw new InvalidEvent(`${at}.occurredAt`, 'must be an ISO 8601 date-time');
  }
}
