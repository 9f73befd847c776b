import { canonicalJson, type StoredEvent } from '@app/event-store';

export type ExportFormat = 'jsonl' | 'csv';

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const COLUMNS: ReadonlyArray<readonly [string, (event: StoredEvent) => string | number | null | undefined]> = [
  ['position', (e) => e.globalPosition],
  ['eventId', (e) => e.id],
  ['stream', (e) => e.streamId],
  ['revision', (e) => e.revision],
  ['type', (e) => e.type],
  ['schemaVersion', (e) => e.schemaVersion],
  ['occurredAt', (e) => e.metadata.occurredAt],
  ['recordedAt', (e) => e.metadata.recordedAt],
  ['actorId', (e) => e.metadata.actor.id],
  ['actorRole', (e) => e.metadata.actor.role],
  ['actorLocality', (e) => e.metadata.actor.locality],
  ['correlationId', (e) => e.metadata.correlationId],
  ['causationId', (e) => e.metadata.causationId],
  ['previousHash', (e) => e.previousHash],
  ['hash', (e) => e.hash],
  // The canonical JSON the event's hash was computed over.
  ['data', (e) => canonicalJson(e.data)],
];

export const CSV_COLUMNS = COLUMNS.map(([name]) => name);

/** Lines end CRLF, as RFC 4180 has them. */
export const csvHeader = (): string => `${CSV_COLUMNS.join(',')}\r\n`;
export const csvRow = (event: StoredEvent): string => `${COLUMNS.map(([, value]) => csvField(value(event))).join(',')}\r\n`;

/** One stored event per line: the whole envelope, hashes included. */
export const jsonLine = (event: StoredEvent): string => `${JSON.stringify(event)}\n`;

/** The lines of an export in one format, header first. */
export async function* exportLines(events: AsyncIterable<StoredEvent>, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield csvHeader();
  for await (const event of events) yield format === 'csv' ? csvRow(event) : jsonLine(event);
}
