import type { GeographicalReach } from '../frameworks/framework.types';
import type { MechanismCode } from '../shared/codes';
import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';

import type { Frequency } from '../shared/codes';

export type { Frequency, WorkflowRef } from '../shared/codes';
export type Direction = 'higher-is-better' | 'lower-is-better';
export type Rag = 'red' | 'amber' | 'green';

/** A performance measure of a contract or a CSP's performance framework. */
export interface Measure {
  readonly id: string;
  readonly name: string;
  readonly unit: string;
  readonly target: number;
  readonly frequency: Frequency;
  readonly direction: Direction;
}

export interface ContractTerms {
  readonly kind: 'contract' | 'agreement' | 'grant';
  readonly provider: string;
  readonly valuePence: Pence;
  readonly outcomes: readonly string[];
  readonly qualityStandards: readonly string[];
  readonly measures: readonly Measure[];
  /** How the PCC manages outcomes not being achieved (section 6.3). */
  readonly underAchievementClause: string;
  readonly startDate: BusinessDate;
  readonly endDate: BusinessDate;
}

/** What a case is about; fixed when it opens. */
export interface CaseProfile {
  readonly caseId: string;
  readonly financialYear: string;
  readonly mechanism: MechanismCode | null;
  readonly title: string;
  readonly description: string | null;
  readonly theme: string | null;
  readonly primaryPriorities: readonly string[];
  readonly secondaryPriorities: readonly string[];
  readonly geographicalReach: GeographicalReach;
  readonly locality: string | null;
  readonly origin: { readonly source: 'appendix-b' | 'appendix-c' | 'proposal' | 'csp-plan' | 'grant-application'; readonly ref: string | null };
}


export interface PlanLine {
  readonly id: string;
  readonly description: string;
  readonly pence: Pence;
}

export const caseStreamId = (caseId: string): string => `case-${caseId}`;
