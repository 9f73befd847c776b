import { type BusinessDate, businessDateOf, businessDateOfEvent, type CaseEvent, isBusinessDate, nextStage, resolveWorkflow, type WorkflowDefinition, type WorkflowRef } from '@app/domain';
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

export function eventDate(event: StoredEvent): BusinessDate {
  const value = businessDateOfEvent(event);
  return isBusinessDate(value) ? value : businessDateOf(new Date(event.metadata.occurredAt));
}
