import { addDays, BoundedMemo, type BusinessDate, BUSINESS_TIME_ZONE, businessDateOf, type DeadlineKind, type ReminderPolicy } from '@app/domain';
import { londonOffset } from '@app/platform';

/** What the scheduler needs of a deadline (a row of the deadlines read model fits). */
export interface ScheduledDeadline {
  readonly key: string;
  readonly caseId: string;
  readonly financialYear: string;
  readonly kind: DeadlineKind;
  readonly dueOn: BusinessDate;
  readonly remindDaysBefore: readonly number[];
  /** False when the framework's policy does not escalate a missed deadline of this kind. */
  readonly escalate?: boolean;
}

/** A deadline as it is chased: the read model records the policy the domain decided (`reminderPolicyFor`). */
export const policyOf = (deadline: ScheduledDeadline): ReminderPolicy => ({
  remindDaysBefore: deadline.remindDaysBefore,
  escalate: deadline.escalate !== false,
});

export type ReminderJob =
  | { readonly name: 'remind'; readonly data: { readonly deadlineKey: string; readonly dueOn: BusinessDate; readonly daysBefore: number } }
  | { readonly name: 'due'; readonly data: { readonly deadlineKey: string; readonly dueOn: BusinessDate } };

/** One thing to do at one instant, under a job id that is the same every time it is computed. */
export interface Moment {
  readonly jobId: string;
  readonly at: Date;
  readonly job: ReminderJob;
}

/*
 * BullMQ refuses ':' in custom job ids (it separates Redis key parts) and deadline keys are
 * full of them; encodeURIComponent escapes ':' and '|' alike, so the '|' separators stay
 * unambiguous whatever a measure id or period holds. The due day is part of the id: a
 * deadline moved by an extension gets new jobs, and the old ones are stale by name.
 */
export const remindJobId = (deadlineKey: string, dueOn: BusinessDate, daysBefore: number): string =>
  `remind|${encodeURIComponent(deadlineKey)}|${dueOn}|${daysBefore}`;
export const dueJobId = (deadlineKey: string, dueOn: BusinessDate): string => `due|${encodeURIComponent(deadlineKey)}|${dueOn}`;

const londonHour = new Intl.DateTimeFormat('en-GB', { timeZone: BUSINESS_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' });

/**
 * `hour`:00 on a business date in Europe/London. The offset at noon can differ from the one
 * in force at that hour on the two days the clocks change (they change at 01:00 UTC), so
 * the day before's offset is tried too and the one that lands on the right hour wins.
 */
export const londonInstant = (date: BusinessDate, hour: number): Date => new Date(instants.of(`${date}|${hour}`, () => londonInstantOf(date, hour).getTime()));

/** Instants already found: a schedule of many deadlines asks for the same few days and hours again and again. */
const instants = new BoundedMemo<number>(20_000);

function londonInstantOf(date: BusinessDate, hour: number): Date {
  const hh = String(hour).padStart(2, '0');
  const candidates = [londonOffset(date), londonOffset(addDays(date, -1))].map((offset) => new Date(`${date}T${hh}:00:00${offset}`));
  return candidates.find((c) => businessDateOf(c) === date && Number(londonHour.format(c)) === hour) ?? candidates[0];
}

/** Every moment of a deadline: a reminder per offset at `reminderHour`, and the due check as the next day begins. */
export function momentsOf(deadline: ScheduledDeadline, policy: ReminderPolicy, reminderHour: number): Moment[] {
  const { key, dueOn } = deadline;
  const days = [...new Set(policy.remindDaysBefore)].filter((d) => Number.isInteger(d) && d >= 0);
  const moments: Moment[] = days.map((daysBefore) => ({
    jobId: remindJobId(key, dueOn, daysBefore),
    at: londonInstant(addDays(dueOn, -daysBefore), reminderHour),
    job: { name: 'remind', data: { deadlineKey: key, dueOn, daysBefore } },
  }));
  if (policy.escalate) {
    moments.push({ jobId: dueJobId(key, dueOn), at: londonInstant(addDays(dueOn, 1), 0), job: { name: 'due', data: { deadlineKey: key, dueOn } } });
  }
  return moments.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * What should exist as jobs at `now`: every future moment, plus what has fallen due but is
 * still worth doing — only the latest passed reminder (after downtime, one reminder, not a
 * flurry of stale ones; none once the due day itself has passed) and the due check.
 */
export function momentsWanted(moments: readonly Moment[], now: Date): { future: Moment[]; fallenDue: Moment[] } {
  const passed = moments.filter((m) => m.at.getTime() <= now.getTime());
  const future = moments.filter((m) => m.at.getTime() > now.getTime());
  const dueCheck = passed.find((m) => m.job.name === 'due');
  const deadlinePassed = moments.length > 0 && now.getTime() >= londonInstant(addDays(moments[0].job.data.dueOn, 1), 0).getTime();
  const reminders = passed.filter((m) => m.job.name === 'remind');
  const latest = deadlinePassed ? [] : reminders.slice(-1);
  return { future, fallenDue: [...latest, ...(dueCheck ? [dueCheck] : [])] };
}
