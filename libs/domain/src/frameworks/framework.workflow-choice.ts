import type { WorkflowRef } from '../cases/case.types';
import { DomainError } from '../shared/domain-error';
import { DEFAULT_WORKFLOW_REFS, refOf } from '../workflows/workflow.registry';
import type { WorkflowDefinition } from '../workflows/workflow.types';
import { readWorkflowDocument } from '../workflows/workflow.validate';
import type { WorkflowSlot } from './framework.types';
import type { WorkflowProblem as FieldProblem } from '../workflows/workflow.validate';
import { findWorkflow, slotOf } from './framework.workflows';

const SLOTS = Object.keys(DEFAULT_WORKFLOW_REFS) as WorkflowSlot[];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A framework document's workflow choices: the versions it carries (`workflowVersions`, each
 * checked by `validateWorkflow`, problems named under their path) and which version each
 * mechanism's new cases take (`workflows`, a shipped version where it names none).
 */
export function readWorkflowChoices(
  doc: Record<string, unknown>,
): { workflows: Record<WorkflowSlot, WorkflowRef>; versions: WorkflowDefinition[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const versions: WorkflowDefinition[] = [];
  const raw = doc.workflowVersions ?? [];
  if (!Array.isArray(raw)) problems.push({ field: 'workflowVersions', reason: 'must be a list of workflow documents' });
  (Array.isArray(raw) ? raw : []).forEach((document, i) => {
    try {
      const workflow = readWorkflowDocument(document, `workflowVersions[${i}]`);
      if (versions.some((v) => v.id === workflow.id && v.version === workflow.version)) {
        problems.push({ field: `workflowVersions[${i}].version`, reason: `${workflow.id} v${workflow.version} appears twice` });
      }
      versions.push(workflow);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push(...((error.details.errors as FieldProblem[]) ?? [{ field: `workflowVersions[${i}]`, reason: error.message }]));
    }
  });
  const workflows: Record<WorkflowSlot, WorkflowRef> = { ...DEFAULT_WORKFLOW_REFS };
  const chosen = doc.workflows ?? {};
  if (!isObject(chosen)) problems.push({ field: 'workflows', reason: 'must map mechanisms to { "id", "version" }' });
  for (const [slot, ref] of Object.entries(isObject(chosen) ? chosen : {})) {
    const at = `workflows.${slot}`;
    if (!SLOTS.includes(slot as WorkflowSlot)) {
      problems.push({ field: at, reason: `must be one of ${SLOTS.join(', ')}` });
      continue;
    }
    if (!isObject(ref) || typeof ref.id !== 'string' || !Number.isSafeInteger(ref.version) || Object.keys(ref).some((k) => k !== 'id' && k !== 'version')) {
      problems.push({ field: at, reason: 'must be { "id": …, "version": … }' });
      continue;
    }
    try {
      const workflow = findWorkflow({ workflowVersions: versions, workflows: null }, { id: ref.id, version: ref.version as number });
      if (slotOf(workflow.mechanism) !== slot) problems.push({ field: at, reason: `${ref.id} v${String(ref.version)} is written for ${slotOf(workflow.mechanism)}, not ${slot}` });
      else workflows[slot as WorkflowSlot] = refOf(workflow);
    } catch {
      problems.push({ field: at, reason: `${ref.id} v${String(ref.version)} is neither shipped nor in workflowVersions` });
    }
  }
  return { workflows, versions, problems };
}
