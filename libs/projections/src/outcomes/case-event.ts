import { type BusinessDate, businessDateOf, type CaseEvent, isBusinessDate, nextStage, resolveWorkflow, upcastCase, type WorkflowDefinition, type WorkflowRef } from '@app/domain';
import type { StoredEvent } from '@app/event-store';

const CASE_STREAM = /^case-(.+)$/;

/** The case id of a case stream's event; null for other streams. */
export const caseIdOf = (event: StoredEvent): string | null => CASE_STREAM.exec(event.streamId)?.[1] ?? null;

/** A case stream's event as the current version reads it: through the domain's upcaster. */
export const asCaseEvent = (event: StoredEvent): CaseEvent => upcastCase(event);

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
export function stageAfter(ref: WorkflowRef | WorkflowDefinition, current: string | null, event: StoredEvent, e: CaseEvent = asCaseEvent(event)): string {
  const workflow = workflowOf(ref);
  return workflow ? nextStage(workflow, current, e) : (current ?? 'unknown');
}

/** The event's business date (`on`, once upcast); an event without one, such as a payment event of version 1, is dated by when it occurred. */
export function eventDate(event: StoredEvent, e: CaseEvent = asCaseEvent(event)): BusinessDate {
  const value = (e.data as { on?: unknown }).on;
  return isBusinessDate(value) ? value : businessDateOf(new Date(event.metadata.occurredAt));
}
