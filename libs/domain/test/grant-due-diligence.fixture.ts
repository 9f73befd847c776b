import { readWorkflowDocument, type WorkflowDefinition, workflowFor } from '@app/domain';

/**
 * A PCC-grant workflow a framework might write for itself: after assessment, a due-diligence
 * checkpoint (passed, or failed and the grant declined), then an award that needs a
 * director's approval above £10,000 from someone other than whoever did the due diligence.
 */
export function grantWithDueDiligenceDocument(): Record<string, unknown> {
  const base = JSON.parse(JSON.stringify(workflowFor('pcc-grant', 1))) as Record<string, any>;
  base.id = 'pcc-grant-due-diligence';
  base.version = 1;
  base.title = 'PCC Grant with due diligence';
  base.stages.splice(2, 0, { id: 'diligence-done', label: 'Due diligence passed', phase: 'pre-award' });
  base.steps = [
    { id: 'due-diligence', kind: 'checkpoint', label: 'Due diligence', outcomes: ['passed', 'failed'] },
    { id: 'director-approval', kind: 'approval', label: "Director's approval", approves: 'due-diligence', thresholdPence: 1_000_000 },
  ];
  base.commands = base.commands.map((rule: { command: string }) =>
    rule.command === 'AwardContract'
      ? { command: 'AwardContract', from: ['diligence-done'], guards: ['contractTermsValid', 'grantWithinRequest', { guard: 'approvalGiven', params: { step: 'director-approval' } }] }
      : rule,
  );
  base.commands.push(
    { command: 'CompleteCheckpoint', step: 'due-diligence', from: ['assessed'] },
    { command: 'RecordApproval', step: 'director-approval', from: ['diligence-done'] },
  );
  base.events = base.events.map((rule: { event: string }) => (rule.event === 'ContractAwarded' ? { ...rule, from: ['diligence-done'] } : rule));
  base.events.push(
    { event: 'CheckpointCompleted', step: 'due-diligence', from: ['assessed'], to: { byField: 'outcome', values: { passed: 'diligence-done', failed: 'declined' } } },
    { event: 'ApprovalRecorded', step: 'director-approval', from: ['diligence-done'], to: 'same' },
  );
  base.settings = { ...base.settings, underAchievementAfterConsecutiveReds: 3, amberTolerancePercent: 5 };
  return base;
}

export const grantWithDueDiligence = (): WorkflowDefinition => readWorkflowDocument(grantWithDueDiligenceDocument());
