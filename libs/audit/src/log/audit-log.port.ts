import type { StoredEvent } from '@app/event-store';

/**
 * Where the log is read in global (log) order. For the SQL stores log order is
 * (writing transaction, position), so the cursor carries both: a walk resumes after the
 * last event it saw even when that row has since been deleted.
 */
export interface LogCursor {
  readonly position: number;
  /** The writing transaction (xid8 as text) on the SQL stores; absent elsewhere. */
  readonly tx?: string;
}

export const LOG_START: LogCursor = { position: 0, tx: '0' };

export interface LogPage {
  readonly events: StoredEvent[];
  /** Where the next page starts; unchanged when the page is empty. */
  readonly next: LogCursor;
}

/** What the auditor's tools read: the log in global order and stream by stream. */
export interface AuditLog {
  /** Events committed below every transaction still in flight, in log order, after `after`. */
  readLog(after: LogCursor, limit: number): Promise<LogPage>;
  /** The cursor just after the event at `position`, or undefined when the log no longer holds it. */
  cursorAt(position: number): Promise<LogCursor | undefined>;
  /** Every stream's events, one stream at a time, each in revision order. */
  streams(batchSize?: number): AsyncIterable<StoredEvent[]>;
  readStream(streamId: string): Promise<StoredEvent[]>;
  /** Events and streams stored now (for progress). */
  size(): Promise<{ events: number; streams: number }>;
}

export const AUDIT_LOG = Symbol('AUDIT_LOG');

/** The whole log in global order, page by page. */
export async function* walkLog(log: AuditLog, pageSize = 1000, from: LogCursor = LOG_START): AsyncGenerator<StoredEvent> {
  let cursor = from;
  for (;;) {
    const page = await log.readLog(cursor, pageSize);
    yield* page.events;
    if (page.events.length < pageSize) return;
    cursor = page.next;
  }
}
