import type { BusinessDate } from '../shared/business-date';
import { resolveWorkflow } from '../workflows/workflow.registry';
import type { CaseEvent } from './case.events';

/** Case events are written at schema version 2: every one carries its business date in `on`. */
export const CASE_EVENT_SCHEMA_VERSION = 2;

/** Where a version 1 event kept its business date. */
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

/** The business date of a case event of either version, in its one field. */
export function businessDateOfEvent(event: { type: string; data: unknown }): BusinessDate | undefined {
  const data = event.data as Record<string, unknown>;
  const value = data.on ?? data[V1_DATE_FIELD[event.type] ?? ''];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A stored case event as the current version reads it. Version 1 events gain `on`, and an
 * opening event's workflow reference becomes the shipped document it named; version 2
 * events are as written.
 */
export function upcastCase(stored: { readonly type: string; readonly schemaVersion?: number; readonly data: unknown }): CaseEvent {
  if ((stored.schemaVersion ?? 1) >= CASE_EVENT_SCHEMA_VERSION) return { type: stored.type, data: stored.data } as CaseEvent;
  const data = { ...(stored.data as Record<string, unknown>) };
  const on = businessDateOfEvent(stored);
  if (on !== undefined) data.on = on;
  if (data.workflow && typeof data.workflow === 'object') data.workflow = resolveWorkflow(data.workflow as { id: string; version: number });
  return { type: stored.type, data } as CaseEvent;
}

/** Stamps decided events with their business date: the command's. */
export const withBusinessDate = <E extends { type: string; data: unknown }>(events: readonly E[], on: BusinessDate): E[] =>
  events.map((event) => ({ ...event, data: { ...(event.data as object), on } }));
