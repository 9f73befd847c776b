import type { StoredEvent, SubscribeOptions, Subscription } from './event-store.port';

export interface PollingSource {
  readAll(options: { after: number; limit: number }): Promise<StoredEvent[]>;
  /** Highest global position committed so far (0 when the log is empty). */
  headPosition(): Promise<number>;
}

/**
 * Catch-up subscription by polling the log in global order. Delivers each event once,
 * in order, awaiting the handler before the next; resumes after `after`.
 */
export class PollingSubscription implements Subscription {
  private current: number;
  private highest: number;
  private stopped = false;
  private idlePolls = 0;
  private readonly loop: Promise<void>;
  private wake: (() => void) | undefined;
  private waiters: Array<{ target: number; afterIdle: number; resolve: () => void }> = [];

  constructor(
    private readonly source: PollingSource,
    private readonly options: SubscribeOptions,
    private readonly pollMs = 50,
  ) {
    this.current = options.after ?? 0;
    this.highest = this.current;
    this.loop = this.run();
  }

  get position(): number {
    return this.current;
  }

  /** Resolves once every event committed before the call has been handled. */
  async caughtUp(): Promise<void> {
    const target = await this.source.headPosition();
    await new Promise<void>((resolve) => {
      this.waiters.push({ target, afterIdle: this.idlePolls, resolve });
      this.wake?.();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  private async run(): Promise<void> {
    const limit = this.options.batchSize ?? 500;
    while (!this.stopped) {
      let batch: StoredEvent[];
      try {
        batch = await this.source.readAll({ after: this.current, limit });
        for (const event of batch) {
          if (this.stopped) return;
          await this.options.handler(event);
          this.current = event.globalPosition;
          this.highest = Math.max(this.highest, event.globalPosition);
        }
      } catch (error) {
        this.options.onError?.(error);
        await this.sleep(this.pollMs * 10);
        continue;
      }
      if (batch.length < limit) {
        this.idlePolls += 1;
        this.releaseWaiters();
        await this.sleep(this.pollMs);
      }
    }
  }

  /** A waiter is done after an idle poll that began after it asked, with its head delivered. */
  private releaseWaiters(): void {
    this.waiters = this.waiters.filter((waiter) => {
      const done = this.idlePolls > waiter.afterIdle + 1 && this.highest >= waiter.target;
      if (done) waiter.resolve();
      return !done;
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
