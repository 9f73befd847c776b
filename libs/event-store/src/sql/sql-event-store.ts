import type { SqlDatabase } from '@app/database';
import { sqlState } from '@app/database';
import { EventIdConflict, InvalidEvent, WrongExpectedRevision } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  MultiAppendOptions,
  StreamAppend,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { type PreparedEvent, prepareEvents, validateStreamId } from '../event-validation';
import { carefulPayload, FAST_APPEND, fastParams } from './append-statements';
import { PollingSubscription } from '../polling-subscription';
import { type EventRow, EVENT_COLUMNS, toStoredEvent } from './event-row';

export interface SqlEventStoreOptions {
  /** Wall clock for `recordedAt`; business time travels in metadata.occurredAt. */
  readonly now?: () => Date;
  readonly pollMs?: number;
}

/** The event store on PostgreSQL or PGlite: the same SQL on both drivers. */
export class SqlEventStore implements EventStore {
  readonly kind;
  private readonly now: () => Date;

  constructor(
    private readonly db: SqlDatabase,
    private readonly options: SqlEventStoreOptions = {},
  ) {
    this.kind = db.kind;
    this.now = options.now ?? (() => new Date());
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], { expected }: AppendOptions): Promise<AppendResult> {
    const prepared = prepareEvents(streamId, events, this.now().toISOString());
    const expectedText = expectedAsText(expected);
    if (prepared.length === 1) {
      const placed = await this.tryFastAppend(streamId, prepared[0], expectedText);
      if (placed) return placed;
    }
    return this.carefulAppend(streamId, prepared, expected, expectedText);
  }

  /** Undefined when the one-statement path could not place the event. */
  private async tryFastAppend(streamId: string, event: PreparedEvent, expected: string): Promise<AppendResult | undefined> {
    const attempts: Array<{ statement: { name: string; text: string }; params: unknown[] }> = [];
    if (expected === 'no_stream' || expected === 'any') attempts.push({ statement: FAST_APPEND.newStream, params: fastParams(streamId, event) });
    if (expected === 'any' || expected === 'stream_exists') attempts.unshift({ statement: FAST_APPEND.atEnd, params: fastParams(streamId, event) });
    if (/^\d+$/.test(expected)) attempts.push({ statement: FAST_APPEND.atRevision, params: fastParams(streamId, event, Number(expected)) });
    for (const { statement, params } of attempts) {
      try {
        const { rows } = await this.db.query<EventRow>(statement.text, params, statement.name);
        if (rows.length === 1) {
          const stored = toStoredEvent(rows[0]);
          return { nextRevision: stored.revision, lastPosition: stored.globalPosition, duplicate: false, stored: [stored] };
        }
      } catch (error) {
        if (sqlState(error) === '23505') return undefined;
        throw error;
      }
    }
    return undefined;
  }

  private async carefulAppend(
    streamId: string,
    prepared: readonly PreparedEvent[],
    expected: AppendOptions['expected'],
    expectedText: string,
  ): Promise<AppendResult> {
    const payload = carefulPayload(prepared);
    for (let attempt = 1; ; attempt++) {
      try {
        const { rows } = await this.db.query<{ result: AppendResult }>(
          'select cl_append_to_stream($1, $2, $3::jsonb) as result',
          [streamId, expectedText, payload],
        );
        const result = rows[0].result;
        return { nextRevision: Number(result.nextRevision), lastPosition: Number(result.lastPosition), duplicate: result.duplicate };
      } catch (error) {
        // A fast-path writer took the revision between our read and insert: 'any' tries again.
        const raced = sqlState(error) === '23505' && constraintOf(error).includes('events_stream_revision_unique');
        if (raced && (expected === 'any' || expected === 'stream_exists') && attempt < 20) continue;
        if (raced) throw new WrongExpectedRevision(streamId, expected, await this.streamRevision(streamId));
        throw translate(error, streamId, expected, prepared.map((event) => event.id));
      }
    }
  }

  /**
   * Every stream's events through the careful path, in one transaction. Every stream's
   * advisory lock (the one the append function takes) is taken first, in name order, so two
   * multi-appends cannot deadlock; the events are then written in the caller's order, so the
   * log reads as the decision was made (a framework before the cases made from it).
   */
  async appendToStreams(appends: readonly StreamAppend[], options: MultiAppendOptions = {}): Promise<AppendResult[]> {
    const recordedAt = this.now().toISOString();
    const prepared = appends.map((a, index) => ({ index, streamId: a.streamId, expected: a.expected, events: prepareEvents(a.streamId, a.events, recordedAt) }));
    if (new Set(appends.map((a) => a.streamId)).size !== appends.length) throw new InvalidEvent('streamId', 'each stream may appear once in a multi-stream append');
    const lockOrder = prepared.map((p) => p.streamId).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const results: AppendResult[] = new Array(appends.length);
    await this.db.transaction(async (tx) => {
      for (const streamId of lockOrder) await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [streamId]);
      for (const part of prepared) {
        try {
          const { rows } = await tx.query<{ result: AppendResult }>('select cl_append_to_stream($1, $2, $3::jsonb) as result', [
            part.streamId,
            expectedAsText(part.expected),
            carefulPayload(part.events),
          ]);
          const r = rows[0].result;
          results[part.index] = { nextRevision: Number(r.nextRevision), lastPosition: Number(r.lastPosition), duplicate: r.duplicate };
        } catch (error) {
          const raced = sqlState(error) === '23505' && constraintOf(error).includes('events_stream_revision_unique');
          if (raced) throw new WrongExpectedRevision(part.streamId, part.expected, -1);
          throw translate(error, part.streamId, part.expected, part.events.map((e) => e.id));
        }
        await options.afterStream?.(part.index);
      }
    });
    return results;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    validateStreamId(streamId);
    const { rows } = await this.db.query<EventRow>(
      `select ${EVENT_COLUMNS} from events
        where stream_id = $1 and stream_revision >= $2 and stream_revision <= $3
        order by stream_revision`,
      [streamId, options.from ?? 0, options.to ?? Number.MAX_SAFE_INTEGER],
      'cl_read_stream',
    );
    return rows.map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const limit = options.limit ?? 1000;
    if (!Number.isInteger(after) || after < 0) throw new InvalidEvent('after', 'must be a global position (integer ≥ 0)');
    if (!Number.isInteger(limit) || limit < 1) throw new InvalidEvent('limit', 'must be a positive integer');
    // Log order is (writing transaction, position), read only below the oldest transaction
    // still in flight: an event committed late with a lower position is never skipped.
    const { rows } = await this.db.query<EventRow>(
      `with cursor as (
         select coalesce((select transaction_id from events where global_position = $1), '0'::xid8) as tx
       )
       select ${EVENT_COLUMNS} from events, cursor
        where events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          and (events.transaction_id, events.global_position) > (cursor.tx, $1::bigint)
        order by events.transaction_id, events.global_position
        limit $2`,
      [after, limit],
      'cl_read_all',
    );
    return rows.map(toStoredEvent);
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.db.query<{ head: string | number | null }>('select max(global_position) as head from events', [], 'cl_head_position');
    return Number(rows[0].head ?? 0);
  }

  subscribe(options: SubscribeOptions): Subscription {
    return new PollingSubscription(this, options, this.options.pollMs);
  }

  async streamRevision(streamId: string): Promise<number> {
    validateStreamId(streamId);
    const { rows } = await this.db.query<{ revision: string | number | null }>(
      'select max(stream_revision) as revision from events where stream_id = $1',
      [streamId],
    );
    return rows[0].revision === null ? -1 : Number(rows[0].revision);
  }

  async streamIds(prefix: string): Promise<string[]> {
    if (typeof prefix !== 'string' || prefix.length === 0) throw new InvalidEvent('prefix', 'must be a non-empty stream id prefix');
    const { rows } = await this.db.query<{ stream_id: string }>(
      'select stream_id from events where stream_revision = 0 and starts_with(stream_id, $1) order by global_position',
      [prefix],
    );
    return rows.map((row) => row.stream_id);
  }

  /** The store does not own the database connection it was given. */
  async close(): Promise<void> {}
}

function expectedAsText(expected: AppendOptions['expected']): string {
  if (expected === 'no_stream' || expected === 'stream_exists' || expected === 'any') return expected;
  if (typeof expected === 'number' && Number.isInteger(expected) && expected >= -1) {
    return expected === -1 ? 'no_stream' : String(expected);
  }
  throw new InvalidEvent('expected', "must be 'no_stream', 'stream_exists', 'any' or a revision (integer ≥ 0)");
}

function translate(error: unknown, streamId: string, expected: AppendOptions['expected'], ids: string[]): unknown {
  const state = sqlState(error);
  const detail = (error as { detail?: string }).detail ?? '';
  if (state === 'CL409') return new WrongExpectedRevision(streamId, expected, Number(detail));
  if (state === 'CL422') return new EventIdConflict(streamId, detail ? detail.split(',') : ids);
  // A concurrent append of the same ids to another stream loses on the unique index.
  if (state === '23505' && constraintOf(error).includes('events_event_id_unique')) return new EventIdConflict(streamId, ids);
  return error;
}

function constraintOf(error: unknown): string {
  return (error as { constraint?: string }).constraint ?? String((error as Error).message);
}
