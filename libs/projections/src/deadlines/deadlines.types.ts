import type { BusinessDate, DeadlineRule, Frequency, ReminderPolicies, WorkflowRef } from '@app/domain';

/** missed: the reminders service recorded DeadlineMissed; still open to be met, which then is met-late. */
export type DeadlineStatus = 'open' | 'met' | 'met-late' | 'missed' | 'cancelled';

/** A deadline as its case's document keeps it: the case's own id, year, title and locality are the document's, once. */
export interface TrackedDeadline {
  /** `<caseId>:<kind>`, or `<caseId>:performance-report:<measureId>:<period>`. */
  readonly key: string;
  readonly kind: DeadlineRule['kind'];
  readonly label: string;
  readonly dueOn: BusinessDate;
  readonly status: DeadlineStatus;
  readonly openedOn: BusinessDate;
  readonly metOn: BusinessDate | null;
  readonly missedOn: BusinessDate | null;
  readonly cancelledOn: BusinessDate | null;
  /** Who is told: the CSP of the case's locality, the provider's contract manager, or the OPCC lead. */
  readonly concerns: DeadlineRule['concerns'];
  /** The contract's provider when the deadline opened (none before an award). */
  readonly provider: string | null;
  /**
   * The days before the due day a reminder goes, and whether a missed deadline is escalated:
   * the framework's reminder policy for the kind, else the workflow version's DeadlineRule
   * (`reminderPolicyFor`). The scheduler schedules exactly these.
   */
  readonly remindDaysBefore: readonly number[];
  readonly escalate: boolean;
  readonly escalateTo: DeadlineRule['escalateTo'];
  readonly measureId?: string;
  readonly period?: string;
  readonly instalmentId?: string;
  /** Earlier due dates, when an extension or a variation moved it. */
  readonly moves: ReadonlyArray<{ readonly from: BusinessDate; readonly to: BusinessDate; readonly on: BusinessDate; readonly reason: string }>;
}

/** A deadline as it is listed and scheduled: with its case's id, year, title and locality. */
export interface Deadline extends TrackedDeadline {
  readonly caseId: string;
  readonly financialYear: string;
  readonly caseTitle: string;
  readonly locality: string | null;
}

export interface TrackedMeasure {
  readonly id: string;
  readonly name: string;
  readonly frequency: Frequency;
  /** Reports are expected from the period containing this date. */
  readonly since: BusinessDate;
}

/**
 * The deadlines of one case, with what deriving them needs (the workflow version's deadline
 * rules, contract dates, measures). Keyed by case id: closing a contract cancels deadlines the event
 * itself does not name, and a projection's keys come from the event alone, so a case's
 * deadlines travel together. deadlinesOf() lists them one by one.
 */
export interface CaseDeadlinesDoc {
  readonly caseId: string;
  readonly financialYear: string;
  readonly title: string;
  readonly locality: string | null;
  /** The workflow version the case opened under, by reference; its deadline rules are kept in `rules`. */
  readonly workflow: WorkflowRef;
  /** The workflow version's deadlines: which events open, meet and cancel each kind, who is told and when reminded. */
  readonly rules: readonly DeadlineRule[];
  /** The framework's reminder policies when the case opened (FrameworkImported); none: the workflow's offsets. */
  readonly reminderPolicies?: ReminderPolicies;
  /** The workflow version's setting: a period's report is due this many days after it ends. */
  readonly reportDueDaysAfterPeriod: number;
  readonly contract: {
    readonly provider: string;
    readonly startDate: BusinessDate;
    readonly endDate: BusinessDate;
    readonly measures: readonly TrackedMeasure[];
  } | null;
  readonly ended: boolean;
  /** The payment schedule's instalments by id: their amounts and what is paid (a paid instalment's deadline is met). */
  readonly instalments?: Readonly<Record<string, { readonly pence: number; readonly paidPence: number }>>;
  readonly deadlines: Readonly<Record<string, TrackedDeadline>>;
}

/** A year's reminder policies as its framework set them, kept for the cases opened under it. */
export interface FrameworkRemindersDoc {
  readonly financialYear: string;
  readonly frameworkReminderPolicies: ReminderPolicies;
}

/** The documents of the deadlines table: one per case, and one per framework year (no deadlines of its own). */
export type DeadlinesDoc = CaseDeadlinesDoc | FrameworkRemindersDoc;

export const frameworkRemindersKey = (financialYear: string): string => `framework:${financialYear}`;
