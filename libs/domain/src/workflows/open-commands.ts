import type { CommandRule, WorkflowDefinition } from './workflow.types';

/**
 * The commands a workflow allows at a stage, in the workflow's own order: what may be
 * given next. Guards are not run here; they need the command's data, and a refused
 * command says why.
 */
export function openCommands(workflow: WorkflowDefinition, stage: string): readonly CommandRule[] {
  return workflow.commands.filter((rule) => rule.from.includes(stage));
}

/** The stages in order with where the case stands: the path a page draws. */
export function workflowPath(workflow: WorkflowDefinition, stage: string) {
  return workflow.stages.map((s) => ({ ...s, current: s.id === stage }));
}
