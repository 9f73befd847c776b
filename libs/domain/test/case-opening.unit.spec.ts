import { caseDecider, type CaseCommand } from '@app/domain';
import { specFor } from './given-when-then';
import {
  allocation,
  allocationProfile,
  BLABY_ALLOCATION,
  blabyProfile,
  coCom,
  coComProfile,
  contractTerms,
  direct,
  directHistories,
  directProfile,
  grant,
  GRANT_ROUND,
  grantProfile,
  like,
  plf,
  PLF_DEADLINE,
  profile,
  PROJECT_360_ALLOCATION,
  refusal,
  v1,
  workflowOfProfile,
} from './fixtures';

const spec = specFor(caseDecider);

const raise = (p = directProfile, estimatedValuePence = 15_000_000): CaseCommand => ({ type: 'RaiseProposal', on: '2016-04-04', profile: p, workflow: workflowOfProfile(p), estimatedValuePence });
const apply = (on: string, round: { opensOn: string; closesOn: string } | null = GRANT_ROUND): CaseCommand => ({
  type: 'ReceiveGrantApplication',
  on,
  profile: grantProfile, workflow: workflowOfProfile(grantProfile),
  roundId: '2016-17-R1',
  round,
  applicant: 'Go-Getta CIC',
  requestedPence: 1_500_000,
});

describe('Opening a case', () => {
  describe('each opening command opens a case under its mechanism\'s current workflow', () => {
    it('RaiseProposal opens a direct case', () => {
      spec([])
        .when(raise())
        .then([{ type: 'ProposalRaised', data: { profile: directProfile, workflow: v1('direct'), estimatedValuePence: 15_000_000, on: '2016-04-04' } }]);
    });

    it('RaiseProposal opens a co-commissioning case', () => {
      spec([])
        .when(raise(coComProfile, 36_800_000))
        .then([coCom.raised]);
    });

    it('RequestCspPlan opens a PLF case with the locality\'s allocation and the meeting deadline', () => {
      spec([])
        .when({ type: 'RequestCspPlan', on: '2015-10-23', profile: blabyProfile, workflow: workflowOfProfile(blabyProfile), allocationPence: BLABY_ALLOCATION, meetingDeadline: PLF_DEADLINE })
        .then([plf.requested]);
    });

    it('ReceiveGrantApplication opens a PCC Grant case within an open round', () => {
      spec([]).when(apply('2016-06-10')).then([grant.received]);
    });

    it('ImportAdditionalAllocation opens an additional-allocation case (no mechanism)', () => {
      spec([])
        .when({ type: 'ImportAdditionalAllocation', on: '2015-10-23', profile: allocationProfile, workflow: workflowOfProfile(allocationProfile), allocationPence: PROJECT_360_ALLOCATION })
        .then([allocation.imported]);
    });

    it.each(['direct', 'co-commissioning', 'pcc-grant'] as const)('ImportExistingCommitment opens an active %s case', (mechanism) => {
      const p = profile(mechanism, { origin: { source: 'appendix-b', ref: 'B05' } });
      const contract = contractTerms();
      spec([])
        .when({ type: 'ImportExistingCommitment', on: '2015-10-23', profile: p, workflow: workflowOfProfile(p), contract })
        .then([{ type: 'ExistingCommitmentImported', data: { profile: p, workflow: v1(mechanism), contract, on: '2015-10-23' } }]);
    });
  });

  describe('opening refusals', () => {
    it('CASE_EXISTS: a second opening command on an open case', () => {
      spec(directHistories.proposed).when(raise()).thenThrows('CASE_EXISTS', { message: /2016-17-P-0001/ });
      spec([plf.requested])
        .when({ type: 'RequestCspPlan', on: '2015-10-24', profile: blabyProfile, workflow: workflowOfProfile(blabyProfile), allocationPence: 1, meetingDeadline: PLF_DEADLINE })
        .thenThrows('PLF_CASE_EXISTS', { message: /blaby already has its 2016-17 PLF case, .* \(plan-requested\); a locality holds one PLF case a year/ });
    });

    it('WRONG_OPENING: RaiseProposal for a PLF case (a PLF case opens with RequestCspPlan)', () => {
      spec([]).when(raise(blabyProfile)).thenThrows('WRONG_OPENING', { message: /A Partnership Locality Fund case opens with RequestCspPlan, not RaiseProposal/ });
      const error = refusal(() => caseDecider.decide(raise(blabyProfile), caseDecider.initialState));
      expect(error.details).toEqual({ mechanism: 'plf' });
    });

    it.each<[string, CaseCommand]>([
      ['RequestCspPlan for a direct case', { type: 'RequestCspPlan', on: '2015-10-23', profile: { ...directProfile, locality: 'blaby' }, workflow: workflowOfProfile({ ...directProfile, locality: 'blaby' }), allocationPence: 1, meetingDeadline: PLF_DEADLINE }],
      ['ReceiveGrantApplication for a co-commissioning case', { ...apply('2016-06-10'), profile: coComProfile, workflow: v1('co-commissioning') } as CaseCommand],
      ['RaiseProposal for a PCC grant (applications open grant cases)', raise(grantProfile)],
      ['ImportExistingCommitment for an additional allocation', { type: 'ImportExistingCommitment', on: '2015-10-23', profile: allocationProfile, workflow: workflowOfProfile(allocationProfile), contract: contractTerms() }],
      ['ImportExistingCommitment for a PLF line', { type: 'ImportExistingCommitment', on: '2015-10-23', profile: blabyProfile, workflow: workflowOfProfile(blabyProfile), contract: contractTerms() }],
      ['ImportAdditionalAllocation for a direct case', { type: 'ImportAdditionalAllocation', on: '2015-10-23', profile: directProfile, workflow: workflowOfProfile(directProfile), allocationPence: 1 }],
    ])('WRONG_OPENING: %s', (_what, command) => {
      spec([]).when(command).thenThrows('WRONG_OPENING');
    });

    it.each([0, -1])('INVALID_AMOUNT: a proposal estimated at %i', (estimate) => {
      spec([]).when(raise(directProfile, estimate)).thenThrows('INVALID_AMOUNT', { field: 'estimatedValuePence' });
    });

    it('VALIDATION_FAILED: a PLF case with no locality', () => {
      spec([])
        .when({ type: 'RequestCspPlan', on: '2015-10-23', profile: { ...blabyProfile, locality: null }, workflow: workflowOfProfile({ ...blabyProfile, locality: null }), allocationPence: BLABY_ALLOCATION, meetingDeadline: PLF_DEADLINE })
        .thenThrows('VALIDATION_FAILED', { field: 'locality' });
    });

    describe('GRANT_ROUND_CLOSED: applications only while a round is open (1 to 30 Jun 2016)', () => {
      it.each(['2016-06-01', '2016-06-15', '2016-06-30'])('accepts an application on %s', (on) => {
        spec([]).when(apply(on)).thenMatches([like('GrantApplicationReceived', { on, roundId: '2016-17-R1' })]);
      });

      it.each(['2016-05-31', '2016-07-01'])('refuses an application on %s', (on) => {
        spec([]).when(apply(on)).thenThrows('GRANT_ROUND_CLOSED', { message: new RegExp(`"2016-17-R1" is open on ${on}`) });
      });

      it('refuses an application when there is no open round at all (round is null)', () => {
        spec([]).when(apply('2016-06-10', null)).thenThrows('GRANT_ROUND_CLOSED');
        expect(refusal(() => caseDecider.decide(apply('2016-06-10', null), caseDecider.initialState)).details).toEqual({ roundId: '2016-17-R1' });
      });
    });
  });

  it('CASE_NOT_FOUND: a non-opening command on no history', () => {
    spec([]).when({ type: 'IssueTender', on: '2016-04-11', reference: 'T1', closesOn: '2016-05-09' }).thenThrows('CASE_NOT_FOUND');
    spec([]).when({ type: 'ReportPerformance', on: '2016-04-11', measureId: 'referrals', period: 'Q1', actual: 1, commentary: '' }).thenThrows('CASE_NOT_FOUND');
  });

  it('evolve: an opening event opens the case with its profile, workflow and opening date', () => {
    expect(spec([]).state()).toEqual({ status: 'none' });
    expect(spec([direct.raised]).state()).toEqual({
      status: 'open',
      stage: 'proposed',
      profile: directProfile,
      workflow: v1('direct'),
      openedOn: '2016-04-04',
      estimatedValuePence: 15_000_000,
      reports: [],
    });
  });
});
