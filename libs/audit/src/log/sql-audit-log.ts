import type { SqlQueryable } from '@app/database';
import type { StoredEvent } from '@app/event-store';
import { EVENT_COLUMNS, type EventRow, toStoredEvent } from '@app/event-store/sql/event-row';
import type { AuditLog, LogCursor, LogPage } from './audit-log.port';

type LogRow = EventRow & { tx: string };

/**
 * The auditor's reader of the events table (PostgreSQL and PGlite). The event store port
 * has no stream listing, and an auditor must not depend on rows the port hides.
 */
export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: SqlQueryable) {}

  /** The same commit-safe order as SqlEventStore.readAll, with the cursor held here. */
  async readLog(after: LogCursor, limit: number): Promise<LogPage> {
    const { rows } = await this.db.query<LogRow>(
      `select ${EVENT_COLUMNS}, events.transaction_id::text as tx from events
        where events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          and (events.transaction_id, events.global_position) > ($1::xid8, $2::bigint)
        order by events.transaction_id, events.global_position
        limit $3`,
      [after.tx ?? '0', after.position, limit],
    );
    const last = rows.at(-1);
    return { events: rows.map(toStoredEvent), next: last ? { position: Number(last.global_position), tx: last.tx } : after };
  }

  async cursorAt(position: number): Promise<LogCursor | undefined> {
    if (position === 0) return { position: 0, tx: '0' };
    const { rows } = await this.db.query<{ tx: string }>('select transaction_id::text as tx from events where global_position = $1', [position]);
    return rows[0] ? { position, tx: rows[0].tx } : undefined;
  }

  /** One pass over the (stream_id, stream_revision) index, a page at a time. */
  async *streams(batchSize = 1000): AsyncGenerator<StoredEvent[]> {
    let key: [string, number] = ['', -1];
    let current: StoredEvent[] = [];
    for (;;) {
      const { rows } = await this.db.query<EventRow>(
        `select ${EVENT_COLUMNS} from events
          where (events.stream_id, events.stream_revision) > ($1::text, $2::bigint)
          order by events.stream_id, events.stream_revision
          limit $3`,
        [key[0], key[1], batchSize],
      );
      for (const event of rows.map(toStoredEvent)) {
        if (current.length > 0 && current[0].streamId !== event.streamId) {
          yield current;
          current = [];
        }
        current.push(event);
        key = [event.streamId, event.revision];
      }
      if (rows.length < batchSize) break;
    }
    if (current.length > 0) yield current;
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    const { rows } = await this.db.query<EventRow>(`select ${EVENT_COLUMNS} from events where stream_id = $1 order by stream_revision`, [streamId]);
    return rows.map(toStoredEvent);
  }

  async size(): Promise<{ events: number; streams: number }> {
    const { rows } = await this.db.query<{ events: string; streams: string }>(
      'select count(*) as events, count(distinct stream_id) as streams from events',
    );
    return { events: Number(rows[0].events), streams: Number(rows[0].streams) };
  }
}
