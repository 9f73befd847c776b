import type { BusinessDate } from '../shared/business-date';
import { isWhole, resolveWorkflow } from '../workflows/workflow.registry';
import type { WorkflowRef } from './case.types';
import type { CaseEvent } from './case.events';

/** Case events are written at schema version 2: every one carries its business date in `on`, and its workflow whole. */
export const CASE_EVENT_SCHEMA_VERSION = 2;

/** Where a version 1 event kept its business date; the upcaster moves it to `on`. */
export const V1_DATE_FIELD: Readonly<Record<string, string>> = {
  ExistingCommitmentImported: 'importedOn',
  AdditionalAllocationImported: 'importedOn',
  ProposalRaised: 'raisedOn',
  CspPlanRequested: 'requestedOn',
  GrantApplicationReceived: 'receivedOn',
  TenderIssued: 'issuedOn',
  ProviderSelected: 'selectedOn',
  SingleProviderDispensationGranted: 'grantedOn',
  BoardAssigned: 'assignedOn',
  BoardDecisionRecorded: 'decidedOn',
  CspPlanSubmitted: 'submittedOn',
  CspMeetingScheduled: 'scheduledOn',
  MeetingDeadlineExtended: 'extendedOn',
  CspMeetingHeld: 'heldOn',
  PlanLinesExcludedAsDuplicate: 'excludedOn',
  GrantApplicationAssessed: 'assessedOn',
  GrantDeclined: 'declinedOn',
  ProposalRejected: 'rejectedOn',
  ProposalWithdrawn: 'withdrawnOn',
  ContractAwarded: 'awardedOn',
  PerformanceReported: 'reportedOn',
  UnderAchievementFlagged: 'flaggedOn',
  PerformanceMeasuresAgreed: 'agreedOn',
  RemedialActionAgreed: 'agreedOn',
  ContractVaried: 'variedOn',
  ContractClosed: 'closedOn',
  ContractTerminated: 'terminatedOn',
  CheckpointCompleted: 'completedOn',
  ApprovalRecorded: 'decidedOn',
  ReminderSent: 'sentOn',
  DeadlineMissed: 'missedOn',
  DocumentAttached: 'attachedOn',
  DocumentSuperseded: 'supersededOn',
  DocumentWithdrawn: 'withdrawnOn',
  LegalHoldPlaced: 'placedOn',
  LegalHoldLifted: 'liftedOn',
};

/**
 * Where a payment event kept its business date beside `on` before `on` became the one field.
 * Payment events came after version 1: every one stored holds `on` as well, and is read with it.
 */
export const PAYMENT_DATE_FIELD: Readonly<Record<string, string>> = {
  PaymentScheduleSet: 'setOn',
  PaymentScheduleReprofiled: 'reprofiledOn',
  ClaimReceived: 'receivedOn',
  ClaimApproved: 'approvedOn',
  ClaimRejected: 'rejectedOn',
  ClaimPaid: 'paidOn',
  InstalmentFellDue: 'fellDueOn',
  InstalmentWithheld: 'withheldOn',
  InstalmentReleased: 'releasedOn',
  PaymentRecovered: 'decidedOn',
  PaymentCheckpointMet: 'metOn',
  InstalmentsCarriedForward: 'decidedOn',
};

/** Every field an event type once kept its business date in. */
const FORMER_DATE_FIELD: Readonly<Record<string, string>> = { ...V1_DATE_FIELD, ...PAYMENT_DATE_FIELD };

/** The shipped document a version 1 reference names; a reference this build does not know stays as it is, for the reader to refuse. */
function shippedWorkflow(ref: WorkflowRef): unknown {
  try {
    return resolveWorkflow(ref);
  } catch {
    return ref;
  }
}

/**
 * A stored case event as the current version reads it: its business date in `on` alone.
 * A version 1 event kept it in a field of its own (V1_DATE_FIELD) and named its workflow by
 * reference only; a version 2 event written before `on` became the one field, a payment event
 * among them (PAYMENT_DATE_FIELD), holds both, and is read with `on` alone too. An event already in the current shape is returned as stored.
 */
export function upcastCase(stored: { readonly type: string; readonly schemaVersion?: number; readonly data: unknown }): CaseEvent {
  const data = stored.data as Record<string, unknown>;
  const field = FORMER_DATE_FIELD[stored.type];
  const dated = field !== undefined && data !== null && typeof data === 'object' && field in data;
  const workflow = (stored.schemaVersion ?? 1) < CASE_EVENT_SCHEMA_VERSION ? (data?.workflow as WorkflowRef | undefined) : undefined;
  const byReference = workflow !== null && typeof workflow === 'object' && !isWhole(workflow);
  if (!dated && !byReference) return { type: stored.type, data: stored.data } as CaseEvent;
  const upcast: Record<string, unknown> = { ...data };
  if (dated) {
    upcast.on = data.on ?? data[field];
    delete upcast[field];
  }
  if (byReference) upcast.workflow = shippedWorkflow(workflow);
  return { type: stored.type, data: upcast } as CaseEvent;
}

/**
 * Stamps decided events with their business date, the command's: the one rule for the date an
 * event carries, whichever decider decided it.
 */
export const withBusinessDate = <E extends { type: string; data: unknown }>(events: readonly E[], on: BusinessDate): E[] =>
  events.map((event) => ({ ...event, data: { ...(event.data as object), on } }));
