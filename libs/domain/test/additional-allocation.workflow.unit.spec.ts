import { caseDecider, type CaseEvent } from '@app/domain';
import { specFor } from './given-when-then';
import { allocation, allocationHistories, contractTerms, event, PROJECT_360_ALLOCATION, repeats } from './fixtures';

const spec = specFor(caseDecider);

describe('Additional allocation workflow (Appendix C): Project 360, £292,000', () => {
  describe('AwardContract (from "allocated", guard contractTermsValid)', () => {
    it('turns the allocation into a contract', () => {
      const contract = contractTerms({ provider: 'Project 360 partnership', valuePence: PROJECT_360_ALLOCATION, measures: [repeats] });
      spec(allocationHistories.allocated)
        .when({ type: 'AwardContract', on: '2016-04-20', contract })
        .then([{ type: 'ContractAwarded', data: { contract, on: '2016-04-20' } }]);
    });

    it.each([
      ['INVALID_AMOUNT', 'contract.valuePence', contractTerms({ valuePence: 0 })],
      ['INVALID_DATES', 'contract.endDate', contractTerms({ startDate: '2016-04-01', endDate: '2016-03-31' })],
      ['DUPLICATE_MEASURE', 'contract.measures', contractTerms({ measures: [repeats, repeats] })],
    ] as const)('refuses invalid terms: %s on %s', (code, field, contract) => {
      spec(allocationHistories.allocated).when({ type: 'AwardContract', on: '2016-04-20', contract }).thenThrows(code, { field });
    });
  });

  describe('RejectProposal and WithdrawProposal (from "allocated", guard reasonGiven)', () => {
    it('rejects the allocation', () => {
      spec(allocationHistories.allocated)
        .when({ type: 'RejectProposal', on: '2016-05-01', reason: 'New PCC priorities' })
        .then([{ type: 'ProposalRejected', data: { reason: 'New PCC priorities', on: '2016-05-01' } }]);
    });

    it('withdraws the allocation', () => {
      spec(allocationHistories.allocated)
        .when({ type: 'WithdrawProposal', on: '2016-05-01', reason: 'Force funds it in full' })
        .then([{ type: 'ProposalWithdrawn', data: { reason: 'Force funds it in full', on: '2016-05-01' } }]);
    });

    it('refuses both without a reason', () => {
      spec(allocationHistories.allocated).when({ type: 'RejectProposal', on: '2016-05-01', reason: '' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
      spec(allocationHistories.allocated).when({ type: 'WithdrawProposal', on: '2016-05-01', reason: '  ' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
    });
  });

  describe('illegal transitions', () => {
    it('refuses a performance report before any contract, naming the stage and what is allowed', () => {
      spec(allocationHistories.allocated)
        .when({ type: 'ReportPerformance', on: '2016-07-14', measureId: 'repeats', period: '2016-Q1', actual: 40, commentary: '' })
        .thenThrows('ILLEGAL_TRANSITION', {
          message: /^ReportPerformance is not allowed while the case is at "Funds allocated" \(Additional allocation workflow v1\); allowed now: AwardContract, RejectProposal, WithdrawProposal$/,
        });
    });

    it('refuses a second award', () => {
      spec(allocationHistories.active)
        .when({ type: 'AwardContract', on: '2016-04-21', contract: allocation.contract })
        .thenThrows('ILLEGAL_TRANSITION', { message: /"Contract active"/ });
    });
  });

  describe('evolve: the stage after each event', () => {
    it.each<[string, string, readonly CaseEvent[]]>([
      ['AdditionalAllocationImported', 'allocated', allocationHistories.allocated],
      ['ContractAwarded', 'active', allocationHistories.active],
      ['ProposalRejected', 'rejected', [...allocationHistories.allocated, event('ProposalRejected', { reason: 'x', on: '2016-05-01' })]],
      ['ProposalWithdrawn', 'withdrawn', [...allocationHistories.allocated, event('ProposalWithdrawn', { reason: 'x', on: '2016-05-01' })]],
    ])('%s → %s', (_event, stage, history) => {
      expect(spec(history).state()).toMatchObject({ status: 'open', stage });
    });

    it('opens with the allocation, under the additional-allocation workflow (no mechanism)', () => {
      expect(spec(allocationHistories.allocated).state()).toMatchObject({
        profile: { mechanism: null, origin: { source: 'appendix-c', ref: 'C01' } },
        workflow: { id: 'additional-allocation', version: 1 },
        allocationPence: 29_200_000,
        openedOn: '2015-10-23',
      });
    });
  });
});
