import { type Decider, assertNever } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { formatPence } from '../shared/money';
import { ragFor } from '../performance/rag';
import { GUARDS, isGuardName } from '../workflows/guards';
import { openCommands, phaseOf, ruleFor } from '../workflows/open-commands';
import { refOf } from '../workflows/workflow.registry';
import type { GuardUse, WorkflowDefinition } from '../workflows/workflow.types';
import { decideStep, type StepCommand } from './case.steps';
import type { CaseCommand, CaseOpeningCommand } from './case.commands';
import type { PaymentCommand } from '../payments/payment.commands';
import type { CaseEvent } from './case.events';
import { deadlineStatus, parseDeadlineKey } from './deadline';
import { isPaymentCommand } from '../payments/payment.commands';
import { carriedOutPence } from '../payments/payment.state';
import { decideInstalmentDue, decidePayment } from '../payments/payment.decider';
import { paymentConsequences } from '../payments/payment.consequences';
import { isRecordsCommand, type RecordsCommand } from '../records/records.commands';
import { decideRecords } from '../records/records.decider';
import { decideLocalityChange, type ChangeLocality } from './case-locality';
import { type CaseState, evolveCase, includedPlanPence, initialCaseState, type OpenCase } from './case.state';

const OPENING: ReadonlySet<CaseCommand['type']> = new Set([
  'ImportExistingCommitment',
  'ImportAdditionalAllocation',
  'RaiseProposal',
  'RequestCspPlan',
  'ReceiveGrantApplication',
]);

const isOpening = (command: CaseCommand): command is CaseOpeningCommand => OPENING.has(command.type);

/** One decider for every case: the case's workflow version (data) says what is allowed when. */
export function decideCase(command: CaseCommand, state: CaseState): CaseEvent[] {
  if (isOpening(command)) return decideOpening(command, state);
  if (state.status === 'none') throw new DomainError('CASE_NOT_FOUND', 'There is no such case');
  if (command.type === 'SendReminder' || command.type === 'RecordDeadlineMissed') return decideDeadline(command, state);
  if (isRecordsCommand(command)) return decideRecords(command, state);
  if (command.type === 'ChangeLocality') return decideLocalityChange(command, state.profile);
  if (isPaymentCommand(command)) return decidePayment(command, state, phaseOf(state) === 'contract');
  const workflow = state.workflow;
  const rule = ruleFor(workflow, state.stage, command);
  if (!rule) throw illegal(command, state, workflow);
  for (const use of rule.guards ?? []) applyGuard(use, command, state);
  if (command.type === 'CompleteCheckpoint' || command.type === 'RecordApproval') return decideStep(command as StepCommand, state);
  const decided = eventsFor(command, state, workflow);
  return [...decided, ...paymentConsequences(decided.reduce(evolveCase, state as CaseState) as OpenCase, decided, command.on)];
}

/** A guard from the workflow's data, with its parameters; one unknown to this build refuses rather than passes. */
function applyGuard(use: GuardUse, command: CaseCommand, state: OpenCase): void {
  const name = typeof use === 'string' ? use : use.guard;
  if (!isGuardName(name)) throw new DomainError('UNKNOWN_GUARD', `The case's workflow names a guard this build does not know: ${name}`);
  GUARDS[name].check(command, state, typeof use === 'string' ? {} : (use.params ?? {}));
}

function illegal(command: CaseCommand, state: OpenCase, workflow: WorkflowDefinition): DomainError {
  const stage = workflow.stages.find((s) => s.id === state.stage)?.label ?? state.stage;
  const allowed = [...new Set(openCommands(workflow, state).map((r) => (r.step ? `${r.command} (${r.step.id})` : r.command)))];
  const ended = phaseOf(state) === 'ended';
  return new DomainError(
    'ILLEGAL_TRANSITION',
    `${command.type}${'step' in command ? ` (${command.step})` : ''} is not allowed while the case is at "${stage}" (${workflow.title} workflow v${workflow.version}); ` +
      `allowed now: ${allowed.length ? allowed.join(', ') : ended ? 'nothing, the case has ended' : 'nothing'}`,
    { stage: state.stage, allowed, workflow: refOf(workflow) },
  );
}

function decideOpening(command: CaseOpeningCommand, state: CaseState): CaseEvent[] {
  if (state.status === 'open') {
    if (command.type === 'RequestCspPlan' && state.profile.mechanism === 'plf') {
      throw new DomainError(
        'PLF_CASE_EXISTS',
        `${state.profile.locality} already has its ${state.profile.financialYear} PLF case, ${state.profile.caseId} (${state.stage}); a locality holds one PLF case a year`,
        { caseId: state.profile.caseId, locality: state.profile.locality, stage: state.stage },
      );
    }
    throw new DomainError('CASE_EXISTS', `Case ${state.profile.caseId} already exists`, { caseId: state.profile.caseId });
  }
  const workflow = command.workflow;
  if (workflow.mechanism !== command.profile.mechanism) {
    throw new DomainError(
      'WRONG_WORKFLOW',
      `${workflow.title} workflow v${workflow.version} is for ${workflow.mechanism ?? 'additional allocations'}, not ${command.profile.mechanism ?? 'additional allocations'}`,
      { workflow: refOf(workflow), mechanism: command.profile.mechanism },
    );
  }
  if (!workflow.opensWith.includes(command.type)) {
    throw new DomainError(
      'WRONG_OPENING',
      `A ${workflow.title} case opens with ${workflow.opensWith.join(' or ')}, not ${command.type}`,
      { mechanism: command.profile.mechanism },
    );
  }
  const opening = { profile: command.profile, workflow };
  switch (command.type) {
    case 'ImportExistingCommitment':
      return [{ type: 'ExistingCommitmentImported', data: { ...opening, contract: command.contract, on: command.on } }];
    case 'ImportAdditionalAllocation':
      return [{ type: 'AdditionalAllocationImported', data: { ...opening, allocationPence: command.allocationPence, on: command.on } }];
    case 'RaiseProposal':
      if (command.estimatedValuePence <= 0) throw DomainError.field('INVALID_AMOUNT', 'estimatedValuePence', 'must be more than zero');
      return [{ type: 'ProposalRaised', data: { ...opening, estimatedValuePence: command.estimatedValuePence, on: command.on } }];
    case 'RequestCspPlan':
      if (!command.profile.locality) throw DomainError.field('VALIDATION_FAILED', 'locality', 'a PLF case belongs to one locality');
      return [
        {
          type: 'CspPlanRequested',
          data: { ...opening, allocationPence: command.allocationPence, meetingDeadline: command.meetingDeadline, on: command.on },
        },
      ];
    case 'ReceiveGrantApplication': {
      const round = command.round;
      if (!round || command.on < round.opensOn || command.on > round.closesOn) {
        throw new DomainError('GRANT_ROUND_CLOSED', `No PCC grant round "${command.roundId}" is open on ${command.on}`, {
          roundId: command.roundId,
        });
      }
      if (!Number.isSafeInteger(command.requestedPence) || command.requestedPence <= 0) {
        throw DomainError.field('INVALID_AMOUNT', 'requestedPence', 'must be a whole number of pence, more than zero');
      }
      const { roundId, applicant, requestedPence, contact } = command;
      const data = { ...opening, roundId, applicant, requestedPence, on: command.on, ...(contact ? { contact } : {}) };
      return [{ type: 'GrantApplicationReceived', data }];
    }
    default:
      return assertNever(command);
  }
}

type DeadlineCommand = Extract<CaseCommand, { type: 'SendReminder' | 'RecordDeadlineMissed' }>;

/**
 * Reminders and missed deadlines are decided on the case's own history: nothing is sent
 * or recorded once the thing is done or no longer wanted, and nothing twice.
 */
function decideDeadline(command: DeadlineCommand, state: OpenCase): CaseEvent[] {
  const ref = parseDeadlineKey(command.deadlineKey);
  if (!ref || ref.caseId !== state.profile.caseId) {
    throw DomainError.field('UNKNOWN_DEADLINE', 'deadlineKey', `"${command.deadlineKey}" is not a deadline of case ${state.profile.caseId}`);
  }
  if (deadlineStatus(state, ref) !== 'open') return [];
  if (ref.kind === 'payment-instalment' && command.type === 'RecordDeadlineMissed') return decideInstalmentDue(state, ref.instalmentId ?? '', command.dueOn, command.on);
  if (command.type === 'SendReminder') {
    if (state.remindersSent?.includes(`${command.deadlineKey}|${command.dueOn}|${command.daysBefore}`)) return [];
    const { deadlineKey, dueOn, daysBefore, recipient } = command;
    return [{ type: 'ReminderSent', data: { deadlineKey, kind: ref.kind, dueOn, daysBefore, recipient, on: command.on } }];
  }
  if (command.on <= command.dueOn) {
    throw new DomainError('NOT_YET_DUE', `${command.deadlineKey} is due on ${command.dueOn}; it cannot be missed on ${command.on}`);
  }
  if (state.deadlinesMissed?.includes(`${command.deadlineKey}|${command.dueOn}`)) return [];
  return [
    {
      type: 'DeadlineMissed',
      data: { deadlineKey: command.deadlineKey, kind: ref.kind, dueOn: command.dueOn, on: command.on, escalatedTo: 'opcc-lead' },
    },
  ];
}

type Rest = Exclude<CaseCommand, CaseOpeningCommand | DeadlineCommand | StepCommand | RecordsCommand | PaymentCommand | ChangeLocality>;

function eventsFor(command: Rest, state: OpenCase, workflow: WorkflowDefinition): CaseEvent[] {
  const on = command.on;
  switch (command.type) {
    case 'IssueTender':
      return [{ type: 'TenderIssued', data: { reference: command.reference, on, closesOn: command.closesOn } }];
    case 'SelectProvider':
      return [{ type: 'ProviderSelected', data: { provider: command.provider, bidsReceived: command.bidsReceived, on } }];
    case 'GrantSingleProviderDispensation':
      return [{ type: 'SingleProviderDispensationGranted', data: { provider: command.provider, reason: command.reason, on } }];
    case 'AssignBoard':
      return [{ type: 'BoardAssigned', data: { board: command.board, on } }];
    case 'RecordBoardDecision':
      return [{ type: 'BoardDecisionRecorded', data: { board: state.board ?? '', decision: command.decision, notes: command.notes ?? '', on } }];
    case 'SubmitCspPlan': {
      const totalPence = command.budgetLines.reduce((sum, line) => sum + line.pence, 0);
      return [
        {
          type: 'CspPlanSubmitted',
          data: { on, budgetLines: [...command.budgetLines], totalPence, performanceFramework: [...command.performanceFramework] },
        },
      ];
    }
    case 'ScheduleCspMeeting':
      return [{ type: 'CspMeetingScheduled', data: { meetingOn: command.meetingOn, on } }];
    case 'ExtendMeetingDeadline':
      return [
        {
          type: 'MeetingDeadlineExtended',
          data: { previousDeadline: state.meetingDeadline ?? on, newDeadline: command.newDeadline, reason: command.reason, on },
        },
      ];
    case 'HoldCspMeeting':
      return [{ type: 'CspMeetingHeld', data: { on, notes: command.notes ?? '' } }];
    case 'ExcludeDuplicatePlanLines': {
      const excludedPence = (state.plan?.lines ?? []).filter((l) => command.lineIds.includes(l.id)).reduce((s, l) => s + l.pence, 0);
      return [{ type: 'PlanLinesExcludedAsDuplicate', data: { lineIds: [...command.lineIds], excludedPence, reason: command.reason, on } }];
    }
    case 'AssessGrantApplication':
      return [{ type: 'GrantApplicationAssessed', data: { score: command.score, recommendation: command.recommendation, notes: command.notes ?? '', on } }];
    case 'DeclineGrant':
      return [{ type: 'GrantDeclined', data: { reason: command.reason, on } }];
    case 'RejectProposal':
      return [{ type: 'ProposalRejected', data: { reason: command.reason, on } }];
    case 'WithdrawProposal':
      return [{ type: 'ProposalWithdrawn', data: { reason: command.reason, on } }];
    case 'AwardContract':
      return [{ type: 'ContractAwarded', data: { contract: command.contract, on } }];
    case 'ReportPerformance':
      return reportPerformance(command, state, workflow);
    case 'AgreePerformanceMeasures':
      return [{ type: 'PerformanceMeasuresAgreed', data: { measures: [...command.measures], on } }];
    case 'AgreeRemedialAction':
      return [{ type: 'RemedialActionAgreed', data: { action: command.action, reviewBy: command.reviewBy, on } }];
    case 'VaryContract': {
      const contract = state.contract;
      if (!contract) throw new DomainError('NO_CONTRACT', 'There is no contract to vary');
      return [
        {
          type: 'ContractVaried',
          data: { previousValuePence: contract.valuePence, valuePence: command.valuePence, endDate: command.endDate ?? contract.endDate, reason: command.reason, on },
        },
      ];
    }
    case 'CloseContract':
      return [{ type: 'ContractClosed', data: { on, notes: command.notes ?? '' } }];
    case 'TerminateContract':
      return [{ type: 'ContractTerminated', data: { reason: command.reason, on } }];
    default:
      return assertNever(command);
  }
}

/** Rates the report; consecutive reds on one measure flag under-achievement (once per episode). */
function reportPerformance(
  command: Extract<CaseCommand, { type: 'ReportPerformance' }>,
  state: OpenCase,
  workflow: WorkflowDefinition,
): CaseEvent[] {
  const measure = state.contract?.measures.find((m) => m.id === command.measureId);
  if (!measure) throw DomainError.field('UNKNOWN_MEASURE', 'measureId', `no measure "${command.measureId}"`);
  const rag = ragFor(command.actual, measure.target, measure.direction, workflow.settings.amberTolerancePercent);
  const reported: CaseEvent = {
    type: 'PerformanceReported',
    data: { measureId: measure.id, period: command.period, actual: command.actual, target: measure.target, rag, on: command.on, commentary: command.commentary ?? '' },
  };
  let consecutiveReds = 0;
  if (rag === 'red') {
    consecutiveReds = 1;
    for (const report of state.reports.filter((r) => r.measureId === measure.id).reverse()) {
      if (report.rag !== 'red') break;
      consecutiveReds += 1;
    }
  }
  const flag = consecutiveReds >= workflow.settings.underAchievementAfterConsecutiveReds && state.stage !== 'under-achievement';
  return flag
    ? [reported, { type: 'UnderAchievementFlagged', data: { measureId: measure.id, consecutiveReds, on: command.on } }]
    : [reported];
}

/** Pence the case should hold of its year's budget after these events (for the budget rule). */
export function commitmentAfter(state: CaseState): number | undefined {
  if (state.status !== 'open') return undefined;
  // Money is committed from the award on: in the contract phase, and after it ends (the spend stands).
  if (state.contract && (phaseOf(state) === 'contract' || phaseOf(state) === 'ended')) {
    return state.contract.valuePence - carriedOutPence(state.payments);
  }
  return undefined;
}

export const describeAward = (state: OpenCase): string =>
  state.contract ? `${state.contract.provider}, ${formatPence(state.contract.valuePence)}` : `plan lines ${formatPence(includedPlanPence(state))}`;

export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  initialState: initialCaseState,
  evolve: evolveCase,
  decide: decideCase,
};
