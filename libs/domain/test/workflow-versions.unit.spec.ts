import { caseDecider, workflowFor, type WorkflowDefinition } from '@app/domain';
import { specFor } from './given-when-then';
import { directHistories, directProfile, event, like, refV1 } from './fixtures';

const directV1 = workflowFor('direct', 1);

const spec = specFor(caseDecider);

/**
 * A second version of the direct workflow, as a framework might publish while v1 cases are
 * open: tenders are no longer issued from "proposed" (say, a new procurement rule), and a
 * dispensation counts as the provider being selected (no stage of its own).
 */
const directV2: WorkflowDefinition = {
  ...directV1,
  version: 2,
  stages: directV1.stages.filter((stage) => stage.id !== 'dispensation-granted'),
  commands: directV1.commands
    .filter((rule) => rule.command !== 'IssueTender')
    .map((rule) => (rule.command === 'AwardContract' ? { ...rule, from: ['provider-selected'] } : rule)),
  events: directV1.events
    .filter((rule) => rule.event !== 'TenderIssued')
    .map((rule) => (rule.event === 'SingleProviderDispensationGranted' ? { ...rule, to: 'provider-selected' } : rule))
    .map((rule) => (rule.event === 'ContractAwarded' ? { ...rule, from: ['provider-selected'] } : rule)),
};
const dispensation = event('SingleProviderDispensationGranted', { provider: 'Crimestoppers', reason: 'Only national line', on: '2016-09-02' });

describe('workflow versions: a case keeps the version it opened under', () => {
  it('opens a case under the version its command carries (the framework\'s choice), recording it whole', () => {
    spec([])
      .when({ type: 'RaiseProposal', on: '2016-09-01', profile: directProfile, workflow: directV2, estimatedValuePence: 100 })
      .thenMatches([like('ProposalRaised', { workflow: { id: 'direct', version: 2, stages: directV2.stages } })]);
  });

  it('decides a case opened under v1 by v1, whatever else is published', () => {
    spec(directHistories.proposed)
      .when({ type: 'IssueTender', on: '2016-09-01', reference: 'T1', closesOn: '2016-10-01' })
      .then([{ type: 'TenderIssued', data: { reference: 'T1', on: '2016-09-01', closesOn: '2016-10-01' } }]);
  });

  it('evolves a case recorded with only a reference (before cases carried their workflow) by the shipped version', () => {
    const byRef = [event('ProposalRaised', { profile: directProfile, workflow: refV1('direct'), estimatedValuePence: 100, on: '2016-09-01' })];
    expect(spec(byRef).state()).toMatchObject({ workflow: { id: 'direct', version: 1, title: 'Direct commissioning' }, stage: 'proposed' });
    expect(spec([...byRef, dispensation]).state()).toMatchObject({ workflow: { version: 1 }, stage: 'dispensation-granted' });
  });

  it('decides and evolves a case opened under v2 by v2', () => {
    const openedUnderV2 = [event('ProposalRaised', { profile: directProfile, workflow: directV2, estimatedValuePence: 100, on: '2016-09-01' })];
    expect(spec(openedUnderV2).state()).toMatchObject({ workflow: { version: 2 }, stage: 'proposed' });
    expect(spec([...openedUnderV2, dispensation]).state()).toMatchObject({ workflow: { version: 2 }, stage: 'provider-selected' });
    spec(openedUnderV2)
      .when({ type: 'IssueTender', on: '2016-09-01', reference: 'T1', closesOn: '2016-10-01' })
      .thenThrows('ILLEGAL_TRANSITION', { message: /Direct commissioning workflow v2\); allowed now: GrantSingleProviderDispensation, RejectProposal, WithdrawProposal$/ });
  });

  it('WORKFLOW_NOT_FOUND: a case recorded with a reference to a version this build never shipped', () => {
    const unknown = [event('ProposalRaised', { profile: directProfile, workflow: { id: 'direct', version: 9 }, estimatedValuePence: 100, on: '2016-09-01' })];
    let code: string | undefined;
    try {
      spec(unknown).state();
    } catch (error) {
      code = (error as { code?: string }).code;
    }
    expect(code).toBe('WORKFLOW_NOT_FOUND');
  });

  it('WRONG_WORKFLOW: a case cannot open under a workflow written for another mechanism', () => {
    spec([])
      .when({ type: 'RaiseProposal', on: '2016-09-01', profile: directProfile, workflow: workflowFor('co-commissioning', 1), estimatedValuePence: 100 })
      .thenThrows('WRONG_WORKFLOW');
  });
});
