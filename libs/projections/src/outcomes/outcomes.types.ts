import type { BusinessDate, CaseProfile, ContractTerms, Measure, Pence, Rag, WorkflowRef } from '@app/domain';

export interface MeasureReport {
  /** The period in the read model's spelling (see reporting-period.ts). */
  readonly period: string;
  /** The period as the report wrote it, when that was the other spelling (2016-M01, 2016-FY). */
  readonly periodAsReported?: string;
  readonly actual: number;
  readonly target: number;
  readonly rag: Rag;
  readonly reportedOn: BusinessDate;
}

export interface MeasureRecord extends Measure {
  /** The first period expected is the one containing this date: the contract start, or the later agreement. */
  readonly since: BusinessDate;
  readonly reports: readonly MeasureReport[];
  readonly latest: MeasureReport | null;
  /** Reds at the end of the report history, in the order reported (as the decider counts them). */
  readonly consecutiveReds: number;
  /** Set when a later agreement dropped the measure. */
  readonly retiredOn?: BusinessDate;
}

export interface UnderAchievement {
  readonly measureId: string;
  readonly since: BusinessDate;
  readonly consecutiveReds: number;
  readonly flaggedOn: BusinessDate;
  readonly timesFlagged: number;
}

export interface RemedialAction {
  readonly action: string;
  readonly reviewBy: BusinessDate;
  readonly agreedOn: BusinessDate;
}

export interface Variation {
  readonly previousValuePence: Pence;
  readonly valuePence: Pence;
  readonly endDate: BusinessDate;
  readonly reason: string;
  readonly variedOn: BusinessDate;
}

/** One contracted case: what was commissioned, against which measures, and how it is going. */
export interface OutcomeDoc {
  readonly kind: 'outcome';
  readonly caseId: string;
  readonly financialYear: string;
  readonly title: string;
  readonly provider: string;
  readonly contractKind: ContractTerms['kind'];
  readonly mechanism: CaseProfile['mechanism'];
  readonly theme: string | null;
  readonly primaryPriorities: readonly string[];
  readonly secondaryPriorities: readonly string[];
  readonly locality: string | null;
  readonly geographicalReach: CaseProfile['geographicalReach'];
  readonly valuePence: Pence;
  readonly stage: string;
  readonly workflow: WorkflowRef;
  readonly reportDueDaysAfterPeriod: number;
  readonly awardedOn: BusinessDate;
  readonly startDate: BusinessDate;
  readonly endDate: BusinessDate;
  readonly outcomes: readonly string[];
  readonly measures: readonly MeasureRecord[];
  readonly formerMeasures: readonly MeasureRecord[];
  readonly underAchievement: UnderAchievement | null;
  readonly remedialActions: readonly RemedialAction[];
  readonly variations: readonly Variation[];
  readonly ended: { readonly kind: 'closed' | 'terminated'; readonly on: BusinessDate; readonly note: string } | null;
}

/** A case not yet awarded: kept under `pending:<caseId>` until its award, then removed. */
export interface PendingCaseDoc {
  readonly kind: 'pending';
  readonly profile: CaseProfile;
  readonly workflow: WorkflowRef;
  readonly stage: string;
}

export type OutcomesDoc = OutcomeDoc | PendingCaseDoc;
