import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { PaymentEvent } from '../payments/payment.events';
import type { WorkflowDefinition } from '../workflows/workflow.types';
import type { PersonalContact } from '../personal-data/personal-fields';
import type { RecordsEvent } from '../records/records.events';
import type { CaseProfile, ContractTerms, Measure, PlanLine, Rag, WorkflowRef } from './case.types';

/**
 * A case records the whole workflow document it opens under, so its own history says which
 * rules applied. Events stored before that carried only the reference to a built-in version.
 */
type Opening = { profile: CaseProfile; workflow: WorkflowDefinition | WorkflowRef };
type E<Type extends string, Data> = { type: Type; data: Data };

export type ExistingCommitmentImported = E<'ExistingCommitmentImported', Opening & { contract: ContractTerms; importedOn: BusinessDate }>;
export type AdditionalAllocationImported = E<'AdditionalAllocationImported', Opening & { allocationPence: Pence; importedOn: BusinessDate }>;
export type ProposalRaised = E<'ProposalRaised', Opening & { estimatedValuePence: Pence; raisedOn: BusinessDate }>;
export type CspPlanRequested = E<
  'CspPlanRequested',
  Opening & { allocationPence: Pence; meetingDeadline: BusinessDate; requestedOn: BusinessDate }
>;
export type GrantApplicationReceived = E<
  'GrantApplicationReceived',
  Opening & { roundId: string; applicant: string; requestedPence: Pence; receivedOn: BusinessDate; contact?: PersonalContact }
>;

export type TenderIssued = E<'TenderIssued', { reference: string; issuedOn: BusinessDate; closesOn: BusinessDate }>;
export type ProviderSelected = E<'ProviderSelected', { provider: string; selectedOn: BusinessDate; bidsReceived: number }>;
export type SingleProviderDispensationGranted = E<
  'SingleProviderDispensationGranted',
  { provider: string; reason: string; grantedOn: BusinessDate }
>;
export type BoardAssigned = E<'BoardAssigned', { board: string; assignedOn: BusinessDate }>;
export type BoardDecisionRecorded = E<
  'BoardDecisionRecorded',
  { board: string; decision: 'approved' | 'rejected'; decidedOn: BusinessDate; notes: string }
>;
export type CspPlanSubmitted = E<
  'CspPlanSubmitted',
  { submittedOn: BusinessDate; budgetLines: PlanLine[]; totalPence: Pence; performanceFramework: Measure[] }
>;
export type CspMeetingScheduled = E<'CspMeetingScheduled', { meetingOn: BusinessDate; scheduledOn: BusinessDate }>;
export type MeetingDeadlineExtended = E<
  'MeetingDeadlineExtended',
  { previousDeadline: BusinessDate; newDeadline: BusinessDate; reason: string; extendedOn: BusinessDate }
>;
export type CspMeetingHeld = E<'CspMeetingHeld', { heldOn: BusinessDate; notes: string }>;
export type PlanLinesExcludedAsDuplicate = E<
  'PlanLinesExcludedAsDuplicate',
  { lineIds: string[]; excludedPence: Pence; reason: string; excludedOn: BusinessDate }
>;
export type GrantApplicationAssessed = E<
  'GrantApplicationAssessed',
  { score: number; recommendation: 'award' | 'decline'; notes: string; assessedOn: BusinessDate }
>;
export type GrantDeclined = E<'GrantDeclined', { reason: string; declinedOn: BusinessDate }>;
export type ProposalRejected = E<'ProposalRejected', { reason: string; rejectedOn: BusinessDate }>;
export type ProposalWithdrawn = E<'ProposalWithdrawn', { reason: string; withdrawnOn: BusinessDate }>;

export type ContractAwarded = E<'ContractAwarded', { contract: ContractTerms; awardedOn: BusinessDate }>;
export type PerformanceReported = E<
  'PerformanceReported',
  { measureId: string; period: string; actual: number; target: number; rag: Rag; reportedOn: BusinessDate; commentary: string }
>;
export type UnderAchievementFlagged = E<
  'UnderAchievementFlagged',
  { measureId: string; consecutiveReds: number; flaggedOn: BusinessDate }
>;
export type PerformanceMeasuresAgreed = E<'PerformanceMeasuresAgreed', { measures: Measure[]; agreedOn: BusinessDate }>;
export type RemedialActionAgreed = E<'RemedialActionAgreed', { action: string; reviewBy: BusinessDate; agreedOn: BusinessDate }>;
export type ContractVaried = E<
  'ContractVaried',
  { previousValuePence: Pence; valuePence: Pence; endDate: BusinessDate; reason: string; variedOn: BusinessDate }
>;
export type ContractClosed = E<'ContractClosed', { closedOn: BusinessDate; notes: string }>;
export type ContractTerminated = E<'ContractTerminated', { reason: string; terminatedOn: BusinessDate }>;

export type CheckpointCompleted = E<
  'CheckpointCompleted',
  { step: string; outcome: string; notes: string; completedBy: string; completedOn: BusinessDate }
>;
export type ApprovalRecorded = E<
  'ApprovalRecorded',
  { step: string; decision: 'approved' | 'refused'; notes: string; decidedBy: string; decidedOn: BusinessDate }
>;

export type ReminderSent = E<
  'ReminderSent',
  {
    deadlineKey: string;
    kind: string;
    dueOn: BusinessDate;
    daysBefore: number;
    recipient: 'csp' | 'contract-manager' | 'opcc-lead';
    sentOn: BusinessDate;
  }
>;
export type DeadlineMissed = E<
  'DeadlineMissed',
  { deadlineKey: string; kind: string; dueOn: BusinessDate; missedOn: BusinessDate; escalatedTo: 'opcc-lead' }
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
  | RecordsEvent
  | PaymentEvent;

export type CaseEventType = CaseEvent['type'];
