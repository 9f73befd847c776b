import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { PaymentEvent } from '../payments/payment.events';
import type { WorkflowDefinition } from '../workflows/workflow.types';
import type { PersonalContact } from '../personal-data/personal-fields';
import type { RecordsEvent } from '../records/records.events';
import type { LocalityChanged } from './case-locality';
import type { CaseProfile, ContractTerms, Measure, PlanLine, Rag, WorkflowRef } from './case.types';

/**
 * A case records the whole workflow document it opens under, so its own history says which
 * rules applied. Events stored before that carried only the reference to a built-in version.
 */
type Opening = { profile: CaseProfile; workflow: WorkflowDefinition | WorkflowRef };
type E<Type extends string, Data> = { type: Type; data: Data };

export type ExistingCommitmentImported = E<'ExistingCommitmentImported', Opening & { contract: ContractTerms; on: BusinessDate }>;
export type AdditionalAllocationImported = E<'AdditionalAllocationImported', Opening & { allocationPence: Pence; on: BusinessDate }>;
export type ProposalRaised = E<'ProposalRaised', Opening & { estimatedValuePence: Pence; on: BusinessDate }>;
export type CspPlanRequested = E<
  'CspPlanRequested',
  Opening & { allocationPence: Pence; meetingDeadline: BusinessDate; on: BusinessDate }
>;
export type GrantApplicationReceived = E<
  'GrantApplicationReceived',
  Opening & { roundId: string; applicant: string; requestedPence: Pence; on: BusinessDate; contact?: PersonalContact }
>;

export type TenderIssued = E<'TenderIssued', { reference: string; on: BusinessDate; closesOn: BusinessDate }>;
export type ProviderSelected = E<'ProviderSelected', { provider: string; on: BusinessDate; bidsReceived: number }>;
export type SingleProviderDispensationGranted = E<
  'SingleProviderDispensationGranted',
  { provider: string; reason: string; on: BusinessDate }
>;
export type BoardAssigned = E<'BoardAssigned', { board: string; on: BusinessDate }>;
export type BoardDecisionRecorded = E<
  'BoardDecisionRecorded',
  { board: string; decision: 'approved' | 'rejected'; on: BusinessDate; notes: string }
>;
export type CspPlanSubmitted = E<
  'CspPlanSubmitted',
  { on: BusinessDate; budgetLines: PlanLine[]; totalPence: Pence; performanceFramework: Measure[] }
>;
export type CspMeetingScheduled = E<'CspMeetingScheduled', { meetingOn: BusinessDate; on: BusinessDate }>;
export type MeetingDeadlineExtended = E<
  'MeetingDeadlineExtended',
  { previousDeadline: BusinessDate; newDeadline: BusinessDate; reason: string; on: BusinessDate }
>;
export type CspMeetingHeld = E<'CspMeetingHeld', { on: BusinessDate; notes: string }>;
export type PlanLinesExcludedAsDuplicate = E<
  'PlanLinesExcludedAsDuplicate',
  { lineIds: string[]; excludedPence: Pence; reason: string; on: BusinessDate }
>;
export type GrantApplicationAssessed = E<
  'GrantApplicationAssessed',
  { score: number; recommendation: 'award' | 'decline'; notes: string; on: BusinessDate }
>;
export type GrantDeclined = E<'GrantDeclined', { reason: string; on: BusinessDate }>;
export type ProposalRejected = E<'ProposalRejected', { reason: string; on: BusinessDate }>;
export type ProposalWithdrawn = E<'ProposalWithdrawn', { reason: string; on: BusinessDate }>;

export type ContractAwarded = E<'ContractAwarded', { contract: ContractTerms; on: BusinessDate }>;
export type PerformanceReported = E<
  'PerformanceReported',
  { measureId: string; period: string; actual: number; target: number; rag: Rag; on: BusinessDate; commentary: string }
>;
export type UnderAchievementFlagged = E<
  'UnderAchievementFlagged',
  { measureId: string; consecutiveReds: number; on: BusinessDate }
>;
export type PerformanceMeasuresAgreed = E<'PerformanceMeasuresAgreed', { measures: Measure[]; on: BusinessDate }>;
export type RemedialActionAgreed = E<'RemedialActionAgreed', { action: string; reviewBy: BusinessDate; on: BusinessDate }>;
export type ContractVaried = E<
  'ContractVaried',
  { previousValuePence: Pence; valuePence: Pence; endDate: BusinessDate; reason: string; on: BusinessDate }
>;
export type ContractClosed = E<'ContractClosed', { on: BusinessDate; notes: string }>;
export type ContractTerminated = E<'ContractTerminated', { reason: string; on: BusinessDate }>;

export type CheckpointCompleted = E<
  'CheckpointCompleted',
  { step: string; outcome: string; notes: string; completedBy: string; on: BusinessDate }
>;
export type ApprovalRecorded = E<
  'ApprovalRecorded',
  { step: string; decision: 'approved' | 'refused'; notes: string; decidedBy: string; on: BusinessDate }
>;

export type ReminderSent = E<
  'ReminderSent',
  {
    deadlineKey: string;
    kind: string;
    dueOn: BusinessDate;
    daysBefore: number;
    recipient: 'csp' | 'contract-manager' | 'opcc-lead';
    on: BusinessDate;
  }
>;
export type DeadlineMissed = E<
  'DeadlineMissed',
  { deadlineKey: string; kind: string; dueOn: BusinessDate; on: BusinessDate; escalatedTo: 'opcc-lead' }
>;

export type CaseOpeningEvent =
  | ExistingCommitmentImported
  | AdditionalAllocationImported
  | ProposalRaised
  | CspPlanRequested
  | GrantApplicationReceived;

export type CaseEvent =
  | CaseOpeningEvent
  | TenderIssued
  | ProviderSelected
  | SingleProviderDispensationGranted
  | BoardAssigned
  | BoardDecisionRecorded
  | CspPlanSubmitted
  | CspMeetingScheduled
  | MeetingDeadlineExtended
  | CspMeetingHeld
  | PlanLinesExcludedAsDuplicate
  | GrantApplicationAssessed
  | GrantDeclined
  | ProposalRejected
  | ProposalWithdrawn
  | ContractAwarded
  | PerformanceReported
  | PerformanceMeasuresAgreed
  | UnderAchievementFlagged
  | RemedialActionAgreed
  | ContractVaried
  | ContractClosed
  | ContractTerminated
  | CheckpointCompleted
  | ApprovalRecorded
  | ReminderSent
  | DeadlineMissed
  | LocalityChanged
  | RecordsEvent
  | PaymentEvent;

export type CaseEventType = CaseEvent['type'];
