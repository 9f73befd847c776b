import { caseDecider, type CaseEvent } from '@app/domain';
import { specFor } from './given-when-then';
import { BOARDS, coCom, coComHistories, contractTerms, event, importedCommitment, referrals, refusal } from './fixtures';

const spec = specFor(caseDecider);

describe('Co-commissioning workflow (6.2b)', () => {
  describe('AssignBoard (from "proposed", guard boardOfFramework)', () => {
    it.each(BOARDS)('assigns the case to the framework board %s', (board) => {
      spec(coComHistories.proposed)
        .when({ type: 'AssignBoard', on: '2016-04-08', board, frameworkBoards: BOARDS })
        .then([{ type: 'BoardAssigned', data: { board, on: '2016-04-08' } }]);
    });

    it('refuses a board the framework does not name, listing the boards that it does', () => {
      spec(coComHistories.proposed)
        .when({ type: 'AssignBoard', on: '2016-04-08', board: 'community-safety-partnership', frameworkBoards: BOARDS })
        .thenThrows('UNKNOWN_BOARD', { field: 'board', message: /reducing-reoffending-board, substance-misuse-board, joint-commissioning-assurance-board/ });
    });
  });

  describe('RecordBoardDecision (from "with-board", no guard)', () => {
    it.each(['approved', 'rejected'] as const)('records the board %s the proposal, naming the assigned board', (decision) => {
      spec(coComHistories.withBoard)
        .when({ type: 'RecordBoardDecision', on: '2016-05-02', decision, notes: 'Minute 12/16' })
        .then([
          { type: 'BoardDecisionRecorded', data: { board: 'reducing-reoffending-board', decision, notes: 'Minute 12/16', on: '2016-05-02' } },
        ]);
    });
  });

  describe('AwardContract (from "board-approved", guard contractTermsValid)', () => {
    it('awards the agreement the board approved', () => {
      const contract = contractTerms({ kind: 'agreement', provider: 'Leicester City Council', valuePence: 9_875_000 });
      spec(coComHistories.boardApproved)
        .when({ type: 'AwardContract', on: '2016-05-09', contract })
        .then([{ type: 'ContractAwarded', data: { contract, on: '2016-05-09' } }]);
    });

    it.each([
      ['INVALID_AMOUNT', 'contract.valuePence', contractTerms({ valuePence: -1 })],
      ['INVALID_DATES', 'contract.endDate', contractTerms({ startDate: '2016-06-01', endDate: '2016-04-01' })],
      ['DUPLICATE_MEASURE', 'contract.measures', contractTerms({ measures: [referrals, referrals] })],
    ] as const)('refuses invalid terms: %s on %s', (code, field, contract) => {
      spec(coComHistories.boardApproved).when({ type: 'AwardContract', on: '2016-05-09', contract }).thenThrows(code, { field });
    });
  });

  describe('RejectProposal and WithdrawProposal (from "proposed", "with-board", "board-approved", guard reasonGiven)', () => {
    const preAward = [
      ['proposed', coComHistories.proposed],
      ['with-board', coComHistories.withBoard],
      ['board-approved', coComHistories.boardApproved],
    ] as const;

    it.each(preAward)('rejects from %s', (_stage, history) => {
      spec(history)
        .when({ type: 'RejectProposal', on: '2016-05-03', reason: 'Funded elsewhere' })
        .then([{ type: 'ProposalRejected', data: { reason: 'Funded elsewhere', on: '2016-05-03' } }]);
    });

    it.each(preAward)('withdraws from %s', (_stage, history) => {
      spec(history)
        .when({ type: 'WithdrawProposal', on: '2016-05-03', reason: 'Board dissolved' })
        .then([{ type: 'ProposalWithdrawn', data: { reason: 'Board dissolved', on: '2016-05-03' } }]);
    });

    it('refuses a rejection without a reason', () => {
      spec(coComHistories.withBoard).when({ type: 'RejectProposal', on: '2016-05-03', reason: '' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
    });

    it('refuses a withdrawal without a reason', () => {
      spec(coComHistories.boardApproved).when({ type: 'WithdrawProposal', on: '2016-05-03', reason: '\t' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
    });
  });

  describe('illegal transitions', () => {
    it('refuses an award before the board has approved, naming the stage and what is allowed', () => {
      spec(coComHistories.withBoard)
        .when({ type: 'AwardContract', on: '2016-05-09', contract: contractTerms() })
        .thenThrows('ILLEGAL_TRANSITION', {
          message: /^AwardContract is not allowed while the case is at "Assigned to a commissioning board" \(Co-commissioning workflow v1\); allowed now: RecordBoardDecision, RejectProposal, WithdrawProposal$/,
        });
    });

    it('refuses a board decision before a board is assigned', () => {
      const error = refusal(() =>
        caseDecider.decide(
          { type: 'RecordBoardDecision', on: '2016-05-02', decision: 'approved', notes: '' },
          coComHistories.proposed.reduce(caseDecider.evolve, caseDecider.initialState),
        ),
      );
      expect(error.code).toBe('ILLEGAL_TRANSITION');
      expect(error.details).toMatchObject({ stage: 'proposed', allowed: ['AssignBoard', 'RejectProposal', 'WithdrawProposal'] });
    });

    it('refuses everything once the board has rejected: the case has ended', () => {
      spec(coComHistories.boardRejected)
        .when({ type: 'AwardContract', on: '2016-05-09', contract: contractTerms() })
        .thenThrows('ILLEGAL_TRANSITION', { message: /at "Rejected by the board".*allowed now: nothing, the case has ended$/ });
      spec(coComHistories.boardRejected)
        .when({ type: 'WithdrawProposal', on: '2016-05-09', reason: 'too late' })
        .thenThrows('ILLEGAL_TRANSITION');
    });
  });

  describe('evolve: the stage after each event', () => {
    it.each<[string, string, readonly CaseEvent[]]>([
      ['ProposalRaised', 'proposed', coComHistories.proposed],
      ['ExistingCommitmentImported', 'active', [importedCommitment('co-commissioning')]],
      ['BoardAssigned', 'with-board', coComHistories.withBoard],
      ['BoardDecisionRecorded approved', 'board-approved', coComHistories.boardApproved],
      ['BoardDecisionRecorded rejected', 'board-rejected', coComHistories.boardRejected],
      ['ContractAwarded', 'active', coComHistories.active],
      ['ProposalRejected', 'rejected', [...coComHistories.withBoard, event('ProposalRejected', { reason: 'x', on: '2016-05-03' })]],
      ['ProposalWithdrawn', 'withdrawn', [...coComHistories.boardApproved, event('ProposalWithdrawn', { reason: 'x', on: '2016-05-03' })]],
    ])('%s → %s', (_event, stage, history) => {
      expect(spec(history).state()).toMatchObject({ status: 'open', stage });
    });

    it('remembers the assigned board', () => {
      expect(spec(coComHistories.withBoard).state()).toMatchObject({ board: 'reducing-reoffending-board' });
      expect(spec(coComHistories.active).state()).toMatchObject({ contract: coCom.contract });
    });
  });
});
