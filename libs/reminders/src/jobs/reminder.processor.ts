import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import type { CaseService } from '@app/commissioning';
import { type BusinessDate, businessDateOf, type CaseCommand, DomainError } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { type Clock, type CommandContext, occurredAtFor } from '@app/platform';
import type { ReminderJob } from '../policy/reminder-policy';
import type { DeadlineSource } from '../schedule/deadline-source';

export const SYSTEM_ACTOR = { id: 'system:reminders', role: 'system' } as const;

/** Called between the append and the job's completion (drain() counts on it; the crash test stops a worker there). */
export interface ReminderHooks {
  readonly afterAppend?: (job: Job, appended: readonly StoredEvent[]) => Promise<void> | void;
}

/**
 * The one refusal a retry can change: a due check run a moment before midnight by a clock a
 * little behind Redis's. Any other refusal is final; any other error (the database) is retried.
 */
const RETRYABLE = new Set(['NOT_YET_DUE']);

/**
 * Runs a reminder moment. The payload only names the moment: the deadline is read again
 * from the table and the decision is the case's own (SendReminder, RecordDeadlineMissed),
 * so a met deadline sends nothing, and a job run twice — a retry, a stalled job taken
 * over after a crash, a duplicate after Redis was flushed — appends nothing the second
 * time: the deterministic idempotency key gives the same event id, and the decider has
 * already seen the event.
 */
export class ReminderProcessor {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly cases: CaseService,
    private readonly source: DeadlineSource,
    private readonly clock: Clock,
    private readonly hooks: ReminderHooks = {},
  ) {}

  async process(job: Job): Promise<string> {
    const { name, data } = job as unknown as ReminderJob;
    const deadline = await this.source.find(data.deadlineKey);
    // A deadline never leaves the table once opened; missing, the table is being rebuilt
    // from the log (a replay, a new projection version): try again later rather than drop it.
    if (!deadline) throw new Error(`${data.deadlineKey} is not in the deadlines table (yet); retrying`);
    if (deadline.status !== 'open' || deadline.dueOn !== data.dueOn) {
      // Met, cancelled, missed already, or moved to another day (whose own jobs carry it).
      return `nothing to do: ${data.deadlineKey} is ${deadline.status}, due ${deadline.dueOn}`;
    }
    const now = this.clock.now();
    const on = businessDateOf(now);
    const [command, key]: [CaseCommand, string] =
      name === 'remind'
        ? [
            { type: 'SendReminder', on, deadlineKey: data.deadlineKey, dueOn: data.dueOn, daysBefore: data.daysBefore, recipient: deadline.concerns },
            `reminder:${data.deadlineKey}:${data.dueOn}:${data.daysBefore}`,
          ]
        : [{ type: 'RecordDeadlineMissed', on, deadlineKey: data.deadlineKey, dueOn: data.dueOn }, `deadline-missed:${data.deadlineKey}:${data.dueOn}`];
    const appended = await this.execute(deadline.caseId, command, this.context(job, key, on, now));
    await this.hooks.afterAppend?.(job, appended);
    return appended.length > 0 ? `${command.type}: appended` : `${command.type}: already done or no longer wanted`;
  }

  private async execute(caseId: string, command: CaseCommand, context: CommandContext): Promise<readonly StoredEvent[]> {
    try {
      const outcome = await this.cases.execute(caseId, command, context);
      return outcome.replayed ? [] : outcome.events;
    } catch (error) {
      if (error instanceof DomainError && !RETRYABLE.has(error.code)) {
        this.logger.warn(`${command.type} on ${caseId} refused: ${error.message}`);
        throw new UnrecoverableError(`${error.code}: ${error.message}`);
      }
      throw error;
    }
  }

  private context(job: Job, idempotencyKey: string, on: BusinessDate, now: Date): CommandContext {
    return {
      actor: SYSTEM_ACTOR,
      correlationId: `deadline:${(job.data as { deadlineKey: string }).deadlineKey}`,
      causationId: `job:${job.id}`,
      occurredAt: occurredAtFor(on, now),
      idempotencyKey,
    };
  }
}
