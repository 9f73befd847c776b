import { businessYears, isBusinessDate } from '@app/domain';
import type { Deadline } from '@app/projections/deadlines';
import { type Moment, momentsOf, policyOf } from '../policy/reminder-policy';

/** A due day further ahead than this is taken for a mistake in the data, not a reminder to keep for decades. */
const HORIZON_YEARS = 50;
const HORIZON_MS = HORIZON_YEARS * 366 * 86_400_000;

/** The deadline's moments, or an error saying why it cannot be scheduled (a date that is no date, or far beyond any contract). */
export function momentsFor(deadline: Deadline, reminderHour: number, now: Date): Moment[] {
  if (!isBusinessDate(deadline.dueOn)) {
    const { first, last } = businessYears();
    const shaped = typeof deadline.dueOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(deadline.dueOn);
    throw new Error(`its due day ${JSON.stringify(deadline.dueOn)} is ${shaped ? `not a date from ${first} to ${last}` : 'not a date (YYYY-MM-DD)'}`);
  }
  const moments = momentsOf(deadline, policyOf(deadline), reminderHour);
  for (const moment of moments) {
    const at = moment.at.getTime();
    if (!Number.isFinite(at)) throw new Error(`its due day ${deadline.dueOn} gives no instant to remind at`);
    if (at - now.getTime() > HORIZON_MS) throw new Error(`its due day ${deadline.dueOn} is more than ${HORIZON_YEARS} years ahead`);
  }
  return moments;
}

/**
 * Every job id the deadline may have had: its moments on its due day and on each day an
 * extension or variation moved it from. A deadline met, cancelled or moved leaves only
 * these to look up by id, never a scan of the queue.
 */
export function candidateJobIds(deadline: Deadline, reminderHour: number): string[] {
  const days = new Set([deadline.dueOn, ...deadline.moves.flatMap((m) => [m.from, m.to])]);
  const everyPolicy = { remindDaysBefore: deadline.remindDaysBefore, escalate: true };
  return [...days]
    .filter((day) => isBusinessDate(day))
    .flatMap((dueOn) => momentsOf({ ...deadline, dueOn }, everyPolicy, reminderHour).map((m) => m.jobId));
}
