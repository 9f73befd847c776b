import { caseDecider, type CaseEvent } from '@app/domain';
import { specFor } from './given-when-then';
import {
  contractTerms,
  direct,
  DIRECT_PROVIDER,
  directHistories,
  DISPENSED_PROVIDER,
  event,
  importedCommitment,
  referrals,
  refusal,
} from './fixtures';

const spec = specFor(caseDecider);

describe('Direct commissioning workflow (6.2a)', () => {
  describe('IssueTender (from "proposed", guard tenderClosesAfterIssue)', () => {
    it('issues an open tender', () => {
      spec(directHistories.proposed)
        .when({ type: 'IssueTender', on: '2016-04-11', reference: 'OPCC-T-2016-07', closesOn: '2016-05-09' })
        .then([{ type: 'TenderIssued', data: { reference: 'OPCC-T-2016-07', on: '2016-04-11', closesOn: '2016-05-09' } }]);
    });

    it.each(['2016-04-11', '2016-04-10'])('refuses a tender closing on %s when issued on 2016-04-11', (closesOn) => {
      spec(directHistories.proposed)
        .when({ type: 'IssueTender', on: '2016-04-11', reference: 'OPCC-T-2016-07', closesOn })
        .thenThrows('INVALID_DATES', { field: 'closesOn', message: /11 Apr 2016/ });
    });
  });

  describe('SelectProvider (from "tendering", guard tenderHadBids)', () => {
    it('selects a provider from the bids', () => {
      spec(directHistories.tendering)
        .when({ type: 'SelectProvider', on: '2016-05-16', provider: DIRECT_PROVIDER, bidsReceived: 3 })
        .then([{ type: 'ProviderSelected', data: { provider: DIRECT_PROVIDER, bidsReceived: 3, on: '2016-05-16' } }]);
    });

    it('refuses to select a provider when no bid was received', () => {
      spec(directHistories.tendering)
        .when({ type: 'SelectProvider', on: '2016-05-16', provider: DIRECT_PROVIDER, bidsReceived: 0 })
        .thenThrows('NO_BIDS', { field: 'bidsReceived' });
    });
  });

  describe('GrantSingleProviderDispensation (from "proposed", guard reasonGiven)', () => {
    it('records the dispensation with its reason', () => {
      spec(directHistories.proposed)
        .when({ type: 'GrantSingleProviderDispensation', on: '2016-04-18', provider: DISPENSED_PROVIDER, reason: 'Only national line' })
        .then([
          { type: 'SingleProviderDispensationGranted', data: { provider: DISPENSED_PROVIDER, reason: 'Only national line', on: '2016-04-18' } },
        ]);
    });

    it('refuses a dispensation without a reason', () => {
      spec(directHistories.proposed)
        .when({ type: 'GrantSingleProviderDispensation', on: '2016-04-18', provider: DISPENSED_PROVIDER, reason: '   ' })
        .thenThrows('REASON_REQUIRED', { field: 'reason' });
    });
  });

  describe('AwardContract (from "provider-selected" or "dispensation-granted")', () => {
    it('awards to the provider selected by tender', () => {
      const contract = contractTerms({ provider: DIRECT_PROVIDER });
      spec(directHistories.providerSelected)
        .when({ type: 'AwardContract', on: '2016-05-23', contract })
        .then([{ type: 'ContractAwarded', data: { contract, on: '2016-05-23' } }]);
    });

    it('awards to the provider with a single-provider dispensation', () => {
      const contract = contractTerms({ provider: DISPENSED_PROVIDER, valuePence: 2_619_000 });
      spec(directHistories.dispensationGranted)
        .when({ type: 'AwardContract', on: '2016-05-01', contract })
        .then([{ type: 'ContractAwarded', data: { contract, on: '2016-05-01' } }]);
    });

    it.each([
      ['provider-selected', directHistories.providerSelected, DIRECT_PROVIDER],
      ['dispensation-granted', directHistories.dispensationGranted, DISPENSED_PROVIDER],
    ] as const)('from %s refuses a contract with another provider (awardToChosenProvider)', (_stage, history, chosen) => {
      spec(history)
        .when({ type: 'AwardContract', on: '2016-05-23', contract: contractTerms({ provider: 'Somebody Else Ltd' }) })
        .thenThrows('WRONG_PROVIDER', { field: 'contract.provider', message: new RegExp(chosen) });
    });

    it('refuses a contract worth nothing (contractTermsValid)', () => {
      spec(directHistories.providerSelected)
        .when({ type: 'AwardContract', on: '2016-05-23', contract: contractTerms({ valuePence: 0 }) })
        .thenThrows('INVALID_AMOUNT', { field: 'contract.valuePence' });
    });

    it('refuses a contract ending before it starts (contractTermsValid)', () => {
      spec(directHistories.providerSelected)
        .when({ type: 'AwardContract', on: '2016-05-23', contract: contractTerms({ startDate: '2016-06-01', endDate: '2016-05-31' }) })
        .thenThrows('INVALID_DATES', { field: 'contract.endDate' });
    });

    it('refuses a contract with a measure id twice (contractTermsValid)', () => {
      spec(directHistories.providerSelected)
        .when({ type: 'AwardContract', on: '2016-05-23', contract: contractTerms({ measures: [referrals, { ...referrals, name: 'Again' }] }) })
        .thenThrows('DUPLICATE_MEASURE', { field: 'contract.measures', message: /referrals/ });
    });
  });

  describe('RejectProposal and WithdrawProposal (from every pre-award stage, guard reasonGiven)', () => {
    const preAward = [
      ['proposed', directHistories.proposed],
      ['tendering', directHistories.tendering],
      ['provider-selected', directHistories.providerSelected],
      ['dispensation-granted', directHistories.dispensationGranted],
    ] as const;

    it.each(preAward)('rejects from %s', (_stage, history) => {
      spec(history)
        .when({ type: 'RejectProposal', on: '2016-05-20', reason: 'Outside the Police and Crime Plan' })
        .then([{ type: 'ProposalRejected', data: { reason: 'Outside the Police and Crime Plan', on: '2016-05-20' } }]);
    });

    it.each(preAward)('withdraws from %s', (_stage, history) => {
      spec(history)
        .when({ type: 'WithdrawProposal', on: '2016-05-20', reason: 'Provider ceased trading' })
        .then([{ type: 'ProposalWithdrawn', data: { reason: 'Provider ceased trading', on: '2016-05-20' } }]);
    });

    it('refuses a rejection without a reason', () => {
      spec(directHistories.tendering).when({ type: 'RejectProposal', on: '2016-05-20', reason: '' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
    });

    it('refuses a withdrawal without a reason', () => {
      spec(directHistories.tendering).when({ type: 'WithdrawProposal', on: '2016-05-20', reason: ' ' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
    });
  });

  describe('illegal transitions', () => {
    it('refuses SelectProvider before a tender is issued, naming the stage and what is allowed', () => {
      spec(directHistories.proposed)
        .when({ type: 'SelectProvider', on: '2016-05-16', provider: DIRECT_PROVIDER, bidsReceived: 2 })
        .thenThrows('ILLEGAL_TRANSITION', {
          message: /SelectProvider is not allowed while the case is at "Proposal raised" \(Direct commissioning workflow v1\); allowed now: IssueTender, GrantSingleProviderDispensation, RejectProposal, WithdrawProposal$/,
        });
      const error = refusal(() =>
        caseDecider.decide(
          { type: 'SelectProvider', on: '2016-05-16', provider: DIRECT_PROVIDER, bidsReceived: 2 },
          directHistories.proposed.reduce(caseDecider.evolve, caseDecider.initialState),
        ),
      );
      expect(error.details).toEqual({
        stage: 'proposed',
        allowed: ['IssueTender', 'GrantSingleProviderDispensation', 'RejectProposal', 'WithdrawProposal'],
        workflow: { id: 'direct', version: 1 },
      });
    });

    it('refuses to issue a second tender once tendering', () => {
      spec(directHistories.tendering)
        .when({ type: 'IssueTender', on: '2016-04-12', reference: 'again', closesOn: '2016-06-01' })
        .thenThrows('ILLEGAL_TRANSITION', { message: /"Open tender issued".*allowed now: SelectProvider, RejectProposal, WithdrawProposal$/ });
    });

    it('refuses an award straight from a proposal (no tender, no dispensation)', () => {
      spec(directHistories.proposed)
        .when({ type: 'AwardContract', on: '2016-05-23', contract: contractTerms() })
        .thenThrows('ILLEGAL_TRANSITION', { message: /AwardContract is not allowed while the case is at "Proposal raised"/ });
    });

    it('refuses anything once the proposal is rejected: the case has ended', () => {
      const rejected = [...directHistories.proposed, event('ProposalRejected', { reason: 'No', on: '2016-04-20' })];
      spec(rejected)
        .when({ type: 'IssueTender', on: '2016-04-21', reference: 'late', closesOn: '2016-05-21' })
        .thenThrows('ILLEGAL_TRANSITION', { message: /at "Rejected".*allowed now: nothing, the case has ended/ });
    });
  });

  describe('evolve: the stage after each event', () => {
    const rejected = event('ProposalRejected', { reason: 'No', on: '2016-04-20' });
    const withdrawn = event('ProposalWithdrawn', { reason: 'No', on: '2016-04-20' });
    it.each<[string, string, readonly CaseEvent[]]>([
      ['ProposalRaised', 'proposed', directHistories.proposed],
      ['ExistingCommitmentImported', 'active', [importedCommitment('direct')]],
      ['TenderIssued', 'tendering', directHistories.tendering],
      ['ProviderSelected', 'provider-selected', directHistories.providerSelected],
      ['SingleProviderDispensationGranted', 'dispensation-granted', directHistories.dispensationGranted],
      ['ContractAwarded after a tender', 'active', directHistories.active],
      ['ContractAwarded after a dispensation', 'active', [...directHistories.dispensationGranted, direct.awarded]],
      ['ProposalRejected', 'rejected', [...directHistories.tendering, rejected]],
      ['ProposalWithdrawn', 'withdrawn', [...directHistories.providerSelected, withdrawn]],
    ])('%s → %s', (_event, stage, history) => {
      expect(spec(history).state()).toMatchObject({ status: 'open', stage });
    });

    it('remembers the chosen provider, the tender dates and the contract', () => {
      expect(spec(directHistories.active).state()).toMatchObject({
        profile: { caseId: '2016-17-P-0001', mechanism: 'direct' },
        workflow: { id: 'direct', version: 1 },
        openedOn: '2016-04-04',
        estimatedValuePence: 15_000_000,
        tender: { issuedOn: '2016-04-11', closesOn: '2016-05-09' },
        chosenProvider: DIRECT_PROVIDER,
        contract: direct.contract,
        reports: [],
      });
      expect(spec(directHistories.dispensationGranted).state()).toMatchObject({ chosenProvider: DISPENSED_PROVIDER });
    });
  });
});
