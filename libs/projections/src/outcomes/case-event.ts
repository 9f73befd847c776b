import { type BusinessDate, businessDateOf, type CaseEvent, isBusinessDate, type WorkflowDefinition, workflowFor, type WorkflowRef } from '@app/domain';
import type { StoredEvent } from '@app/event-store';

const CASE_STREAM = /^case-(.+)$/;

/** The case id of a case stream's event; null for other streams. */
export const caseIdOf = (event: StoredEvent): string | null => CASE_STREAM.exec(event.streamId)?.[1] ?? null;

export const asCaseEvent = (event: StoredEvent): CaseEvent => ({ type: event.type, data: event.data }) as CaseEvent;

/** The workflow version a case opened under; null if this build does not know it (never throws inside a projection). */
export function workflowOf(ref: WorkflowRef): WorkflowDefinition | null {
  try {
    return workflowFor(ref.id, ref.version);
  } catch {
    return null;
  }
}

/** Where the case's workflow moves it on this event: the same rule the case decider's evolve applies. */
export function stageAfter(ref: WorkflowRef, current: string | null, event: StoredEvent): string {
  const rule = workflowOf(ref)?.events.find(
    (r) => r.event === event.type && (current === null ? r.from.length === 0 : r.from.includes(current)),
  );
  if (!rule || rule.to === 'same') return current ?? 'unknown';
  if (typeof rule.to === 'string') return rule.to;
  const value = String((event.data as Record<string, unknown>)[rule.to.byField]);
  return rule.to.values[value] ?? current ?? 'unknown';
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
