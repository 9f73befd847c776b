import { Logger } from '@nestjs/common';
import type { Worker } from 'bullmq';
import type { CaseService } from '@app/commissioning';
import type { SqlDatabase } from '@app/database';
import type { EventStore } from '@app/event-store';
import type { Clock } from '@app/platform';
import { ReminderQueues } from './jobs/reminder-queues';
import { type ReminderHooks, ReminderProcessor } from './jobs/reminder.processor';
import { type DeliveryHooks, DeliveryProcessor } from './notifications/delivery.processor';
import { Mailer } from './notifications/mailer';
import { isNotifying, NotificationFeed } from './notifications/notification-feed';
import type { ReminderSettings } from './reminder-settings';
import { DeadlineSource } from './schedule/deadline-source';
import { ReminderScheduler } from './schedule/reminder-scheduler';

export interface ReminderDeps {
  readonly db: SqlDatabase;
  readonly store: EventStore;
  readonly cases: CaseService;
  readonly clock: Clock;
}

/**
 * Scheduler, processors and notification feed, composed without Nest: the worker and the
 * API wrap it in a module, the simulator and the tests build it directly.
 *
 * Real time: `start()`. Simulated time: `startProcessing()`, then per step move the Clock,
 * `scheduler.enqueueDue()`, `drain()`; never `start()` under a simulated Clock, whose
 * delays would mean nothing to BullMQ.
 */
export class Reminders {
  private readonly logger = new Logger('Reminders');
  readonly queues: ReminderQueues;
  readonly source: DeadlineSource;
  readonly scheduler: ReminderScheduler;
  readonly feed: NotificationFeed;
  readonly mailer: Mailer;
  private readonly processor: ReminderProcessor;
  private readonly delivery: DeliveryProcessor;
  private workers: Worker[] = [];
  /** Events this process's jobs appended that the feed has not yet been seen to note (drain waits for them). */
  private readonly unnoted = new Set<string>();
  /** Real time never drains, so it keeps no such list. */
  private realTime = false;
  private timer?: NodeJS.Timeout;
  private reconciling?: Promise<void>;

  constructor(
    deps: ReminderDeps,
    readonly settings: ReminderSettings,
    hooks: ReminderHooks & DeliveryHooks = {},
  ) {
    this.queues = new ReminderQueues(settings);
    this.source = new DeadlineSource(deps.db, deps.store);
    this.scheduler = new ReminderScheduler(this.queues, this.source, deps.clock, settings.reminderHour);
    this.feed = new NotificationFeed(deps.db, deps.store, this.queues, { pollMs: settings.pollMs });
    this.mailer = new Mailer(settings.mail);
    this.processor = new ReminderProcessor(deps.cases, this.source, deps.clock, {
      afterAppend: async (job, appended) => {
        if (!this.realTime) appended.filter((event) => isNotifying(event.type)).forEach((event) => this.unnoted.add(event.id));
        await hooks.afterAppend?.(job, appended);
      },
    });
    this.delivery = new DeliveryProcessor(deps.db, deps.store, this.source, this.mailer, settings.mail, hooks);
  }

  /** Processes jobs and follows the log for notifications; schedules nothing by itself. */
  async startProcessing(): Promise<void> {
    if (this.workers.length > 0) return;
    await this.feed.prepare();
    this.workers = [
      this.queues.worker(this.queues.reminders, (job) => this.processor.process(job)),
      this.queues.worker(this.queues.notifications, (job) => this.delivery.process(job)),
    ];
    this.feed.start();
  }

  /** Real time: processing, plus the schedule rebuilt from the deadlines table now and every interval. */
  async start(): Promise<void> {
    this.realTime = true;
    await this.startProcessing();
    this.tick();
    this.timer = setInterval(() => this.tick(), this.settings.reconcileIntervalMs);
    this.timer.unref();
  }

  /**
   * One reconcile at a time, in the background: while Redis is down a reconcile waits for
   * it (BullMQ commands queue until the connection is back) and must not hold up start-up.
   */
  tick(): void {
    this.feed.pumpSoon();
    if (this.reconciling) return;
    this.reconciling = this.scheduler
      .reconcile()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`Reconciling the reminder schedule failed: ${error.message}; trying again later`))
      .finally(() => (this.reconciling = undefined));
  }

  /**
   * Waits until nothing is left to do: the reminder jobs run, the notifications they caused
   * noted from the log, enqueued and delivered (or failed for good). The simulator calls
   * it after each step. The feed may not see an event the moment it is committed (the log
   * is read below the oldest transaction still open anywhere on the server), so this waits
   * until the events its own jobs appended are noted.
   */
  async drain(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    await this.idle(until);
    for (;;) {
      await this.feed.catchUp();
      (await this.feed.noted([...this.unnoted])).forEach((id) => this.unnoted.delete(id));
      if (this.unnoted.size === 0) break;
      if (Date.now() > until) throw new Error(`${this.unnoted.size} notification(s) not yet seen in the log`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.feed.pump();
    await this.idle(until);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.feed.stop();
    await Promise.all(this.workers.map((worker) => this.queues.closeWorker(worker)));
    this.workers = [];
    this.mailer.close();
    await this.queues.close();
  }

  private async idle(until: number): Promise<void> {
    for (;;) {
      const pending = await this.queues.pending();
      if (pending === 0) return;
      if (Date.now() > until) throw new Error(`Reminder queues still have ${pending} job(s) pending`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
