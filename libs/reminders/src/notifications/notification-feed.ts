import { Logger } from '@nestjs/common';
import type { SqlDatabase, SqlQueryable } from '@app/database';
import type { EventStore } from '@app/event-store';
import type { ReminderQueues } from '../jobs/reminder-queues';
import { NOTIFYING_TYPES as NOTIFYING } from './notification.render';

export const FEED_CHECKPOINT = 'notifications';

/** Whether the feed notes this event type in the outbox (a reminder, a missed deadline, an instalment withheld or released). */
export const isNotifying = (type: string): boolean => NOTIFYING.has(type);

/**
 * Email is driven by the log, not by the reminder job: this catch-up subscription notes
 * each notifying event (NOTIFYING_TYPES) in the outbox (infra/migrations/004), in the same transaction as its
 * checkpoint, then enqueues a 'deliver' job per unsent row under the event's id. A crash
 * between the append and the enqueue loses nothing (the log is read again from the
 * checkpoint), an enqueue repeated is ignored by BullMQ, and if Redis loses its jobs the
 * unsent rows are enqueued again.
 */
export class NotificationFeed {
  private readonly logger = new Logger('Notifications');
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private pumping?: Promise<void>;
  private pumpAgain = false;

  constructor(
    private readonly db: SqlDatabase,
    private readonly store: EventStore,
    private readonly queues: ReminderQueues,
    private readonly options: { readonly pollMs: number; readonly batchSize?: number },
  ) {}

  async prepare(): Promise<void> {
    await this.db.query(
      `insert into projection_checkpoints (projection, version, position) values ($1, 1, 0) on conflict (projection) do nothing`,
      [FEED_CHECKPOINT],
    );
  }

  /** Notes every notifying event written so far; returns how many were new. Safe beside another runner. */
  async catchUp(): Promise<number> {
    let noted = 0;
    for (;;) {
      const from = await this.checkpoint(this.db);
      const events = await this.store.readAll({ after: from, limit: this.options.batchSize ?? 500 });
      if (events.length === 0) return noted;
      const notifying = events.filter((e) => NOTIFYING.has(e.type));
      const applied = await this.db.transaction(async (tx) => {
        if ((await this.checkpoint(tx, true)) !== from) return false;
        if (notifying.length > 0) {
          await tx.query(
            `insert into notification_outbox (event_id, stream_id, event_type, global_position)
             select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) on conflict (event_id) do nothing`,
            [notifying.map((e) => e.id), notifying.map((e) => e.streamId), notifying.map((e) => e.type), notifying.map((e) => e.globalPosition)],
          );
        }
        await tx.query('update projection_checkpoints set position = $2, updated_at = now() where projection = $1', [
          FEED_CHECKPOINT,
          events[events.length - 1].globalPosition,
        ]);
        return true;
      });
      if (applied) noted += notifying.length;
    }
  }

  /** Which of these events the outbox holds already. */
  async noted(eventIds: readonly string[]): Promise<string[]> {
    if (eventIds.length === 0) return [];
    const { rows } = await this.db.query<{ event_id: string }>('select event_id from notification_outbox where event_id = any($1::text[])', [eventIds]);
    return rows.map((row) => row.event_id);
  }

  /** Enqueues a delivery per unsent row; returns how many rows were offered to the queue. */
  async pump(): Promise<number> {
    const { rows } = await this.db.query<{ event_id: string; stream_id: string }>(
      'select event_id, stream_id from notification_outbox where sent_at is null order by global_position limit 1000',
    );
    if (rows.length === 0) return 0;
    await this.queues.notifications.addBulk(
      rows.map((row) => ({ name: 'deliver', data: { eventId: row.event_id, streamId: row.stream_id }, opts: { jobId: row.event_id } })),
    );
    return rows.length;
  }

  /**
   * Pumps in the background, one pump at a time: while Redis is down a pump waits for it,
   * and must hold up neither the log nor the process.
   */
  pumpSoon(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = (async () => {
      do {
        this.pumpAgain = false;
        await this.pump();
      } while (this.pumpAgain);
    })()
      .catch((error: Error) => this.logger.warn(`Could not enqueue deliveries: ${error.message}; trying again later`))
      .finally(() => (this.pumping = undefined));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.pumpSoon();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    // A pump stuck waiting for Redis is abandoned; its rows stay unsent and are pumped next time.
    await Promise.race([this.pumping, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if ((await this.catchUp()) > 0) this.pumpSoon();
      } catch (error) {
        this.logger.error(`Reading the log for notifications failed: ${(error as Error).message}; retrying`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private async checkpoint(db: SqlQueryable, lock = false): Promise<number> {
    const { rows } = await db.query<{ position: string }>(
      `select position from projection_checkpoints where projection = $1${lock ? ' for update' : ''}`,
      [FEED_CHECKPOINT],
    );
    if (rows.length === 0) throw new Error('The notification feed is not prepared');
    return Number(rows[0].position);
  }
}
