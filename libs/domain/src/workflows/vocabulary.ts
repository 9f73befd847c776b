import type { CaseCommandType, CaseOpeningCommand } from '../cases/case.commands';
import type { CaseEventType } from '../cases/case.events';
import type { StepKind } from './workflow.types';

/**
 * The words a workflow document may use: every case command, the events each can record,
 * and which commands are the generic steps. `validateWorkflow` checks documents against it.
 */
export const COMMAND_EVENTS = {
  ImportExistingCommitment: ['ExistingCommitmentImported'],
  ImportAdditionalAllocation: ['AdditionalAllocationImported'],
  RaiseProposal: ['ProposalRaised'],
  RequestCspPlan: ['CspPlanRequested'],
  ReceiveGrantApplication: ['GrantApplicationReceived'],
  IssueTender: ['TenderIssued'],
  SelectProvider: ['ProviderSelected'],
  GrantSingleProviderDispensation: ['SingleProviderDispensationGranted'],
  AssignBoard: ['BoardAssigned'],
  RecordBoardDecision: ['BoardDecisionRecorded'],
  SubmitCspPlan: ['CspPlanSubmitted'],
  ScheduleCspMeeting: ['CspMeetingScheduled'],
  ExtendMeetingDeadline: ['MeetingDeadlineExtended'],
  HoldCspMeeting: ['CspMeetingHeld'],
  ExcludeDuplicatePlanLines: ['PlanLinesExcludedAsDuplicate'],
  AssessGrantApplication: ['GrantApplicationAssessed'],
  DeclineGrant: ['GrantDeclined'],
  RejectProposal: ['ProposalRejected'],
  WithdrawProposal: ['ProposalWithdrawn'],
  AwardContract: ['ContractAwarded'],
  ReportPerformance: ['PerformanceReported', 'UnderAchievementFlagged'],
  AgreePerformanceMeasures: ['PerformanceMeasuresAgreed'],
  AgreeRemedialAction: ['RemedialActionAgreed'],
  VaryContract: ['ContractVaried'],
  CloseContract: ['ContractClosed'],
  TerminateContract: ['ContractTerminated'],
  CompleteCheckpoint: ['CheckpointCompleted'],
  RecordApproval: ['ApprovalRecorded'],
  SendReminder: ['ReminderSent'],
  RecordDeadlineMissed: ['DeadlineMissed', 'InstalmentFellDue', 'InstalmentWithheld'],
  SetPaymentSchedule: ['PaymentScheduleSet'],
  ReprofilePaymentSchedule: ['PaymentScheduleReprofiled'],
  RecordClaim: ['ClaimReceived'],
  ApproveClaim: ['ClaimApproved'],
  RejectClaim: ['ClaimRejected'],
  RecordPayment: ['ClaimPaid'],
  RecoverPayment: ['PaymentRecovered'],
  RecordCheckpointMet: ['PaymentCheckpointMet', 'InstalmentReleased'],
  CarryForwardInstalments: ['InstalmentsCarriedForward'],
  AttachDocument: ['DocumentAttached', 'DocumentSuperseded'],
  WithdrawDocument: ['DocumentWithdrawn'],
  PlaceLegalHold: ['LegalHoldPlaced'],
  LiftLegalHold: ['LegalHoldLifted'],
  ChangeLocality: ['LocalityChanged'],
} as const satisfies Record<CaseCommandType, readonly CaseEventType[]>;

export const CASE_COMMAND_TYPES = Object.keys(COMMAND_EVENTS) as CaseCommandType[];
export const CASE_EVENT_TYPES: readonly CaseEventType[] = [...new Set(Object.values(COMMAND_EVENTS).flat())];

export const OPENING_COMMANDS: readonly CaseOpeningCommand['type'][] = [
  'ImportExistingCommitment',
  'ImportAdditionalAllocation',
  'RaiseProposal',
  'RequestCspPlan',
  'ReceiveGrantApplication',
];

/** Decided on any case whatever its stage (reminders, the case's records, a locality merger); no workflow lists them. */
export const SYSTEM_COMMANDS: readonly CaseCommandType[] = [
  'SendReminder', 'RecordDeadlineMissed', 'AttachDocument', 'WithdrawDocument', 'PlaceLegalHold', 'LiftLegalHold',
  // Payments are decided on the contract's own history (libs/domain/src/payments), whatever its stage.
  'SetPaymentSchedule', 'ReprofilePaymentSchedule', 'RecordClaim', 'ApproveClaim', 'RejectClaim', 'RecordPayment', 'RecoverPayment', 'RecordCheckpointMet',
  'CarryForwardInstalments',
  // A locality merger moves the year's cases in it, whatever their stage (libs/domain/src/cases/case-locality.ts).
  'ChangeLocality',
];

/** The events a workflow document may give a stage rule: all but those of the any-stage commands. */
export const STAGE_EVENT_TYPES: readonly CaseEventType[] = CASE_EVENT_TYPES.filter(
  (type) => !SYSTEM_COMMANDS.some((command) => (COMMAND_EVENTS[command] as readonly string[]).includes(type)),
);

/** The generic step commands and the kind of step each completes. */
export const STEP_COMMANDS: Readonly<Partial<Record<CaseCommandType, StepKind>>> = {
  CompleteCheckpoint: 'checkpoint',
  RecordApproval: 'approval',
};

export const STEP_EVENTS: Readonly<Partial<Record<CaseEventType, StepKind>>> = {
  CheckpointCompleted: 'checkpoint',
  ApprovalRecorded: 'approval',
};

export const isCaseCommandType = (value: unknown): value is CaseCommandType =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(COMMAND_EVENTS, value);

export const isCaseEventType = (value: unknown): value is CaseEventType =>
  typeof value === 'string' && (CASE_EVENT_TYPES as readonly string[]).includes(value);
