import type { CaseCommand, CaseCommandType } from '../cases/case.commands';
import { planAgainstAllocation } from '../cases/plan-allocation';
import { includedPlanPence, type OpenCase } from '../cases/case.model';
import { daysBetween, formatUkDate } from '../shared/business-date';
import { DomainError } from '../shared/domain-error';
import { formatPence } from '../shared/money';
import { caseValuePence, stepRecord } from './steps';

type Params = Readonly<Record<string, unknown>>;
type Check = (command: CaseCommand, state: OpenCase, params: Params) => void;
export type GuardParamType = 'string' | 'pence';

/** A named condition a workflow can require of a command: the commands it applies to and its parameters. */
export interface GuardSpec {
  readonly commands: readonly CaseCommandType[];
  readonly params: Readonly<Record<string, GuardParamType>>;
  readonly check: Check;
}

const refuse = (code: string, field: string, reason: string, details: Record<string, unknown> = {}): never => {
  throw DomainError.field(code, field, reason, details);
};

const REASONED: readonly CaseCommandType[] = [
  'GrantSingleProviderDispensation', 'ExtendMeetingDeadline', 'ExcludeDuplicatePlanLines', 'DeclineGrant', 'RejectProposal',
  'WithdrawProposal', 'AgreeRemedialAction', 'VaryContract', 'TerminateContract',
];

const CHECKS = {
  reasonGiven: (command) => {
    const text = 'reason' in command ? command.reason : 'action' in command ? command.action : undefined;
    if (typeof text === 'string' && text.trim() === '') refuse('REASON_REQUIRED', 'action' in command ? 'action' : 'reason', 'must say why');
  },
  tenderClosesAfterIssue: (command) => {
    if (command.type === 'IssueTender' && command.closesOn <= command.on) {
      refuse('INVALID_DATES', 'closesOn', `must be after the issue date ${formatUkDate(command.on)}`);
    }
  },
  tenderHadBids: (command) => {
    if (command.type === 'SelectProvider' && command.bidsReceived < 1) refuse('NO_BIDS', 'bidsReceived', 'a provider can only be selected from at least one bid');
  },
  awardToChosenProvider: (command, state) => {
    if (command.type === 'AwardContract' && state.chosenProvider && command.contract.provider !== state.chosenProvider) {
      refuse('WRONG_PROVIDER', 'contract.provider', `must be the provider selected or dispensed for: ${state.chosenProvider}`);
    }
  },
  contractTermsValid: (command) => {
    if (command.type !== 'AwardContract') return;
    const { contract } = command;
    if (contract.valuePence <= 0) refuse('INVALID_AMOUNT', 'contract.valuePence', 'must be more than zero');
    if (contract.endDate < contract.startDate) refuse('INVALID_DATES', 'contract.endDate', 'must not be before contract.startDate');
    const ids = contract.measures.map((m) => m.id);
    const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
    if (repeated) refuse('DUPLICATE_MEASURE', 'contract.measures', `measure id "${repeated}" appears twice`);
  },
  measuresValid: (command) => {
    if (command.type !== 'AgreePerformanceMeasures') return;
    if (command.measures.length === 0) refuse('VALIDATION_FAILED', 'measures', 'agree at least one measure');
    const ids = command.measures.map((m) => m.id);
    const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
    if (repeated) refuse('DUPLICATE_MEASURE', 'measures', `measure id "${repeated}" appears twice`);
  },
  boardOfFramework: (command) => {
    if (command.type === 'AssignBoard' && !command.frameworkBoards.includes(command.board)) {
      refuse('UNKNOWN_BOARD', 'board', `must be one of the framework's boards: ${command.frameworkBoards.join(', ')}`);
    }
  },
  planWithinAllocation: (command, state) => {
    if (command.type !== 'SubmitCspPlan') return;
    const { totalPence: total, allocationPence: allocation, over } = planAgainstAllocation(command.budgetLines.map((line) => line.pence), state.allocationPence ?? 0);
    if (over) {
      refuse('PLAN_EXCEEDS_ALLOCATION', 'budgetLines', `total ${formatPence(total)} exceeds the locality's allocation of ${formatPence(allocation)}`, {
        totalPence: total,
        allocationPence: allocation,
      });
    }
  },
  planHasMeasures: (command) => {
    if (command.type !== 'SubmitCspPlan') return;
    if (command.budgetLines.length === 0) refuse('PLAN_INCOMPLETE', 'budgetLines', 'a plan needs a budget breakdown of at least one line');
    if (command.performanceFramework.length === 0) refuse('PLAN_INCOMPLETE', 'performanceFramework', 'a plan needs at least one performance measure');
    const lineIds = command.budgetLines.map((l) => l.id);
    const line = lineIds.find((id, i) => lineIds.indexOf(id) !== i);
    if (line) refuse('DUPLICATE_ID', 'budgetLines', `line id "${line}" appears twice`);
    const measureIds = command.performanceFramework.map((m) => m.id);
    const measure = measureIds.find((id, i) => measureIds.indexOf(id) !== i);
    if (measure) refuse('DUPLICATE_ID', 'performanceFramework', `measure id "${measure}" appears twice`);
  },
  meetingNotBeforeToday: (command) => {
    if (command.type === 'ScheduleCspMeeting' && command.meetingOn < command.on) {
      refuse('INVALID_DATES', 'meetingOn', `must not be before today (${formatUkDate(command.on)})`);
    }
  },
  extensionLaterThanDeadline: (command, state) => {
    if (command.type === 'ExtendMeetingDeadline' && state.meetingDeadline && command.newDeadline <= state.meetingDeadline) {
      refuse('INVALID_DATES', 'newDeadline', `must be after the current deadline ${formatUkDate(state.meetingDeadline)}`);
    }
  },
  meetingByDeadline: (command, state) => {
    if (command.type === 'HoldCspMeeting' && state.meetingDeadline && command.on > state.meetingDeadline) {
      throw new DomainError(
        'DEADLINE_PASSED',
        `The PLF meeting had to be held by ${formatUkDate(state.meetingDeadline)}; ${formatUkDate(command.on)} is ` +
          `${daysBetween(state.meetingDeadline, command.on)} day(s) late. Record an extension first.`,
        { deadline: state.meetingDeadline, heldOn: command.on },
      );
    }
  },
  linesIncludedInPlan: (command, state) => {
    if (command.type !== 'ExcludeDuplicatePlanLines') return;
    if (command.lineIds.length === 0) refuse('VALIDATION_FAILED', 'lineIds', 'name at least one plan line');
    const repeated = command.lineIds.find((id, i) => command.lineIds.indexOf(id) !== i);
    if (repeated) refuse('DUPLICATE_ID', 'lineIds', `line "${repeated}" is named twice`);
    for (const id of command.lineIds) {
      if (!state.plan?.lines.some((line) => line.id === id)) refuse('UNKNOWN_PLAN_LINE', 'lineIds', `no plan line "${id}"`);
      if (state.plan?.excluded.includes(id)) refuse('ALREADY_EXCLUDED', 'lineIds', `plan line "${id}" is already excluded`);
    }
  },
  awardWithinAllocation: (command, state) => {
    if (command.type !== 'AwardContract') return;
    const allocation = state.allocationPence ?? 0;
    const included = includedPlanPence(state);
    const limit = Math.min(allocation, included);
    if (command.contract.valuePence > limit) {
      refuse(
        'AWARD_EXCEEDS_ALLOCATION',
        'contract.valuePence',
        `${formatPence(command.contract.valuePence)} exceeds what may be funded: allocation ${formatPence(allocation)}, ` +
          `plan lines not excluded ${formatPence(included)}`,
        { allocationPence: allocation, includedPlanPence: included },
      );
    }
  },
  scoreInRange: (command) => {
    if (command.type === 'AssessGrantApplication' && (command.score < 0 || command.score > 100)) {
      refuse('VALIDATION_FAILED', 'score', 'must be between 0 and 100');
    }
  },
  assessmentRecommendsAward: (_command, state) => {
    if (state.grant?.recommendation !== 'award') {
      throw new DomainError('ASSESSMENT_RECOMMENDS_DECLINE', 'The assessment recommended declining this application: decline it or reassess');
    }
  },
  grantWithinRequest: (command, state) => {
    if (command.type === 'AwardContract' && state.grant && command.contract.valuePence > state.grant.requestedPence) {
      refuse('GRANT_EXCEEDS_REQUEST', 'contract.valuePence', `must not exceed the ${formatPence(state.grant.requestedPence)} applied for`);
    }
  },
  measureExists: (command, state) => {
    if (command.type === 'ReportPerformance' && !state.contract?.measures.some((m) => m.id === command.measureId)) {
      const known = state.contract?.measures.map((m) => m.id).join(', ') || 'none';
      refuse('UNKNOWN_MEASURE', 'measureId', `no measure "${command.measureId}" in this contract (measures: ${known})`);
    }
  },
  periodNotYetReported: (command, state) => {
    if (command.type === 'ReportPerformance' && state.reports.some((r) => r.measureId === command.measureId && r.period === command.period)) {
      refuse('PERIOD_ALREADY_REPORTED', 'period', `${command.period} is already reported for ${command.measureId}; a correction is a variation of the report, not a second one`);
    }
  },
  reviewDateAhead: (command) => {
    if (command.type === 'AgreeRemedialAction' && command.reviewBy <= command.on) refuse('INVALID_DATES', 'reviewBy', 'must be after today');
  },
  variedValuePositive: (command) => {
    if (command.type === 'VaryContract' && command.valuePence <= 0) refuse('INVALID_AMOUNT', 'valuePence', 'must be more than zero');
  },
  variedEndAfterStart: (command, state) => {
    if (command.type === 'VaryContract' && command.endDate && state.contract && command.endDate < state.contract.startDate) {
      refuse('INVALID_DATES', 'endDate', 'must not be before the contract start');
    }
  },
  approvalGiven: (command, state, params) => {
    const step = String(params.step);
    const approval = state.workflow.steps.find((s) => s.id === step);
    if (approval?.kind !== 'approval') throw new DomainError('UNKNOWN_STEP', `The case's workflow has no approval step "${step}"`);
    const value = command.type === 'AwardContract' ? command.contract.valuePence : caseValuePence(state);
    const threshold = approval.thresholdPence;
    if (value <= threshold) return;
    if (stepRecord(state, step)?.decision !== 'approved') {
      throw new DomainError(
        'APPROVAL_REQUIRED',
        `${formatPence(value)} is above ${formatPence(threshold)}: the "${step}" approval must be given first`,
        { step, valuePence: value, thresholdPence: threshold },
      );
    }
  },
  checkpointPassed: (_command, state, params) => {
    const step = String(params.step);
    const outcome = stepRecord(state, step)?.outcome;
    if (outcome !== params.outcome) {
      throw new DomainError('CHECKPOINT_NOT_PASSED', `The "${step}" step must have the outcome "${String(params.outcome)}" first (it has ${outcome ? `"${outcome}"` : 'none'})`, {
        step,
        outcome: outcome ?? null,
      });
    }
  },
  awardAtMost: (command, _state, params) => {
    const limit = Number(params.pence);
    if (command.type === 'AwardContract' && command.contract.valuePence > limit) {
      refuse('AWARD_EXCEEDS_LIMIT', 'contract.valuePence', `must not exceed ${formatPence(limit)} under this workflow`, { limitPence: limit });
    }
  },
} satisfies Record<string, Check>;

const on = (commands: readonly CaseCommandType[], params: GuardSpec['params'] = {}) => ({ commands, params });

const SPECS: Record<keyof typeof CHECKS, Omit<GuardSpec, 'check'>> = {
  reasonGiven: on(REASONED),
  tenderClosesAfterIssue: on(['IssueTender']),
  tenderHadBids: on(['SelectProvider']),
  awardToChosenProvider: on(['AwardContract']),
  contractTermsValid: on(['AwardContract']),
  measuresValid: on(['AgreePerformanceMeasures']),
  boardOfFramework: on(['AssignBoard']),
  planWithinAllocation: on(['SubmitCspPlan']),
  planHasMeasures: on(['SubmitCspPlan']),
  meetingNotBeforeToday: on(['ScheduleCspMeeting']),
  extensionLaterThanDeadline: on(['ExtendMeetingDeadline']),
  meetingByDeadline: on(['HoldCspMeeting']),
  linesIncludedInPlan: on(['ExcludeDuplicatePlanLines']),
  awardWithinAllocation: on(['AwardContract']),
  scoreInRange: on(['AssessGrantApplication']),
  assessmentRecommendsAward: on(['AwardContract']),
  grantWithinRequest: on(['AwardContract']),
  measureExists: on(['ReportPerformance']),
  periodNotYetReported: on(['ReportPerformance']),
  reviewDateAhead: on(['AgreeRemedialAction']),
  variedValuePositive: on(['VaryContract']),
  variedEndAfterStart: on(['VaryContract']),
  approvalGiven: on(['AwardContract', 'CompleteCheckpoint', 'VaryContract'], { step: 'string' }),
  checkpointPassed: on(['AwardContract', 'CompleteCheckpoint', 'RecordApproval', 'DeclineGrant'], { step: 'string', outcome: 'string' }),
  awardAtMost: on(['AwardContract'], { pence: 'pence' }),
};

export type GuardName = keyof typeof CHECKS;

/** The guard catalogue a workflow document may draw on. */
export const GUARDS: Readonly<Record<GuardName, GuardSpec>> = Object.fromEntries(
  Object.entries(SPECS).map(([name, spec]) => [name, { ...spec, check: CHECKS[name as GuardName] }]),
) as Record<GuardName, GuardSpec>;

export const isGuardName = (name: unknown): name is GuardName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(GUARDS, name);
