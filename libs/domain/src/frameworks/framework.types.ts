import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { MechanismCode, WorkflowRef, WorkflowSlot } from '../shared/codes';

export type { MechanismCode, WorkflowSlot } from '../shared/codes';

export const MECHANISMS: readonly MechanismCode[] = ['direct', 'co-commissioning', 'plf', 'pcc-grant'];

export interface Theme {
  readonly code: string;
  readonly number: number;
  readonly name: string;
}

export interface StrategicPriority {
  readonly code: string;
  readonly number: number;
  readonly theme: string;
  readonly title: string;
}

export interface FundingMechanism {
  readonly code: MechanismCode;
  readonly name: string;
  /** Whether its agreements are published as grants (360Giving, the grants list); unset: PLF and PCC grant are. */
  readonly publishAsGrant?: boolean;
}

export interface Board {
  readonly code: string;
  readonly name: string;
}

export interface Locality {
  readonly slug: string;
  readonly name: string;
  readonly plfAllocationPence: Pence;
  readonly vliSharePercent: number;
  /** When this locality's PLF meeting must be held, if not the framework's own date. */
  readonly plfMeetingDeadline?: BusinessDate;
  /** ONS (GSS) code of the area, e.g. E07000129 for Blaby: where the published grants benefit. */
  readonly geoCode?: string;
}

export interface GeographicalReach {
  readonly asPrinted: string | null;
  /** area: the framework's whole area; 'llr' is the 2016/17 document's name for its area (Leicester, Leicestershire and Rutland). */
  readonly scope: 'area' | 'llr' | 'localities' | 'national';
  readonly localities: readonly string[];
  readonly partial?: boolean;
}

/** A line of the framework's existing commitments (Appendix B) or additional allocations (Appendix C). */
export interface Commitment {
  readonly ref: string;
  readonly caseId: string;
  readonly source: 'appendix-b' | 'appendix-c';
  readonly title: string;
  readonly description: string | null;
  readonly valuePence: Pence;
  readonly organisation: string | null;
  readonly mechanism: MechanismCode | null;
  readonly classificationAsPrinted: string | null;
  readonly theme: string | null;
  readonly themeAsPrinted: string | null;
  readonly primaryPriorities: readonly string[];
  readonly primaryPriorityAsPrinted: string | null;
  readonly secondaryPriorities: readonly string[];
  readonly secondaryPriorityAsPrinted: string | null;
  readonly geographicalReach: GeographicalReach;
  readonly locality: string | null;
  readonly sourceNotes: readonly string[];
  /** The organisation's org-id.guide identifier (GB-LAE-BLA, GB-CHC-…, GB-COH-…), only where it is known. */
  readonly recipientOrgId?: string;
}

/** Everything a year's framework fixes; the content of `FrameworkImported`. */
export interface FrameworkDefinition {
  readonly financialYear: string;
  readonly title: string;
  readonly issuedOn: BusinessDate;
  readonly period: { readonly start: BusinessDate; readonly end: BusinessDate };
  readonly totalBudgetPence: Pence;
  readonly reservePence: Pence;
  readonly themes: readonly Theme[];
  readonly strategicPriorities: readonly StrategicPriority[];
  readonly fundingMechanisms: readonly FundingMechanism[];
  readonly boards: readonly Board[];
  readonly localities: readonly Locality[];
  readonly plf: { readonly totalPence: Pence; readonly meetingDeadline: BusinessDate };
  readonly pccGrant: { readonly newRoundsOpen: boolean };
  readonly commitments: readonly Commitment[];
  /** Per deadline kind, the days before at which reminders go, overriding the workflows' own offsets. */
  readonly reminderPolicies?: Readonly<Record<string, { readonly remindDaysBefore: readonly number[]; readonly escalate?: boolean }>>;
  /** Payments: above this a claim needs a second approval by a third person (default £10,000). */
  readonly payments?: { readonly secondApprovalAbovePence: Pence };
  /** Money set aside for a mechanism besides the reserve (e.g. new PCC grants): awards within it need no reserve draw. */
  readonly pots?: Readonly<Partial<Record<WorkflowSlot, Pence>>>;
  /** Which workflow version new cases of each mechanism open under (a shipped one or one the framework publishes). */
  readonly workflows: Readonly<Record<WorkflowSlot, WorkflowRef>>;
  /** SHA-256 of the imported document, so importing the same file again is recognised. */
  readonly checksum: string;
}
