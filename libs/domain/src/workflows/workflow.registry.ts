import additionalAllocationV1 from '../../../../infra/workflows/additional-allocation.v1.json';
import coCommissioningV1 from '../../../../infra/workflows/co-commissioning.v1.json';
import directV1 from '../../../../infra/workflows/direct.v1.json';
import pccGrantV1 from '../../../../infra/workflows/pcc-grant.v1.json';
import plfV1 from '../../../../infra/workflows/plf.v1.json';
import type { WorkflowRef } from '../cases/case.types';
import type { MechanismCode, WorkflowSlot } from '../frameworks/framework.types';
import { DomainError } from '../shared/domain-error';
import type { WorkflowDefinition } from './workflow.types';
import { readWorkflowDocument } from './workflow.validate';

/**
 * The versions that ship with the product, as documents under infra/workflows, read and
 * checked by the same `readWorkflowDocument` as any version a framework publishes. Every
 * version ever shipped stays: a case recorded before cases carried their whole workflow
 * names one of these.
 */
export const BUILT_IN_WORKFLOWS: readonly WorkflowDefinition[] = [directV1, coCommissioningV1, plfV1, pccGrantV1, additionalAllocationV1].map(
  (document, i) => readWorkflowDocument(document, `infra/workflows[${i}]`),
);

export const workflowSlot = (mechanism: MechanismCode | null): WorkflowSlot => mechanism ?? 'additional-allocation';

/** What a framework that names no versions runs: the first shipped version of each. */
export const DEFAULT_WORKFLOW_REFS: Readonly<Record<WorkflowSlot, WorkflowRef>> = {
  direct: { id: 'direct', version: 1 },
  'co-commissioning': { id: 'co-commissioning', version: 1 },
  plf: { id: 'plf', version: 1 },
  'pcc-grant': { id: 'pcc-grant', version: 1 },
  'additional-allocation': { id: 'additional-allocation', version: 1 },
};

/** A shipped version by id and version. */
export function workflowFor(id: string, version: number): WorkflowDefinition {
  const found = BUILT_IN_WORKFLOWS.find((w) => w.id === id && w.version === version);
  if (!found) throw new DomainError('WORKFLOW_NOT_FOUND', `No workflow ${id} version ${version}`, { id, version });
  return found;
}

/** Whether a case recorded its workflow whole, or only a reference to a shipped version. */
export const isWhole = (ref: WorkflowRef | WorkflowDefinition): ref is WorkflowDefinition => Array.isArray((ref as WorkflowDefinition).stages);

/** A case's workflow: the document it recorded, or, for a case recorded with a reference only, the shipped version. */
export const resolveWorkflow = (ref: WorkflowRef | WorkflowDefinition): WorkflowDefinition => (isWhole(ref) ? ref : workflowFor(ref.id, ref.version));

export const refOf = (workflow: WorkflowRef): WorkflowRef => ({ id: workflow.id, version: workflow.version });
