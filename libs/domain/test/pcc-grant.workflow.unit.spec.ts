import { caseDecider, type CaseEvent } from '@app/domain';
import { specFor } from './given-when-then';
import { contractTerms, event, grant, GRANT_REQUESTED, grantHistories, importedCommitment, referrals } from './fixtures';

const spec = specFor(caseDecider);

const grantTerms = (valuePence: number) => contractTerms({ kind: 'grant', provider: 'Go-Getta CIC', valuePence });

describe('PCC Grant workflow (6.2d)', () => {
  describe('AssessGrantApplication (from "application-received", guard scoreInRange)', () => {
    it.each([
      [72, 'award'],
      [0, 'decline'],
      [100, 'award'],
    ] as const)('records an assessment scoring %i with recommendation %s', (score, recommendation) => {
      spec(grantHistories.applicationReceived)
        .when({ type: 'AssessGrantApplication', on: '2016-07-05', score, recommendation, notes: 'Panel of three' })
        .then([{ type: 'GrantApplicationAssessed', data: { score, recommendation, notes: 'Panel of three', on: '2016-07-05' } }]);
    });

    it.each([-1, 101])('refuses a score of %i, outside 0 to 100', (score) => {
      spec(grantHistories.applicationReceived)
        .when({ type: 'AssessGrantApplication', on: '2016-07-05', score, recommendation: 'award', notes: '' })
        .thenThrows('VALIDATION_FAILED', { field: 'score' });
    });
  });

  describe('AwardContract (from "assessed", guards contractTermsValid, assessmentRecommendsAward, grantWithinRequest)', () => {
    it('awards the grant an assessment recommended, up to the amount applied for', () => {
      const contract = grantTerms(GRANT_REQUESTED);
      spec(grantHistories.assessed)
        .when({ type: 'AwardContract', on: '2016-07-12', contract })
        .then([{ type: 'ContractAwarded', data: { contract, on: '2016-07-12' } }]);
    });

    it('refuses a grant larger than the application asked for', () => {
      spec(grantHistories.assessed)
        .when({ type: 'AwardContract', on: '2016-07-12', contract: grantTerms(GRANT_REQUESTED + 1) })
        .thenThrows('GRANT_EXCEEDS_REQUEST', { field: 'contract.valuePence', message: /£15,000\.00/ });
    });

    it('refuses an award the assessment recommended declining', () => {
      spec(grantHistories.assessedDecline)
        .when({ type: 'AwardContract', on: '2016-07-12', contract: grantTerms(1_000_000) })
        .thenThrows('ASSESSMENT_RECOMMENDS_DECLINE');
    });

    it.each([
      ['INVALID_AMOUNT', 'contract.valuePence', { ...grantTerms(0) }],
      ['INVALID_DATES', 'contract.endDate', { ...grantTerms(100), endDate: '2016-01-01' }],
      ['DUPLICATE_MEASURE', 'contract.measures', { ...grantTerms(100), measures: [referrals, referrals] }],
    ] as const)('refuses invalid terms: %s on %s', (code, field, contract) => {
      spec(grantHistories.assessed).when({ type: 'AwardContract', on: '2016-07-12', contract }).thenThrows(code, { field });
    });
  });

  describe('DeclineGrant (from "assessed", guard reasonGiven)', () => {
    it.each([
      ['recommending decline', grantHistories.assessedDecline],
      ['recommending award (the panel may still decline)', grantHistories.assessed],
    ] as const)('declines after an assessment %s', (_why, history) => {
      spec(history)
        .when({ type: 'DeclineGrant', on: '2016-07-12', reason: 'No hotspot evidence' })
        .then([{ type: 'GrantDeclined', data: { reason: 'No hotspot evidence', on: '2016-07-12' } }]);
    });

    it('refuses to decline without a reason', () => {
      spec(grantHistories.assessedDecline).when({ type: 'DeclineGrant', on: '2016-07-12', reason: '' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
    });
  });

  describe('RejectProposal and WithdrawProposal (from "application-received" and "assessed", guard reasonGiven)', () => {
    const preAward = [
      ['application-received', grantHistories.applicationReceived],
      ['assessed', grantHistories.assessed],
    ] as const;

    it.each(preAward)('rejects from %s', (_stage, history) => {
      spec(history)
        .when({ type: 'RejectProposal', on: '2016-07-01', reason: 'Ineligible applicant' })
        .then([{ type: 'ProposalRejected', data: { reason: 'Ineligible applicant', on: '2016-07-01' } }]);
    });

    it.each(preAward)('withdraws from %s', (_stage, history) => {
      spec(history)
        .when({ type: 'WithdrawProposal', on: '2016-07-01', reason: 'Applicant withdrew' })
        .then([{ type: 'ProposalWithdrawn', data: { reason: 'Applicant withdrew', on: '2016-07-01' } }]);
    });

    it('refuses both without a reason', () => {
      spec(grantHistories.assessed).when({ type: 'RejectProposal', on: '2016-07-01', reason: '' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
      spec(grantHistories.applicationReceived).when({ type: 'WithdrawProposal', on: '2016-07-01', reason: '' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
    });
  });

  describe('illegal transitions', () => {
    it('refuses an award before the assessment, naming the stage and what is allowed', () => {
      spec(grantHistories.applicationReceived)
        .when({ type: 'AwardContract', on: '2016-07-12', contract: grantTerms(100) })
        .thenThrows('ILLEGAL_TRANSITION', {
          message: /^AwardContract is not allowed while the case is at "Application received" \(PCC Grant workflow v1\); allowed now: AssessGrantApplication, RejectProposal, WithdrawProposal$/,
        });
    });

    it('refuses a second assessment', () => {
      spec(grantHistories.assessed)
        .when({ type: 'AssessGrantApplication', on: '2016-07-06', score: 80, recommendation: 'award', notes: '' })
        .thenThrows('ILLEGAL_TRANSITION', { message: /"Application assessed".*allowed now: AwardContract, DeclineGrant, RejectProposal, WithdrawProposal$/ });
    });

    it('refuses anything after the grant is declined', () => {
      spec(grantHistories.declined)
        .when({ type: 'AwardContract', on: '2016-07-13', contract: grantTerms(100) })
        .thenThrows('ILLEGAL_TRANSITION', { message: /"Grant declined".*nothing, the case has ended/ });
    });
  });

  describe('evolve: the stage after each event', () => {
    it.each<[string, string, readonly CaseEvent[]]>([
      ['GrantApplicationReceived', 'application-received', grantHistories.applicationReceived],
      ['ExistingCommitmentImported', 'active', [importedCommitment('pcc-grant', grantTerms(3_473_500))]],
      ['GrantApplicationAssessed', 'assessed', grantHistories.assessed],
      ['ContractAwarded', 'active', grantHistories.active],
      ['GrantDeclined', 'declined', grantHistories.declined],
      ['ProposalRejected', 'rejected', [...grantHistories.assessed, event('ProposalRejected', { reason: 'x', on: '2016-07-01' })]],
      ['ProposalWithdrawn', 'withdrawn', [...grantHistories.applicationReceived, event('ProposalWithdrawn', { reason: 'x', on: '2016-07-01' })]],
    ])('%s → %s', (_event, stage, history) => {
      expect(spec(history).state()).toMatchObject({ status: 'open', stage });
    });

    it('remembers the application and the recommendation', () => {
      expect(spec(grantHistories.applicationReceived).state()).toMatchObject({
        openedOn: '2016-06-10',
        grant: { roundId: '2016-17-R1', applicant: 'Go-Getta CIC', requestedPence: 1_500_000 },
      });
      expect(spec(grantHistories.assessedDecline).state()).toMatchObject({ grant: { recommendation: 'decline' } });
      expect(spec(grantHistories.active).state()).toMatchObject({ contract: grant.contract });
    });
  });
});
