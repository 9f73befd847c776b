import { Logger } from '@nestjs/common';
import type { Clock } from '@app/platform';
import type { Deadline } from '@app/projections/deadlines';
import { type Moment, momentsWanted } from '../policy/reminder-policy';
import type { ReminderQueues } from '../jobs/reminder-queues';
import type { DeadlineSource } from './deadline-source';
import { candidateJobIds, momentsFor } from './deadline-moments';
import { JobIndex } from './job-index';

export interface ReconcileReport {
  /** True when the whole table was reconciled (start-up, Redis emptied, every `fullEvery`-th time). */
  readonly full: boolean;
  /** Deadlines looked at: all open ones when full, else those of the cases whose events came since the last reconcile. */
  readonly deadlines: number;
  /** Job ids those deadlines call for now (future and fallen due). */
  readonly wanted: number;
  /** Jobs added because Redis did not have them. */
  readonly added: number;
  /** Pending jobs removed because their deadline is met, cancelled, moved or gone. */
  readonly removed: number;
  /** Deadlines that cannot be scheduled (skipped; the others are scheduled all the same). */
  readonly unschedulable: number;
}

/** A deadline the scheduler had to skip, and why. */
export interface UnschedulableDeadline {
  readonly key: string;
  readonly reason: string;
}

/** Above this many events since the last reconcile, the whole table is cheaper to go through. */
const MAX_EVENTS_FOR_CHANGES = 200_000;
const FULL_EVERY = 60;

/**
 * Turns deadlines into BullMQ jobs. Redis holds no truth: every job id is computed from
 * the deadlines table, so reconciling again converges on the same jobs. The first
 * reconcile of a process, and any after Redis lost its keys, goes through every open
 * deadline; the others only through the deadlines of cases with events since the last
 * one (the position is kept in Redis beside the queue), checking jobs by id. A deadline
 * that cannot be scheduled is logged, counted and skipped, never holding up the others.
 */
export class ReminderScheduler {
  private readonly logger = new Logger('Reminders');
  private readonly jobs: JobIndex;
  private readonly unschedulableKeys = new Map<string, string>();
  private reconciles = 0;

  constructor(
    queues: ReminderQueues,
    private readonly source: DeadlineSource,
    private readonly clock: Clock,
    private readonly reminderHour: number,
    private readonly fullEvery = FULL_EVERY,
  ) {
    this.jobs = new JobIndex(queues.reminders, queues.redis);
  }

  /** Deadlines skipped by the reconciles so far, still not schedulable. */
  unschedulable(): UnschedulableDeadline[] {
    return [...this.unschedulableKeys].map(([key, reason]) => ({ key, reason })).sort((a, b) => a.key.localeCompare(b.key));
  }

  async reconcile(now: Date = this.clock.now()): Promise<ReconcileReport> {
    const position = await this.source.position();
    const since = await this.jobs.scheduledUpTo();
    const changes = this.reconciles % this.fullEvery !== 0 && since !== undefined && since <= position ? await this.source.casesChanged(since, position, MAX_EVENTS_FOR_CHANGES) : undefined;
    this.reconciles += 1;
    const report = changes ? await this.reconcileCases(changes, now) : await this.reconcileAll(now);
    await this.jobs.markScheduledUpTo(position);
    if (report.removed > 0 || report.added > 0) this.logger.log(`Reconciled ${report.full ? 'every deadline' : `${report.deadlines} changed deadline(s)`}: ${report.added} job(s) added, ${report.removed} removed`);
    return report;
  }

  /** Simulated time: only what has fallen due at `now`, to run at once. */
  async enqueueDue(now: Date = this.clock.now()): Promise<string[]> {
    const { fallenDue } = await this.wanted(await this.source.open(), now);
    await this.add(fallenDue, now);
    return fallenDue.map((m) => m.jobId);
  }

  /** Removes a deadline's pending jobs at once (met or withdrawn), whatever due day they were for. */
  async cancel(deadlineKey: string): Promise<number> {
    const deadline = await this.source.find(deadlineKey);
    if (!deadline) return 0;
    return this.jobs.removePending(candidateJobIds(deadline, this.reminderHour));
  }

  /** Ids of the jobs waiting or delayed (tests and the simulator look). */
  async pendingIds(): Promise<string[]> {
    return (await this.jobs.pendingIds()).sort();
  }

  /** Every open deadline: jobs missing by id are added, pending ones no deadline calls for removed. */
  private async reconcileAll(now: Date): Promise<ReconcileReport> {
    const open = await this.source.open();
    this.unschedulableKeys.clear();
    const { future, fallenDue } = await this.wanted(open, now);
    const wantedIds = new Set([...future, ...fallenDue].map((m) => m.jobId));
    const pending = await this.jobs.pendingIds();
    const removed = await this.jobs.removePending(pending.filter((id) => !wantedIds.has(id)));
    const added = await this.addMissing([...future, ...fallenDue], now, new Set(pending));
    return { full: true, deadlines: open.length, wanted: wantedIds.size, added, removed, unschedulable: this.unschedulableKeys.size };
  }

  /** The deadlines of these cases: their wanted jobs added if missing, any other job they ever had removed if pending. */
  private async reconcileCases(caseIds: readonly string[], now: Date): Promise<ReconcileReport> {
    const deadlines = await this.source.ofCases(caseIds);
    for (const d of deadlines) this.unschedulableKeys.delete(d.key);
    const open = deadlines.filter((d) => d.status === 'open');
    const { future, fallenDue } = await this.wanted(open, now);
    const wantedIds = new Set([...future, ...fallenDue].map((m) => m.jobId));
    const candidates = new Set<string>();
    for (const deadline of deadlines) {
      if (this.unschedulableKeys.has(deadline.key)) continue;
      for (const id of candidateJobIds(deadline, this.reminderHour)) candidates.add(id);
    }
    const removed = await this.jobs.removePending([...candidates].filter((id) => !wantedIds.has(id)));
    const added = await this.addMissing([...future, ...fallenDue], now);
    return { full: false, deadlines: deadlines.length, wanted: wantedIds.size, added, removed, unschedulable: this.unschedulableKeys.size };
  }

  /** Each deadline on its own: one that cannot be scheduled is noted and skipped. */
  private async wanted(deadlines: readonly Deadline[], now: Date): Promise<{ future: Moment[]; fallenDue: Moment[] }> {
    const future: Moment[] = [];
    const fallenDue: Moment[] = [];
    for (const deadline of deadlines) {
      try {
        const wanted = momentsWanted(momentsFor(deadline, this.reminderHour, now), now);
        future.push(...wanted.future);
        fallenDue.push(...wanted.fallenDue);
      } catch (error) {
        this.skip(deadline.key, (error as Error).message);
      }
    }
    return { future, fallenDue };
  }

  private skip(key: string, reason: string): void {
    if (!this.unschedulableKeys.has(key)) this.logger.warn(`Deadline ${key} cannot be scheduled and is skipped: ${reason}`);
    this.unschedulableKeys.set(key, reason);
  }

  private async addMissing(moments: readonly Moment[], now: Date, pending?: ReadonlySet<string>): Promise<number> {
    const existing = await this.jobs.existing(moments.map((m) => m.jobId), pending);
    const missing = moments.filter((m) => !existing.has(m.jobId));
    await this.add(missing, now);
    return missing.length;
  }

  /** Payloads are the moment's identity only; the processor re-reads the deadline and the case. */
  private async add(moments: readonly Moment[], now: Date): Promise<void> {
    const failed = await this.jobs.add(moments, now);
    for (const [moment, error] of failed) this.skip(moment.job.data.deadlineKey, `its job ${moment.jobId} was refused: ${error.message}`);
  }
}
