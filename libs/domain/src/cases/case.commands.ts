import type { ChangeLocality } from './case-locality';
import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { PaymentCommand } from '../payments/payment.commands';
import type { WorkflowDefinition } from '../workflows/workflow.types';
import type { PersonalContact } from '../personal-data/personal-fields';
import type { RecordsCommand } from '../records/records.commands';
import type { CaseProfile, ContractTerms, Measure, PlanLine } from './case.types';

/** Every case command says on which business date it happens. */
type C<Type extends string, Fields> = { type: Type; on: BusinessDate } & Fields;
/** A case opens under the workflow version its framework names for the mechanism, filled by the adapter. */
type O<Type extends string, Fields> = C<Type, Fields & { workflow: WorkflowDefinition }>;

export type ImportExistingCommitment = O<'ImportExistingCommitment', { profile: CaseProfile; contract: ContractTerms }>;
export type ImportAdditionalAllocation = O<'ImportAdditionalAllocation', { profile: CaseProfile; allocationPence: Pence }>;
export type RaiseProposal = O<'RaiseProposal', { profile: CaseProfile; estimatedValuePence: Pence }>;
/** The adapter reads the locality's allocation and the meeting deadline from the framework. */
export type RequestCspPlan = O<'RequestCspPlan', { profile: CaseProfile; allocationPence: Pence; meetingDeadline: BusinessDate }>;
/** `round` is the framework's open round of that id, or null when there is none. */
export type ReceiveGrantApplication = O<
  'ReceiveGrantApplication',
  {
    profile: CaseProfile;
    roundId: string;
    round: { opensOn: BusinessDate; closesOn: BusinessDate } | null;
    applicant: string;
    requestedPence: Pence;
    /** The applicant's contact person: personal data, kept under its own key. */
    contact?: PersonalContact;
  }
>;

export type IssueTender = C<'IssueTender', { reference: string; closesOn: BusinessDate }>;
export type SelectProvider = C<'SelectProvider', { provider: string; bidsReceived: number }>;
export type GrantSingleProviderDispensation = C<'GrantSingleProviderDispensation', { provider: string; reason: string }>;
/** `frameworkBoards`: the board codes of the case's framework, filled by the adapter. */
export type AssignBoard = C<'AssignBoard', { board: string; frameworkBoards: readonly string[] }>;
export type RecordBoardDecision = C<'RecordBoardDecision', { decision: 'approved' | 'rejected'; notes?: string }>;
export type SubmitCspPlan = C<'SubmitCspPlan', { budgetLines: readonly PlanLine[]; performanceFramework: readonly Measure[] }>;
export type ScheduleCspMeeting = C<'ScheduleCspMeeting', { meetingOn: BusinessDate }>;
export type ExtendMeetingDeadline = C<'ExtendMeetingDeadline', { newDeadline: BusinessDate; reason: string }>;
export type HoldCspMeeting = C<'HoldCspMeeting', { notes?: string }>;
export type ExcludeDuplicatePlanLines = C<'ExcludeDuplicatePlanLines', { lineIds: readonly string[]; reason: string }>;
export type AssessGrantApplication = C<'AssessGrantApplication', { score: number; recommendation: 'award' | 'decline'; notes?: string }>;
export type DeclineGrant = C<'DeclineGrant', { reason: string }>;
export type RejectProposal = C<'RejectProposal', { reason: string }>;
export type WithdrawProposal = C<'WithdrawProposal', { reason: string }>;
export type AwardContract = C<'AwardContract', { contract: ContractTerms }>;
export type ReportPerformance = C<'ReportPerformance', { measureId: string; period: string; actual: number; commentary?: string }>;
export type AgreePerformanceMeasures = C<'AgreePerformanceMeasures', { measures: readonly Measure[] }>;
export type AgreeRemedialAction = C<'AgreeRemedialAction', { action: string; reviewBy: BusinessDate }>;
export type VaryContract = C<'VaryContract', { valuePence: Pence; endDate?: BusinessDate; reason: string }>;
export type CloseContract = C<'CloseContract', { notes?: string }>;
export type TerminateContract = C<'TerminateContract', { reason: string }>;
/** Generic steps: `by` is the acting user, filled by the adapter from the caller's identity. */
export type CompleteCheckpoint = C<'CompleteCheckpoint', { step: string; outcome: string; notes?: string; by: string }>;
export type RecordApproval = C<'RecordApproval', { step: string; decision: 'approved' | 'refused'; notes?: string; by: string }>;

/** System commands: the reminder service acts on a deadline the case's own history still leaves open. */
export type SendReminder = C<
  'SendReminder',
  { deadlineKey: string; dueOn: BusinessDate; daysBefore: number; recipient: 'csp' | 'contract-manager' | 'opcc-lead' }
>;
export type RecordDeadlineMissed = C<'RecordDeadlineMissed', { deadlineKey: string; dueOn: BusinessDate }>;

export type CaseOpeningCommand =
  | ImportExistingCommitment
  | ImportAdditionalAllocation
  | RaiseProposal
  | RequestCspPlan
  | ReceiveGrantApplication;

export type CaseCommand =
  | CaseOpeningCommand
  | IssueTender
  | SelectProvider
  | GrantSingleProviderDispensation
  | AssignBoard
  | RecordBoardDecision
  | SubmitCspPlan
  | ScheduleCspMeeting
  | ExtendMeetingDeadline
  | HoldCspMeeting
  | ExcludeDuplicatePlanLines
  | AssessGrantApplication
  | DeclineGrant
  | RejectProposal
  | WithdrawProposal
  | AwardContract
  | ReportPerformance
  | AgreePerformanceMeasures
  | AgreeRemedialAction
  | VaryContract
  | CloseContract
  | TerminateContract
  | CompleteCheckpoint
  | RecordApproval
  | SendReminder
  | RecordDeadlineMissed
  | ChangeLocality
  | RecordsCommand
  | PaymentCommand;

export type CaseCommandType = CaseCommand['type'];
