import { assertNever } from '../shared/decider';
import { resolveWorkflow } from '../workflows/workflow.registry';
import type { WorkflowDefinition } from '../workflows/workflow.types';
import type { CaseState, OpenCase } from './case.model';
import type { CaseEvent } from './case.events';
import type { WorkflowRef } from './case.types';
import { defaultSchedule } from '../payments/payment-schedule';
import { evolvePayments, scheduleOf } from '../payments/payment.state';
import { isPaymentEvent } from '../payments/payment.events';
import { evolveRecords } from '../records/records.decider';
import { profileAfterLocalityChange } from './case-locality';

export * from './case.model';

/** Moves the stage as the case's workflow version says, then folds the event's facts in. */
export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  const open = state.status === 'open' ? opened(state, event) : openedBy(event);
  const stage = nextStage(open.workflow, state.status === 'open' ? state.stage : null, event);
  const ends = stage !== open.stage && open.workflow.stages.find((s) => s.id === stage)?.phase === 'ended';
  return ends ? { ...open, stage, endedBy: event.type } : { ...open, stage };
}

/** Where the workflow's data moves a case on an event: the one copy of the stage-transition rule. */
export function nextStage(workflow: WorkflowDefinition, current: string | null, event: CaseEvent): string {
  const step = (event.data as { step?: unknown }).step;
  const rule = workflow.events.find(
    (r) =>
      r.event === event.type &&
      (current === null ? r.from.length === 0 : r.from.includes(current)) &&
      (r.step === undefined || r.step === step),
  );
  // decide() only emits what the workflow allows, so a missing rule means a history older than its rules.
  if (!rule || rule.to === 'same') return current ?? 'unknown';
  if (typeof rule.to === 'string') return rule.to;
  const value = String((event.data as Record<string, unknown>)[rule.to.byField]);
  return rule.to.values[value] ?? current ?? 'unknown';
}

function openedBy(event: CaseEvent): OpenCase {
  const recorded = (event.data as { workflow?: WorkflowRef | WorkflowDefinition }).workflow;
  if (!recorded) throw new Error(`A case cannot start with ${event.type}`);
  const base = { status: 'open' as const, stage: '', reports: [], workflow: resolveWorkflow(recorded) };
  switch (event.type) {
    case 'ExistingCommitmentImported':
      return {
        ...base,
        profile: event.data.profile,
        openedOn: event.data.on,
        contract: event.data.contract,
        payments: scheduleOf(defaultSchedule(event.data.contract), 'default'),
      };
    case 'AdditionalAllocationImported':
      return { ...base, profile: event.data.profile, openedOn: event.data.on, allocationPence: event.data.allocationPence };
    case 'ProposalRaised':
      return { ...base, profile: event.data.profile, openedOn: event.data.on, estimatedValuePence: event.data.estimatedValuePence };
    case 'CspPlanRequested':
      return {
        ...base,
        profile: event.data.profile,
        openedOn: event.data.on,
        allocationPence: event.data.allocationPence,
        meetingDeadline: event.data.meetingDeadline,
      };
    case 'GrantApplicationReceived':
      return {
        ...base,
        profile: event.data.profile,
        openedOn: event.data.on,
        grant: {
          roundId: event.data.roundId,
          applicant: event.data.applicant,
          requestedPence: event.data.requestedPence,
          ...(event.data.contact ? { contact: event.data.contact } : {}),
        },
      };
    default:
      throw new Error(`A case cannot start with ${event.type}`);
  }
}

function opened(state: OpenCase, event: CaseEvent): OpenCase {
  if (isPaymentEvent(event)) return { ...state, payments: evolvePayments(state.payments, event) };
  switch (event.type) {
    case 'ExistingCommitmentImported':
    case 'AdditionalAllocationImported':
    case 'ProposalRaised':
    case 'CspPlanRequested':
    case 'GrantApplicationReceived':
      return state;
    case 'TenderIssued':
      return { ...state, tender: { issuedOn: event.data.on, closesOn: event.data.closesOn } };
    case 'ProviderSelected':
      return { ...state, chosenProvider: event.data.provider };
    case 'SingleProviderDispensationGranted':
      return { ...state, chosenProvider: event.data.provider };
    case 'BoardAssigned':
      return { ...state, board: event.data.board };
    case 'BoardDecisionRecorded':
      return state;
    case 'CspPlanSubmitted':
      return {
        ...state,
        planSubmittedOn: event.data.on,
        plan: { lines: event.data.budgetLines, measures: event.data.performanceFramework, excluded: [] },
      };
    case 'CspMeetingScheduled':
      return { ...state, meetingOn: event.data.meetingOn };
    case 'MeetingDeadlineExtended':
      return { ...state, meetingDeadline: event.data.newDeadline };
    case 'CspMeetingHeld':
      return { ...state, meetingOn: event.data.on, meetingHeldOn: event.data.on };
    case 'CheckpointCompleted': {
      const { step, outcome, completedBy } = event.data;
      return { ...state, steps: { ...state.steps, [step]: { ...state.steps?.[step], outcome, completedBy } } };
    }
    case 'ApprovalRecorded': {
      const { step, decision, decidedBy } = event.data;
      return { ...state, steps: { ...state.steps, [step]: { ...state.steps?.[step], decision, decidedBy } } };
    }
    case 'ReminderSent':
      return { ...state, remindersSent: [...(state.remindersSent ?? []), `${event.data.deadlineKey}|${event.data.dueOn}|${event.data.daysBefore}`] };
    case 'DeadlineMissed':
      return { ...state, deadlinesMissed: [...(state.deadlinesMissed ?? []), `${event.data.deadlineKey}|${event.data.dueOn}`] };
    case 'PlanLinesExcludedAsDuplicate':
      return state.plan ? { ...state, plan: { ...state.plan, excluded: [...state.plan.excluded, ...event.data.lineIds] } } : state;
    case 'GrantApplicationAssessed':
      return state.grant ? { ...state, grant: { ...state.grant, recommendation: event.data.recommendation } } : state;
    case 'GrantDeclined':
    case 'ProposalRejected':
    case 'ProposalWithdrawn':
    case 'UnderAchievementFlagged':
    case 'RemedialActionAgreed':
    case 'ContractClosed':
    case 'ContractTerminated':
      return state;
    case 'ContractAwarded':
      return { ...state, contract: event.data.contract };
    case 'PerformanceReported': {
      const { measureId, period, rag, actual, on } = event.data;
      return { ...state, reports: [...state.reports, { measureId, period, rag, actual, reportedOn: on }] };
    }
    case 'PerformanceMeasuresAgreed':
      return state.contract ? { ...state, contract: { ...state.contract, measures: event.data.measures } } : state;
    case 'ContractVaried':
      return state.contract
        ? { ...state, contract: { ...state.contract, valuePence: event.data.valuePence, endDate: event.data.endDate } }
        : state;
    case 'LocalityChanged':
      return { ...state, profile: profileAfterLocalityChange(state.profile, event) };
    case 'DocumentAttached':
    case 'DocumentSuperseded':
    case 'DocumentWithdrawn':
    case 'LegalHoldPlaced':
    case 'LegalHoldLifted':
      return evolveRecords(state, event);
    default:
      return assertNever(event);
  }
}

