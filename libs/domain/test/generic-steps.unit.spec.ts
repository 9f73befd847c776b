import { caseDecider, type CaseCommand, type CaseEvent, openCommands } from '@app/domain';
import { specFor } from './given-when-then';
import { event, grantProfile } from './fixtures';
import { grantWithDueDiligence } from './grant-due-diligence.fixture';

const spec = specFor(caseDecider);
const workflow = grantWithDueDiligence();
const received = event('GrantApplicationReceived', { profile: grantProfile, workflow, roundId: 'R1', applicant: 'Go-Getta CIC', requestedPence: 1_500_000, on: '2016-06-10' });
const assessed = event('GrantApplicationAssessed', { score: 80, recommendation: 'award', notes: 'Strong', on: '2016-07-01' });
const diligence = (outcome: string, by = 'officer.one'): CaseEvent =>
  event('CheckpointCompleted', { step: 'due-diligence', outcome, notes: 'Accounts checked', completedBy: by, on: '2016-07-05' });
const approval = (by = 'director.two'): CaseEvent =>
  event('ApprovalRecorded', { step: 'director-approval', decision: 'approved', notes: 'Agreed', decidedBy: by, on: '2016-07-06' });
const complete = (outcome: string, by = 'officer.one'): CaseCommand => ({ type: 'CompleteCheckpoint', on: '2016-07-05', step: 'due-diligence', outcome, notes: 'Accounts checked', by });
const approve = (by: string): CaseCommand => ({ type: 'RecordApproval', on: '2016-07-06', step: 'director-approval', decision: 'approved', notes: 'Agreed', by });
const awardOf = (valuePence: number): CaseCommand => ({
  type: 'AwardContract',
  on: '2016-07-07',
  contract: { kind: 'grant', provider: 'Go-Getta CIC', valuePence, outcomes: [], qualityStandards: [], measures: [], underAchievementClause: 'Repay unspent', startDate: '2016-08-01', endDate: '2017-03-31' },
});

describe('generic steps: a checkpoint and an approval the workflow document adds', () => {
  describe('checkpoint', () => {
    it('given an assessed application, when due diligence passes, then it is recorded and the case moves on', () => {
      spec([received, assessed]).when(complete('passed')).then([diligence('passed')]);
      expect(spec([received, assessed, diligence('passed')]).state()).toMatchObject({ stage: 'diligence-done', steps: { 'due-diligence': { outcome: 'passed', completedBy: 'officer.one' } } });
    });
    it('when it fails, then the case is declined (the workflow routes by outcome)', () => {
      expect(spec([received, assessed, diligence('failed')]).state()).toMatchObject({ stage: 'declined' });
    });
    it('refuses an outcome the step does not have: UNKNOWN_OUTCOME', () => {
      spec([received, assessed]).when(complete('maybe')).thenThrows('UNKNOWN_OUTCOME', { field: 'outcome' });
    });
    it('refuses a step the workflow does not allow now: ILLEGAL_TRANSITION', () => {
      spec([received]).when(complete('passed')).thenThrows('ILLEGAL_TRANSITION', { message: /allowed now: AssessGrantApplication/ });
    });
    it('a step the workflow does not have: ILLEGAL_TRANSITION (no rule names it)', () => {
      spec([received, assessed]).when({ ...complete('passed'), step: 'scoring-panel' } as CaseCommand).thenThrows('ILLEGAL_TRANSITION');
    });
    it('openCommands offers the checkpoint with its definition', () => {
      const state = spec([received, assessed]).state();
      expect(openCommands(workflow, state as { stage: string }).map((c) => [c.command, c.step?.id])).toEqual([
        ['DeclineGrant', undefined], ['RejectProposal', undefined], ['WithdrawProposal', undefined], ['CompleteCheckpoint', 'due-diligence'],
      ]);
    });
  });

  describe('approval with segregation of duties', () => {
    it('refuses an approval by the user who completed the due diligence: SEGREGATION_OF_DUTIES', () => {
      spec([received, assessed, diligence('passed', 'officer.one')]).when(approve('officer.one')).thenThrows('SEGREGATION_OF_DUTIES', { message: /officer.one completed "due-diligence"/ });
    });
    it('records an approval by another user', () => {
      spec([received, assessed, diligence('passed')]).when(approve('director.two')).then([approval('director.two')]);
    });
    it('the same approval again is already done: nothing more is recorded', () => {
      spec([received, assessed, diligence('passed'), approval()]).when(approve('director.three')).then([]);
    });
  });

  describe('value threshold', () => {
    it('above the threshold an award waits for the approval: APPROVAL_REQUIRED', () => {
      spec([received, assessed, diligence('passed')]).when(awardOf(1_200_000)).thenThrows('APPROVAL_REQUIRED', { message: /£12,000.00 is above £10,000.00/ });
    });
    it('above the threshold, once approved, the award is made', () => {
      spec([received, assessed, diligence('passed'), approval()]).when(awardOf(1_200_000)).thenMatches([{ type: 'ContractAwarded' }]);
    });
    it('at or below the threshold the approval does not apply', () => {
      spec([received, assessed, diligence('passed')]).when(awardOf(1_000_000)).thenMatches([{ type: 'ContractAwarded' }]);
    });
  });

  it("the workflow's own settings apply: three reds before under-achievement", () => {
    expect(workflow.settings).toMatchObject({ underAchievementAfterConsecutiveReds: 3, amberTolerancePercent: 5 });
  });
});
