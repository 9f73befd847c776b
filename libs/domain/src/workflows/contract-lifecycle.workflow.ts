import type { CommandRule, DeadlineRule, EventRule, StageDefinition, WorkflowSettings } from './workflow.types';

/**
 * What every contract or agreement goes through once awarded, whatever the mechanism
 * (section 6.3): performance reported against its measures, under-achievement managed,
 * variation, closure or termination.
 */
export const LIVE_STAGES = ['active', 'under-achievement', 'remedial-action'] as const;

export const CONTRACT_STAGES: readonly StageDefinition[] = [
  { id: 'active', label: 'Contract active', phase: 'contract' },
  { id: 'under-achievement', label: 'Under-achievement flagged', phase: 'contract' },
  { id: 'remedial-action', label: 'Remedial action agreed', phase: 'contract' },
  { id: 'closed', label: 'Closed', phase: 'ended' },
  { id: 'terminated', label: 'Terminated', phase: 'ended' },
];

export const CONTRACT_COMMANDS: readonly CommandRule[] = [
  { command: 'ReportPerformance', from: LIVE_STAGES, guards: ['measureExists', 'periodNotYetReported'] },
  { command: 'AgreePerformanceMeasures', from: LIVE_STAGES, guards: ['measuresValid'] },
  { command: 'AgreeRemedialAction', from: ['under-achievement'], guards: ['reasonGiven', 'reviewDateAhead'] },
  { command: 'VaryContract', from: LIVE_STAGES, guards: ['reasonGiven', 'variedValuePositive', 'variedEndAfterStart'] },
  { command: 'CloseContract', from: LIVE_STAGES },
  { command: 'TerminateContract', from: LIVE_STAGES, guards: ['reasonGiven'] },
];

export const CONTRACT_EVENTS: readonly EventRule[] = [
  { event: 'PerformanceReported', from: LIVE_STAGES, to: 'same' },
  { event: 'PerformanceMeasuresAgreed', from: LIVE_STAGES, to: 'same' },
  { event: 'UnderAchievementFlagged', from: ['active', 'remedial-action'], to: 'under-achievement' },
  { event: 'RemedialActionAgreed', from: ['under-achievement'], to: 'remedial-action' },
  { event: 'ContractVaried', from: LIVE_STAGES, to: 'same' },
  { event: 'ContractClosed', from: LIVE_STAGES, to: 'closed' },
  { event: 'ContractTerminated', from: LIVE_STAGES, to: 'terminated' },
];

const AWARD_EVENTS = ['ContractAwarded', 'ExistingCommitmentImported'] as const;

export const CONTRACT_DEADLINES: readonly DeadlineRule[] = [
  {
    kind: 'performance-report',
    label: 'Performance report due',
    opensOn: [...AWARD_EVENTS, 'PerformanceMeasuresAgreed'],
    due: { kind: 'measure-frequency' },
    metBy: ['PerformanceReported'],
    cancelledBy: ['ContractClosed', 'ContractTerminated'],
    concerns: 'contract-manager',
    remindDaysBefore: [14, 7, 1, 0],
    escalateTo: 'opcc-lead',
  },
  {
    kind: 'contract-end',
    label: 'Contract ends',
    opensOn: AWARD_EVENTS,
    due: { kind: 'contract-end' },
    metBy: ['ContractClosed', 'ContractTerminated'],
    cancelledBy: [],
    concerns: 'opcc-lead',
    remindDaysBefore: [56, 28, 7],
    escalateTo: 'opcc-lead',
  },
  {
    // The due check withholds the instalment when its condition is unmet (payments/payment.decider.ts).
    kind: 'payment-instalment',
    label: 'Payment instalment due',
    opensOn: ['ExistingCommitmentImported', 'PaymentScheduleSet', 'PaymentScheduleReprofiled'],
    due: { kind: 'payment-schedule' },
    metBy: ['InstalmentFellDue', 'ClaimPaid'],
    cancelledBy: ['ContractTerminated'],
    concerns: 'contract-manager',
    remindDaysBefore: [7, 0],
    escalateTo: 'opcc-lead',
  },
];

export const DEFAULT_SETTINGS: WorkflowSettings = {
  underAchievementAfterConsecutiveReds: 2,
  amberTolerancePercent: 10,
  reportDueDaysAfterPeriod: 14,
};

/** Pre-award stages from which a proposal may be rejected or withdrawn. */
export const closingRules = (preAward: readonly string[]): { commands: CommandRule[]; events: EventRule[] } => ({
  commands: [
    { command: 'RejectProposal', from: preAward, guards: ['reasonGiven'] },
    { command: 'WithdrawProposal', from: preAward, guards: ['reasonGiven'] },
  ],
  events: [
    { event: 'ProposalRejected', from: preAward, to: 'rejected' },
    { event: 'ProposalWithdrawn', from: preAward, to: 'withdrawn' },
  ],
});

export const CLOSING_STAGES: readonly StageDefinition[] = [
  { id: 'rejected', label: 'Rejected', phase: 'ended' },
  { id: 'withdrawn', label: 'Withdrawn', phase: 'ended' },
];
