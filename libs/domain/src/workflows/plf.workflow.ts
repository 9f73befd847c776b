import {
  CLOSING_STAGES, closingRules, CONTRACT_COMMANDS, CONTRACT_DEADLINES, CONTRACT_EVENTS, CONTRACT_STAGES, DEFAULT_SETTINGS,
} from './contract-lifecycle.workflow';
import type { WorkflowDefinition } from './workflow.types';

const BEFORE_MEETING = ['plan-requested', 'plan-submitted', 'meeting-scheduled'];
const PRE_AWARD = [...BEFORE_MEETING, 'meeting-held'];
const closing = closingRules(PRE_AWARD);

/**
 * Partnership Locality Fund (6.2c): the CSP submits its plan with a budget breakdown and a
 * performance framework, a meeting is held by the framework's deadline (later only with a
 * recorded extension), lines duplicating existing provision are excluded, and the agreement
 * is awarded within the locality's allocation.
 */
export const plfWorkflowV1: WorkflowDefinition = {
  id: 'plf',
  version: 1,
  title: 'Partnership Locality Fund',
  mechanism: 'plf',
  opensWith: ['RequestCspPlan'],
  stages: [
    { id: 'plan-requested', label: 'Plan requested from the CSP', phase: 'pre-award' },
    { id: 'plan-submitted', label: 'Plan submitted', phase: 'pre-award' },
    { id: 'meeting-scheduled', label: 'Meeting scheduled', phase: 'pre-award' },
    { id: 'meeting-held', label: 'Meeting held', phase: 'pre-award' },
    ...CONTRACT_STAGES,
    ...CLOSING_STAGES,
  ],
  commands: [
    { command: 'SubmitCspPlan', from: ['plan-requested', 'plan-submitted'], guards: ['planWithinAllocation', 'planHasMeasures'] },
    { command: 'ScheduleCspMeeting', from: ['plan-submitted', 'meeting-scheduled'], guards: ['meetingNotBeforeToday'] },
    { command: 'ExtendMeetingDeadline', from: BEFORE_MEETING, guards: ['reasonGiven', 'extensionLaterThanDeadline'] },
    { command: 'HoldCspMeeting', from: ['meeting-scheduled'], guards: ['meetingByDeadline'] },
    { command: 'ExcludeDuplicatePlanLines', from: ['meeting-held'], guards: ['reasonGiven', 'linesIncludedInPlan'] },
    { command: 'AwardContract', from: ['meeting-held'], guards: ['contractTermsValid', 'awardWithinAllocation'] },
    ...closing.commands,
    ...CONTRACT_COMMANDS,
  ],
  events: [
    { event: 'CspPlanRequested', from: [], to: 'plan-requested' },
    { event: 'CspPlanSubmitted', from: ['plan-requested', 'plan-submitted'], to: 'plan-submitted' },
    { event: 'CspMeetingScheduled', from: ['plan-submitted', 'meeting-scheduled'], to: 'meeting-scheduled' },
    { event: 'MeetingDeadlineExtended', from: BEFORE_MEETING, to: 'same' },
    { event: 'CspMeetingHeld', from: ['meeting-scheduled'], to: 'meeting-held' },
    { event: 'PlanLinesExcludedAsDuplicate', from: ['meeting-held'], to: 'same' },
    { event: 'ContractAwarded', from: ['meeting-held'], to: 'active' },
    ...closing.events,
    ...CONTRACT_EVENTS,
  ],
  deadlines: [
    {
      kind: 'plf-meeting',
      label: 'PLF meeting to be held',
      opensOn: ['CspPlanRequested'],
      due: { kind: 'meeting-deadline' },
      metBy: ['CspMeetingHeld'],
      cancelledBy: ['ProposalRejected', 'ProposalWithdrawn'],
      concerns: 'csp',
      remindDaysBefore: [28, 14, 7, 1, 0],
      escalateTo: 'opcc-lead',
    },
    ...CONTRACT_DEADLINES,
  ],
  settings: DEFAULT_SETTINGS,
};
