import { commandForPath } from '@app/auth';
import { caseDecider, type CaseEvent, type OpenCase } from '@app/domain';
import { event, grantProfile } from '../../../../../libs/domain/test/fixtures';
import { grantWithDueDiligence } from '../../../../../libs/domain/test/grant-due-diligence.fixture';
import { actionsFor } from './case-page.presenter';

const workflow = grantWithDueDiligence();
const received = event('GrantApplicationReceived', { profile: grantProfile, workflow, roundId: 'R1', applicant: 'Go-Getta CIC', requestedPence: 1_500_000, on: '2016-06-10' });
const assessed = event('GrantApplicationAssessed', { score: 80, recommendation: 'award', notes: 'Strong', on: '2016-07-01' });
const diligence = event('CheckpointCompleted', { step: 'due-diligence', outcome: 'passed', notes: 'Accounts checked', completedBy: 'officer.one', on: '2016-07-05' });

const stateAfter = (history: readonly CaseEvent[]): OpenCase => {
  const state = history.reduce(caseDecider.evolve, caseDecider.initialState);
  if (state.status !== 'open') throw new Error('the history opens no case');
  return state;
};
const officer = { id: 'officer.one', role: 'opcc-staff' as const };

describe("the case page's actions for a workflow's own steps", () => {
  it('offers the checkpoint at its own path, named by its label, its outcomes the choices', () => {
    const [action] = actionsFor(stateAfter([received, assessed]), officer).filter((a) => a.command === 'CompleteCheckpoint');
    expect(action).toMatchObject({ path: 'checkpoints/due-diligence', slug: 'checkpoints-due-diligence', title: 'Complete this step: Due diligence' });
    expect(action.fields.find((f) => f.name === 'outcome')).toMatchObject({ kind: 'select', id: 'field-checkpoints-due-diligence-outcome', options: [{ value: 'passed' }, { value: 'failed' }] });
  });

  it('offers the approval once the checkpoint is done, and nothing to an auditor', () => {
    const state = stateAfter([received, assessed, diligence]);
    expect(actionsFor(state, officer).map((a) => a.path)).toContain('approvals/director-approval');
    expect(actionsFor(state, { id: 'auditor.one', role: 'auditor' })).toEqual([]);
  });

  it('finds the command a posted path names, with its parameters, and no other', () => {
    expect(commandForPath('approvals/director-approval')).toMatchObject({ type: 'RecordApproval', params: { step: 'director-approval' } });
    expect(commandForPath('payments/claims/c-1/approval')).toMatchObject({ type: 'ApproveClaim', params: { claimId: 'c-1' } });
    expect(commandForPath('meeting-held')).toMatchObject({ type: 'HoldCspMeeting', params: {} });
    expect(commandForPath('payments/claims/c 1/approval')).toBeUndefined();
    expect(commandForPath('approvals')).toBeUndefined();
  });
});
