import type { BusinessDate, DeadlineRule, Frequency, WorkflowRef } from '@app/domain';

/** missed: the reminders service recorded DeadlineMissed; still open to be met, which then is met-late. */
export type DeadlineStatus = 'open' | 'met' | 'met-late' | 'missed' | 'cancelled';

export interface Deadline {
  /** `<caseId>:<kind>`, or `<caseId>:performance-report:<measureId>:<period>`. */
  readonly key: string;
  readonly caseId: string;
  readonly financialYear: string;
  readonly caseTitle: string;
  readonly kind: DeadlineRule['kind'];
  readonly label: string;
  readonly dueOn: BusinessDate;
  readonly status: DeadlineStatus;
  readonly openedOn: BusinessDate;
  readonly metOn: BusinessDate | null;
  readonly missedOn: BusinessDate | null;
  readonly cancelledOn: BusinessDate | null;
  /** Who is told: the CSP of `locality`, the provider's contract manager, or the OPCC lead. */
  readonly concerns: DeadlineRule['concerns'];
  readonly locality: string | null;
  readonly provider: string | null;
  /** From the DeadlineRule of the workflow version the case opened under. */
  readonly remindDaysBefore: readonly number[];
  readonly escalateTo: DeadlineRule['escalateTo'];
  readonly measureId?: string;
  readonly period?: string;
  readonly instalmentId?: string;
  /** Earlier due dates, when an extension or a variation moved it. */
  readonly moves: ReadonlyArray<{ readonly from: BusinessDate; readonly to: BusinessDate; readonly on: BusinessDate; readonly reason: string }>;
}

export interface TrackedMeasure {
  readonly id: string;
  readonly name: string;
  readonly frequency: Frequency;
  /** Reports are expected from the period containing this date. */
  readonly since: BusinessDate;
}

/**
 * The deadlines of one case, with what deriving them needs (workflow version, contract
 * dates, measures). Keyed by case id: closing a contract cancels deadlines the event
 * itself does not name, and a projection's keys come from the event alone, so a case's
 * deadlines travel together. deadlinesOf() lists them one by one.
 */
export interface CaseDeadlinesDoc {
  readonly caseId: string;
  readonly financialYear: string;
  readonly title: string;
  readonly locality: string | null;
  readonly workflow: WorkflowRef;
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
  readonly deadlines: Readonly<Record<string, Deadline>>;
}
