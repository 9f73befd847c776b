import { caseDecider, currentWorkflow, WORKFLOWS, workflowFor, type WorkflowDefinition } from '@app/domain';
import { specFor } from './given-when-then';
import { directHistories, directProfile, event, like } from './fixtures';

const directV1 = workflowFor('direct', 1);

const spec = specFor(caseDecider);

/**
 * A second version of the direct workflow, published while v1 cases are open: tenders are no
 * longer issued from "proposed" (say, a new procurement rule), and a dispensation counts as
 * the provider being selected (no stage of its own).
 */
const directV2: WorkflowDefinition = {
  ...directV1,
  version: 2,
  stages: directV1.stages.filter((stage) => stage.id !== 'dispensation-granted'),
  commands: directV1.commands.filter((rule) => rule.command !== 'IssueTender'),
  events: directV1.events
    .filter((rule) => rule.event !== 'TenderIssued')
    .map((rule) => (rule.event === 'SingleProviderDispensationGranted' ? { ...rule, to: 'provider-selected' } : rule)),
};
const dispensation = event('SingleProviderDispensationGranted', { provider: 'Crimestoppers', reason: 'Only national line', grantedOn: '2016-09-02' });

describe('workflow versions: a case keeps the version it opened under', () => {
  beforeAll(() => {
    (WORKFLOWS as WorkflowDefinition[]).push(directV2);
  });
  afterAll(() => {
    const all = WORKFLOWS as WorkflowDefinition[];
    all.splice(all.indexOf(directV2), 1);
  });

  it('opens new cases under the newest version', () => {
    expect(currentWorkflow('direct').version).toBe(2);
    spec([])
      .when({ type: 'RaiseProposal', on: '2016-09-01', profile: directProfile, estimatedValuePence: 100 })
      .thenMatches([like('ProposalRaised', { workflow: { id: 'direct', version: 2 } })]);
  });

  it('decides a case opened under v1 by v1, though v2 is current', () => {
    spec(directHistories.proposed)
      .when({ type: 'IssueTender', on: '2016-09-01', reference: 'T1', closesOn: '2016-10-01' })
      .then([{ type: 'TenderIssued', data: { reference: 'T1', issuedOn: '2016-09-01', closesOn: '2016-10-01' } }]);
  });

  it('evolves a case opened under v1 by v1', () => {
    expect(spec(directHistories.tendering).state()).toMatchObject({ workflow: { id: 'direct', version: 1 }, stage: 'tendering' });
    expect(spec([...directHistories.proposed, dispensation]).state()).toMatchObject({ workflow: { version: 1 }, stage: 'dispensation-granted' });
  });

  it('decides a case opened under v2 by v2', () => {
    const openedUnderV2 = [
      event('ProposalRaised', { profile: directProfile, workflow: { id: 'direct', version: 2 }, estimatedValuePence: 100, raisedOn: '2016-09-01' }),
    ];
    expect(spec(openedUnderV2).state()).toMatchObject({ workflow: { version: 2 }, stage: 'proposed' });
    expect(spec([...openedUnderV2, dispensation]).state()).toMatchObject({ workflow: { version: 2 }, stage: 'provider-selected' });
    spec(openedUnderV2)
      .when({ type: 'IssueTender', on: '2016-09-01', reference: 'T1', closesOn: '2016-10-01' })
      .thenThrows('ILLEGAL_TRANSITION', { message: /Direct commissioning workflow v2\); allowed now: GrantSingleProviderDispensation, RejectProposal, WithdrawProposal$/ });
  });

  it('refuses to decide a case whose version is not published: WORKFLOW_NOT_FOUND', () => {
    const v1State = spec(directHistories.proposed).state();
    const unpublished = { ...v1State, workflow: { id: 'direct', version: 9 } } as typeof v1State;
    let code: string | undefined;
    try {
      caseDecider.decide({ type: 'RejectProposal', on: '2016-09-01', reason: 'x' }, unpublished);
    } catch (error) {
      code = (error as { code?: string }).code;
    }
    expect(code).toBe('WORKFLOW_NOT_FOUND');
  });

  it('v1 is unchanged by publishing v2', () => {
    expect(workflowFor('direct', 1).commands.map((rule) => rule.command)).toContain('IssueTender');
  });
});
