import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { PaymentState } from '../payments/payment.types';
import type { WorkflowDefinition } from '../workflows/workflow.types';
import type { PersonalContact } from '../personal-data/personal-fields';
import type { CaseDocument, LegalHold } from '../records/document.types';
import type { CaseProfile, ContractTerms, Measure, PlanLine, Rag } from './case.types';

export interface Report {
  readonly measureId: string;
  readonly period: string;
  readonly rag: Rag;
  readonly actual: number;
  readonly reportedOn: BusinessDate;
}

/** A generic step as recorded: a checkpoint's outcome, an approval's decision, and who recorded each. */
export interface StepRecord {
  readonly outcome?: string;
  readonly completedBy?: string;
  readonly decision?: 'approved' | 'refused';
  readonly decidedBy?: string;
}

export interface OpenCase {
  readonly status: 'open';
  readonly profile: CaseProfile;
  /** The workflow version the case opened under, whole: its own history says which rules apply. */
  readonly workflow: WorkflowDefinition;
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
  readonly grant?: { readonly roundId: string; readonly applicant: string; readonly requestedPence: Pence; readonly recommendation?: 'award' | 'decline'; readonly contact?: PersonalContact };
  readonly contract?: ContractTerms;
  readonly reports: readonly Report[];
  readonly steps?: Readonly<Record<string, StepRecord>>;
  /** The event that moved the case into an ended stage. */
  readonly endedBy?: string;
  /** `<deadlineKey>|<dueOn>|<daysBefore>` of every reminder sent: a moved deadline is reminded of afresh. */
  readonly remindersSent?: readonly string[];
  /** `<deadlineKey>|<dueOn>` of every deadline recorded as missed. */
  readonly deadlinesMissed?: readonly string[];
  /** Documents kept with the case, superseded and withdrawn ones included. */
  readonly documents?: readonly CaseDocument[];
  readonly legalHold?: LegalHold;
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
