import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { PaymentState } from '../payments/payment.types';
import type { CaseProfile, ContractTerms, Measure, PlanLine, Rag, WorkflowRef } from './case.types';

export interface Report {
  readonly measureId: string;
  readonly period: string;
  readonly rag: Rag;
  readonly actual: number;
  readonly reportedOn: BusinessDate;
}

export interface OpenCase {
  readonly status: 'open';
  readonly profile: CaseProfile;
  readonly workflow: WorkflowRef;
  readonly stage: string;
  readonly openedOn: BusinessDate;
  readonly estimatedValuePence?: Pence;
  readonly allocationPence?: Pence;
  readonly meetingDeadline?: BusinessDate;
  readonly planSubmittedOn?: BusinessDate;
  readonly plan?: { readonly lines: readonly PlanLine[]; readonly measures: readonly Measure[]; readonly excluded: readonly string[] };
  readonly meetingOn?: BusinessDate;
  readonly meetingHeldOn?: BusinessDate;
  readonly tender?: { readonly issuedOn: BusinessDate; readonly closesOn: BusinessDate };
  readonly chosenProvider?: string;
  readonly board?: string;
  readonly grant?: { readonly roundId: string; readonly applicant: string; readonly requestedPence: Pence; readonly recommendation?: 'award' | 'decline' };
  readonly contract?: ContractTerms;
  readonly reports: readonly Report[];
  /** `<deadlineKey>|<dueOn>|<daysBefore>` of every reminder sent: a moved deadline is reminded of afresh. */
  readonly remindersSent?: readonly string[];
  /** `<deadlineKey>|<dueOn>` of every deadline recorded as missed. */
  readonly deadlinesMissed?: readonly string[];
  /** The payment schedule, claims and withholdings (libs/domain/src/payments). */
  readonly payments?: PaymentState;
}

export type CaseState = { readonly status: 'none' } | OpenCase;

export const initialCaseState: CaseState = { status: 'none' };

/** Pence of the year's budget the case holds once awarded (or allocated, before). */
export function includedPlanPence(state: OpenCase): Pence {
  if (!state.plan) return 0;
  return state.plan.lines.filter((line) => !state.plan?.excluded.includes(line.id)).reduce((sum, line) => sum + line.pence, 0);
}
