import { DomainError } from '../shared/domain-error';
import type { MechanismCode } from '../frameworks/framework.types';
import { additionalAllocationWorkflowV1 } from './additional-allocation.workflow';
import { coCommissioningWorkflowV1 } from './co-commissioning.workflow';
import { directWorkflowV1 } from './direct.workflow';
import { pccGrantWorkflowV1 } from './pcc-grant.workflow';
import { plfWorkflowV1 } from './plf.workflow';
import type { WorkflowDefinition } from './workflow.types';

/** Every version ever published stays here: a case is decided by the version it opened under. */
export const WORKFLOWS: readonly WorkflowDefinition[] = [
  directWorkflowV1,
  coCommissioningWorkflowV1,
  plfWorkflowV1,
  pccGrantWorkflowV1,
  additionalAllocationWorkflowV1,
];

export function workflowFor(id: string, version: number): WorkflowDefinition {
  const found = WORKFLOWS.find((w) => w.id === id && w.version === version);
  if (!found) throw new DomainError('WORKFLOW_NOT_FOUND', `No workflow ${id} version ${version}`);
  return found;
}

/** The newest version of a mechanism's workflow: what a new case opens under. */
export function currentWorkflow(mechanism: MechanismCode | null): WorkflowDefinition {
  const id = mechanism ?? 'additional-allocation';
  const versions = WORKFLOWS.filter((w) => w.id === id);
  if (versions.length === 0) throw new DomainError('WORKFLOW_NOT_FOUND', `No workflow for mechanism ${id}`);
  return versions.reduce((latest, w) => (w.version > latest.version ? w : latest));
}
