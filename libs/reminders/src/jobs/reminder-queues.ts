import { Logger } from '@nestjs/common';
import { Queue, type RedisOptions, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { ReminderSettings } from '../reminder-settings';

export const REMINDERS_QUEUE = 'reminders';
export const NOTIFICATIONS_QUEUE = 'notifications';
const DAY_SECONDS = 86_400;

/** ioredis reconnects for ever, at most every 5 s. */
const reconnect = (attempt: number): number => Math.min(attempt * 500, 5000);

/**
 * Workers block on Redis, so BullMQ requires maxRetriesPerRequest null; with it, a command
 * waits through an outage instead of failing, and ioredis keeps reconnecting.
 */
export const redisOptions = (url: string): RedisOptions => ({ url, maxRetriesPerRequest: null, retryStrategy: reconnect });

/**
 * Connection errors arrive as 'error' events from every queue and worker, many a second
 * while Redis is down; an EventEmitter without a listener would throw them. One line a
 * minute says it (the platform's Redis watch already says how to start Redis).
 */
function quietErrors(logger: Logger): (emitter: { on(event: 'error', listener: (error: Error) => void): unknown }, what: string) => void {
  let last = 0;
  return (emitter, what) =>
    emitter.on('error', (error: Error) => {
      if (Date.now() - last < 60_000) return;
      last = Date.now();
      logger.warn(`${what}: ${error.message}; reminders wait for Redis and resume when it is back`);
    });
}

/** The two queues: reminder moments (remind, due) and email deliveries (deliver). */
export class ReminderQueues {
  private readonly logger = new Logger('Reminders');
  private readonly onError = quietErrors(this.logger);
  readonly reminders: Queue;
  readonly notifications: Queue;
  /** Tells whether Redis answers now, without waiting (BullMQ's own clients wait through an outage). */
  private readonly probe: Redis;
  /** For looking jobs up by id in the queues' keys; waits through an outage like BullMQ's clients. */
  readonly redis: Redis;

  constructor(private readonly settings: ReminderSettings) {
    this.probe = new Redis(settings.redisUrl, { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: reconnect });
    this.probe.on('error', () => undefined);
    const connection = redisOptions(settings.redisUrl);
    this.redis = new Redis(settings.redisUrl, connection);
    const retry = { attempts: settings.retry.attempts, backoff: { type: 'exponential', delay: settings.retry.backoffMs } };
    // Completed moments are kept a while so a re-add of the same id is ignored, not re-run;
    // failed jobs are kept until someone looks (Bull Board at /admin/queues).
    this.reminders = new Queue(REMINDERS_QUEUE, {
      connection,
      prefix: settings.prefix,
      defaultJobOptions: { ...retry, removeOnComplete: { age: 120 * DAY_SECONDS }, removeOnFail: false },
    });
    // A delivery's record is the outbox row, so completed deliveries need not stay.
    this.notifications = new Queue(NOTIFICATIONS_QUEUE, {
      connection,
      prefix: settings.prefix,
      defaultJobOptions: { ...retry, removeOnComplete: { count: 10_000 }, removeOnFail: false },
    });
    this.onError(this.reminders, `Queue ${REMINDERS_QUEUE}`);
    this.onError(this.notifications, `Queue ${NOTIFICATIONS_QUEUE}`);
    this.onError(this.redis, 'Redis');
  }

  /** A worker on one of the queues, with the shared connection, prefix and lock settings. */
  worker(queue: Queue, process: (job: Job) => Promise<unknown>): Worker {
    const { concurrency, lockDuration, stalledInterval } = this.settings.worker;
    const worker = new Worker(queue.name, process, {
      connection: redisOptions(this.settings.redisUrl),
      prefix: this.settings.prefix,
      concurrency,
      ...(lockDuration ? { lockDuration } : {}),
      ...(stalledInterval ? { stalledInterval } : {}),
    });
    this.onError(worker, `Worker ${queue.name}`);
    worker.on('failed', (job, error) => {
      const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
      this.logger.warn(`${queue.name} job ${job?.id ?? '?'} ${final ? 'failed for good' : 'failed, will retry'}: ${error.message}`);
    });
    return worker;
  }

  /**
   * Jobs to run now on both queues: waiting or active, and retries waiting out their
   * backoff. Moments scheduled for later (delayed, never attempted) are not work to wait for.
   */
  async pending(): Promise<number> {
    const [reminders, notifications] = await Promise.all([this.busy(this.reminders), this.busy(this.notifications)]);
    return reminders + notifications;
  }

  /**
   * Counts come from one atomic script; which delayed jobs are retries needs a second look,
   * taken first, so a job that moves between the two shows as a changed delayed count.
   */
  private async busy(queue: Queue): Promise<number> {
    const states = ['waiting', 'active', 'prioritized', 'waiting-children', 'delayed'] as const;
    const count = (c: Record<string, number>) => c.waiting + c.active + c.prioritized + c['waiting-children'];
    const first = await queue.getJobCounts(...states);
    if (count(first) > 0 || first.delayed === 0) return count(first);
    const delayed = (await queue.getJobs(['delayed'], 0, -1)).filter(Boolean);
    const then = await queue.getJobCounts(...states);
    const retries = delayed.filter((job) => job.attemptsMade > 0).length;
    return count(then) + retries + (then.delayed === delayed.length ? 0 : 1);
  }

  get redisUp(): boolean {
    return this.probe.status === 'ready';
  }

  /**
   * A graceful close waits for the running jobs, and, with Redis unreachable, for ever (a
   * forced close does not then help); so force it when Redis is down. A job cut short
   * that way is taken over once its lock lapses, and appends nothing twice.
   */
  async closeWorker(worker: Worker): Promise<void> {
    if (!this.redisUp) return worker.close(true);
    const closed = worker.close();
    const timedOut = await Promise.race([closed.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 10_000).unref())]);
    if (timedOut) this.logger.warn(`Worker ${worker.name} did not finish its jobs in 10 s; leaving them to be taken over`);
  }

  async close(): Promise<void> {
    await Promise.all([this.reminders.close(), this.notifications.close()]);
    this.probe.disconnect();
    this.redis.disconnect();
  }

  /** Removes every key of both queues, the schedule's own position beside them included, as an emptied Redis would (tests, simulation). */
  async obliterate(): Promise<void> {
    await Promise.all([this.reminders.obliterate({ force: true }), this.notifications.obliterate({ force: true })]);
    const queues = [this.reminders, this.notifications];
    const own = (await Promise.all(queues.map((q) => this.redis.keys(q.toKey('*'))))).flat();
    if (own.length > 0) await this.redis.del(...own);
  }
}
