import type { Job } from 'bullmq';
import type { Clock } from '@app/platform';
import { type Moment, momentsOf, momentsWanted, policyFor } from '../policy/reminder-policy';
import type { ReminderQueues } from '../jobs/reminder-queues';
import type { DeadlineSource } from './deadline-source';

export interface ReconcileReport {
  /** Job ids the deadlines table calls for now (future and fallen due). */
  readonly wanted: number;
  /** Pending jobs removed because their deadline is met, cancelled, moved or gone. */
  readonly removed: number;
}

const PENDING = ['delayed', 'waiting', 'prioritized'] as const;

/**
 * Turns open deadlines into BullMQ jobs. Redis holds no truth: every job id is computed
 * from the deadlines table, and BullMQ ignores an add whose id exists, so running this
 * again (every interval, after a restart, after Redis lost everything) converges on the
 * same set of jobs.
 */
export class ReminderScheduler {
  constructor(
    private readonly queues: ReminderQueues,
    private readonly source: DeadlineSource,
    private readonly clock: Clock,
    private readonly reminderHour: number,
  ) {}

  /**
   * Real time: each future moment becomes a delayed job (delay measured against the Clock),
   * what has fallen due runs now, and pending jobs the table no longer justifies go.
   */
  async reconcile(now: Date = this.clock.now()): Promise<ReconcileReport> {
    const { future, fallenDue } = await this.wanted(now);
    const wantedIds = new Set([...future, ...fallenDue].map((m) => m.jobId));
    const stale = (await this.pendingJobs()).filter((job) => !wantedIds.has(job.id ?? ''));
    await Promise.all(stale.map((job) => this.queues.reminders.remove(job.id as string)));
    await this.add(future, now);
    await this.add(fallenDue, now);
    return { wanted: wantedIds.size, removed: stale.length };
  }

  /**
   * Simulated time: only what has fallen due at `now`, to run at once. The simulator moves
   * the Clock a step, calls this, and waits for the queues to drain before the next step.
   */
  async enqueueDue(now: Date = this.clock.now()): Promise<string[]> {
    const { fallenDue } = await this.wanted(now);
    await this.add(fallenDue, now);
    return fallenDue.map((m) => m.jobId);
  }

  /** Removes a deadline's pending jobs at once (met or withdrawn), whatever due day they were for. */
  async cancel(deadlineKey: string): Promise<number> {
    const jobs = (await this.pendingJobs()).filter((job) => (job.data as { deadlineKey?: string }).deadlineKey === deadlineKey);
    await Promise.all(jobs.map((job) => this.queues.reminders.remove(job.id as string)));
    return jobs.length;
  }

  /** Ids of the jobs waiting or delayed (tests and the simulator look). */
  async pendingIds(): Promise<string[]> {
    return (await this.pendingJobs()).map((job) => job.id as string).sort();
  }

  private async wanted(now: Date): Promise<{ future: Moment[]; fallenDue: Moment[] }> {
    const future: Moment[] = [];
    const fallenDue: Moment[] = [];
    for (const deadline of await this.source.open()) {
      const policy = policyFor(deadline, await this.source.policies(deadline.financialYear));
      const wanted = momentsWanted(momentsOf(deadline, policy, this.reminderHour), now);
      future.push(...wanted.future);
      fallenDue.push(...wanted.fallenDue);
    }
    return { future, fallenDue };
  }

  private async pendingJobs(): Promise<Job[]> {
    return (await this.queues.reminders.getJobs([...PENDING], 0, -1)).filter((job): job is Job => Boolean(job?.id));
  }

  /** Payloads are the moment's identity only; the processor re-reads the deadline and the case. */
  private async add(moments: readonly Moment[], now: Date): Promise<void> {
    if (moments.length === 0) return;
    await this.queues.reminders.addBulk(
      moments.map((m) => ({
        name: m.job.name,
        data: m.job.data,
        opts: { jobId: m.jobId, delay: Math.max(0, m.at.getTime() - now.getTime()) },
      })),
    );
  }
}
