import { type BusinessDate, businessDateOf, type CaseEvent, isBusinessDate, nextStage, resolveWorkflow, type WorkflowDefinition, type WorkflowRef } from '@app/domain';
import type { StoredEvent } from '@app/event-store';

const CASE_STREAM = /^case-(.+)$/;

/** The case id of a case stream's event; null for other streams. */
export const caseIdOf = (event: StoredEvent): string | null => CASE_STREAM.exec(event.streamId)?.[1] ?? null;

export const asCaseEvent = (event: StoredEvent): CaseEvent => ({ type: event.type, data: event.data }) as CaseEvent;

/**
 * The workflow a case opened under: the whole document its opening event recorded, or for
 * older events the shipped version it names; null if this build does not know it (never
 * throws inside a projection).
 */
export function workflowOf(ref: WorkflowRef | WorkflowDefinition): WorkflowDefinition | null {
  try {
    return resolveWorkflow(ref);
  } catch {
    return null;
  }
}

/** Where the case's workflow moves it on this event: the domain's own rule, as the case decider's evolve applies it. */
export function stageAfter(ref: WorkflowRef | WorkflowDefinition, current: string | null, event: StoredEvent): string {
  const workflow = workflowOf(ref);
  return workflow ? nextStage(workflow, current, asCaseEvent(event)) : (current ?? 'unknown');
}

/** The field of each event's data that holds its business date. */
const DATE_FIELD: Readonly<Record<string, string>> = {
  ExistingCommitmentImported: 'importedOn',
  AdditionalAllocationImported: 'importedOn',
  ProposalRaised: 'raisedOn',
  CspPlanRequested: 'requestedOn',
  GrantApplicationReceived: 'receivedOn',
  CspMeetingHeld: 'heldOn',
  MeetingDeadlineExtended: 'extendedOn',
  ProposalRejected: 'rejectedOn',
  ProposalWithdrawn: 'withdrawnOn',
  ContractAwarded: 'awardedOn',
  PerformanceReported: 'reportedOn',
  PerformanceMeasuresAgreed: 'agreedOn',
  ContractVaried: 'variedOn',
  ContractClosed: 'closedOn',
  ContractTerminated: 'terminatedOn',
  DeadlineMissed: 'missedOn',
};

/** The business date the event says it happened on; else the London date of when it occurred. */
export function eventDate(event: StoredEvent): BusinessDate {
  const field = DATE_FIELD[event.type];
  const value = field ? (event.data as Record<string, unknown>)[field] : undefined;
  return isBusinessDate(value) ? value : businessDateOf(new Date(event.metadata.occurredAt));
}
