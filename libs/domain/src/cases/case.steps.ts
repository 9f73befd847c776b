import { DomainError } from '../shared/domain-error';
import { stepRecord } from '../workflows/steps';
import type { CompleteCheckpoint, RecordApproval } from './case.commands';
import type { CaseEvent } from './case.events';
import type { OpenCase } from './case.model';

export type StepCommand = CompleteCheckpoint | RecordApproval;

/**
 * The generic steps a workflow document adds without code. A checkpoint is completed with
 * one of its outcomes; an approval is given by someone other than whoever completed the
 * step it approves (segregation of duties). The same decision again changes nothing.
 */
export function decideStep(command: StepCommand, state: OpenCase): CaseEvent[] {
  const step = state.workflow.steps.find((s) => s.id === command.step);
  if (!step) throw DomainError.field('UNKNOWN_STEP', 'step', `the case's workflow has no step "${command.step}"`);
  const recorded = stepRecord(state, step.id);
  if (command.type === 'CompleteCheckpoint') {
    if (step.kind !== 'checkpoint') throw DomainError.field('WRONG_STEP_KIND', 'step', `"${step.id}" is an ${step.kind} step, not a checkpoint`);
    if (!step.outcomes.includes(command.outcome)) {
      throw DomainError.field('UNKNOWN_OUTCOME', 'outcome', `must be one of ${step.outcomes.join(', ')}`);
    }
    if (recorded?.outcome === command.outcome) return [];
    const { outcome, notes = '', by } = command;
    return [{ type: 'CheckpointCompleted', data: { step: step.id, outcome, notes, completedBy: by, on: command.on } }];
  }
  if (step.kind !== 'approval') throw DomainError.field('WRONG_STEP_KIND', 'step', `"${step.id}" is a ${step.kind} step, not an approval`);
  const approved = stepRecord(state, step.approves);
  if (!approved?.completedBy) {
    throw new DomainError('NOTHING_TO_APPROVE', `"${step.approves}" must be completed before "${step.id}" can be decided`, { approves: step.approves });
  }
  if (approved.completedBy === command.by) {
    throw new DomainError(
      'SEGREGATION_OF_DUTIES',
      `${command.by} completed "${step.approves}" and so cannot also decide "${step.id}": another user must`,
      { step: step.id, approves: step.approves, recordedBy: approved.completedBy },
    );
  }
  if (recorded?.decision === command.decision) return [];
  const { decision, notes = '', by } = command;
  return [{ type: 'ApprovalRecorded', data: { step: step.id, decision, notes, decidedBy: by, on: command.on } }];
}
