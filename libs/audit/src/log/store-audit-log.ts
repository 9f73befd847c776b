import type { EventStore, StoredEvent } from '@app/event-store';
import { type AuditLog, type LogCursor, type LogPage, walkLog } from './audit-log.port';

/**
 * The auditor's reader over the event store port alone, for a store with no events table
 * (KurrentDB): streams are found by walking the log once. Not exercised by the tests here,
 * which have no KurrentDB server to run against.
 */
export class StoreAuditLog implements AuditLog {
  constructor(private readonly store: EventStore) {}

  async readLog(after: LogCursor, limit: number): Promise<LogPage> {
    const events = await this.store.readAll({ after: after.position, limit });
    const last = events.at(-1);
    return { events, next: last ? { position: last.globalPosition } : after };
  }

  async cursorAt(position: number): Promise<LogCursor | undefined> {
    return { position };
  }

  async *streams(): AsyncGenerator<StoredEvent[]> {
    for (const streamId of await this.streamIds()) yield await this.store.readStream(streamId);
  }

  readStream(streamId: string): Promise<StoredEvent[]> {
    return this.store.readStream(streamId);
  }

  async size(): Promise<{ events: number; streams: number }> {
    let events = 0;
    const streams = new Set<string>();
    for await (const event of walkLog(this)) {
      events += 1;
      streams.add(event.streamId);
    }
    return { events, streams: streams.size };
  }

  private async streamIds(): Promise<string[]> {
    const ids = new Set<string>();
    for await (const event of walkLog(this)) ids.add(event.streamId);
    return [...ids].sort();
  }
}
