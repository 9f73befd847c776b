import type { CaseCommand } from '../cases/case.commands';
import type { OpenCase } from '../cases/case.model';
import type { CommandRule, GuardUse, Phase, StageDefinition, StepDefinition, WorkflowDefinition } from './workflow.types';

/** A command the case's workflow allows now, with the step it completes for the generic step commands. */
export interface OpenCommand {
  readonly command: string;
  readonly step?: StepDefinition;
  readonly guards: readonly GuardUse[];
}

/** The stage definition of a stage id in a workflow (undefined for a stage it does not know). */
export const stageOf = (workflow: WorkflowDefinition, stage: string): StageDefinition | undefined =>
  workflow.stages.find((s) => s.id === stage);

/** The phase a case is in: what code outside the workflow asks, never the stage's name. */
export const phaseOf = (state: Pick<OpenCase, 'workflow' | 'stage'>): Phase | undefined => stageOf(state.workflow, state.stage)?.phase;

/** The commands open for a case now, in the workflow's order: what a case page offers. */
export function openCommands(workflow: WorkflowDefinition, state: Pick<OpenCase, 'stage'>): OpenCommand[] {
  return workflow.commands
    .filter((rule) => rule.from.includes(state.stage))
    .map((rule) => ({
      command: rule.command,
      guards: rule.guards ?? [],
      ...(rule.step ? { step: workflow.steps.find((s) => s.id === rule.step) } : {}),
    }));
}

/** The rule that allows this command now, if any (a step command must name the rule's step). */
export function ruleFor(workflow: WorkflowDefinition, stage: string, command: CaseCommand): CommandRule | undefined {
  const step = 'step' in command ? command.step : undefined;
  return workflow.commands.find((r) => r.command === command.type && r.from.includes(stage) && r.step === step);
}

/** The stages in order with where the case stands: the path a page draws. */
export function workflowPath(workflow: WorkflowDefinition, stage: string) {
  return workflow.stages.map((s) => ({ ...s, current: s.id === stage }));
}
