import type { WorkflowRef } from '../cases/case.types';
import { DomainError } from '../shared/domain-error';
import { BUILT_IN_WORKFLOWS, refOf, workflowFor } from '../workflows/workflow.registry';
import type { WorkflowDefinition } from '../workflows/workflow.types';
import { readWorkflowDocument } from '../workflows/workflow.validate';
import type { PublishWorkflowVersion } from './framework.commands';
import type { FrameworkEvent } from './framework.events';
import type { MechanismCode, WorkflowSlot } from './framework.types';

/** What the framework knows of workflows: the versions it published, and which each mechanism's new cases take. */
export interface FrameworkWorkflows {
  readonly workflowVersions: readonly WorkflowDefinition[];
  readonly workflows: Readonly<Record<WorkflowSlot, WorkflowRef>> | null;
}

export const slotOf = (mechanism: MechanismCode | null): WorkflowSlot => mechanism ?? 'additional-allocation';
const sameRef = (a: WorkflowRef) => (b: WorkflowRef) => a.id === b.id && a.version === b.version;

/** A version the framework can name: one it published, else a shipped one. */
export function findWorkflow(state: FrameworkWorkflows, ref: WorkflowRef): WorkflowDefinition {
  return state.workflowVersions.find(sameRef(ref)) ?? workflowFor(ref.id, ref.version);
}

/** The workflow a new case of this mechanism opens under: the framework's choice, never "the newest". */
export function workflowForMechanism(state: FrameworkWorkflows, mechanism: MechanismCode | null): WorkflowDefinition {
  const slot = slotOf(mechanism);
  const ref = state.workflows?.[slot];
  if (!ref) throw new DomainError('WORKFLOW_NOT_FOUND', `The framework names no workflow for ${slot}`, { mechanism: slot });
  return findWorkflow(state, ref);
}

/** A workflow may serve a slot only when it is written for that mechanism. */
export function checkSlots(workflow: WorkflowDefinition, slots: readonly WorkflowSlot[], field: string): void {
  const wrong = slots.find((slot) => slot !== slotOf(workflow.mechanism));
  if (wrong) {
    throw DomainError.field('WRONG_WORKFLOW', field, `${workflow.id} v${workflow.version} is written for ${slotOf(workflow.mechanism)}, not ${wrong}`);
  }
}

/**
 * Publishes a workflow version on the framework stream. The same document again is already
 * done; another document under a published (or shipped) id and version is refused: a version,
 * once used, never changes.
 */
export function decidePublish(command: PublishWorkflowVersion, state: FrameworkWorkflows): FrameworkEvent[] {
  const workflow = readWorkflowDocument(command.document, 'document');
  checkSlots(workflow, command.assignTo, 'assignTo');
  if (command.reason.trim() === '') throw DomainError.field('REASON_REQUIRED', 'reason', 'must say why');
  const existing = [...state.workflowVersions, ...BUILT_IN_WORKFLOWS].find(sameRef(workflow));
  if (existing && JSON.stringify(existing) !== JSON.stringify(workflow)) {
    throw DomainError.field('WORKFLOW_VERSION_EXISTS', 'document.version', `${workflow.id} v${workflow.version} already exists with other rules: publish a new version`);
  }
  const assigned = command.assignTo.filter((slot) => !state.workflows || !sameRef(state.workflows[slot])(workflow));
  if (existing && assigned.length === 0) return [];
  return [{ type: 'WorkflowVersionPublished', data: { workflow, assignedTo: [...command.assignTo], reason: command.reason } }];
}

export function evolvePublished(state: FrameworkWorkflows, workflow: WorkflowDefinition, assignedTo: readonly WorkflowSlot[]): FrameworkWorkflows {
  const versions = state.workflowVersions.some(sameRef(workflow)) ? state.workflowVersions : [...state.workflowVersions, workflow];
  const workflows = state.workflows ? { ...state.workflows, ...Object.fromEntries(assignedTo.map((slot) => [slot, refOf(workflow)])) } : null;
  return { workflowVersions: versions, workflows };
}
