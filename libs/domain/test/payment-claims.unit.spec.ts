import { caseDecider } from '@app/domain';
import { specFor } from './given-when-then';
import { directHistories, event } from './fixtures';
import { claimApproved, claimPaid, claimReceived, measuresAgreed, paymentsAfter, plan, QUARTER_PENCE, reported, youthMentoring } from './payment-fixtures';

const spec = specFor(caseDecider);
const THRESHOLD = 1_000_000;
const reportIn = [youthMentoring, measuresAgreed, reported('2016-Q1')];
const claimed = [...reportIn, claimReceived('c1', '2016-Q1', QUARTER_PENCE, 'officer.one')];
const approve = (by: string, claimId = 'c1') => ({ type: 'ApproveClaim' as const, on: '2016-07-20', by, claimId, secondApprovalAbovePence: THRESHOLD });
const claim = (pence: number, by = 'officer.one', instalmentId = '2016-Q1') => ({ type: 'RecordClaim' as const, on: '2016-07-12', by, instalmentId, pence, evidenceRef: 'INV-2016-0712' });

describe('Claims and payments, under four eyes', () => {
  describe('RecordClaim', () => {
    it('records a claim up to what is due, with its evidence', () => {
      spec(reportIn)
        .when({ ...claim(QUARTER_PENCE), claimId: 'c1' })
        .then([claimReceived('c1', '2016-Q1', QUARTER_PENCE)]);
    });

    it('numbers claims per instalment when no id is given', () => {
      spec(reportIn).when(claim(100)).thenMatches([{ type: 'ClaimReceived', data: { claimId: '2016-Q1-claim-1' } as never }]);
    });

    it('refuses more than may still be claimed (the instalment less what is paid and claimed)', () => {
      spec(reportIn).when(claim(QUARTER_PENCE + 1)).thenThrows('CLAIM_EXCEEDS_DUE', { field: 'pence', message: /£36,889\.00 that may still be claimed/ });
      spec(claimed).when(claim(1)).thenThrows('CLAIM_EXCEEDS_DUE', { field: 'pence', message: /£0\.00/ });
    });

    it('refuses an unknown instalment, no evidence, and amounts that are not whole pence above zero', () => {
      spec(reportIn).when(claim(100, 'officer.one', '2016-Q9')).thenThrows('UNKNOWN_INSTALMENT', { field: 'instalmentId' });
      spec(reportIn).when({ ...claim(100), evidenceRef: ' ' }).thenThrows('VALIDATION_FAILED', { field: 'evidenceRef' });
      spec(reportIn).when(claim(0)).thenThrows('INVALID_AMOUNT', { field: 'pence' });
      spec(reportIn).when(claim(10.5)).thenThrows('INVALID_AMOUNT', { field: 'pence' });
    });

    it('needs a schedule: an award brings none until staff set it', () => {
      spec(directHistories.active).when(claim(100)).thenThrows('NO_SCHEDULE');
    });
  });

  describe('ApproveClaim', () => {
    it('is approved by a second officer', () => {
      spec(claimed).when(approve('officer.two')).then([claimApproved('c1', '2016-Q1', 'officer.two', 1, 2)]);
    });

    it('refuses the person who recorded the claim', () => {
      spec(claimed).when(approve('officer.one')).thenThrows('FOUR_EYES', { message: /officer\.one recorded claim c1/ });
    });

    it('above the threshold needs a second approval, by a third person: neither the recorder nor the first approver', () => {
      const once = [...claimed, claimApproved('c1', '2016-Q1', 'officer.two', 1, 2)];
      expect(paymentsAfter(once).claims[0]).toMatchObject({ status: 'received', approvedBy: ['officer.two'] });
      spec(once).when(approve('officer.two')).thenThrows('FOUR_EYES', { message: /already approved/ });
      spec(once).when(approve('officer.one')).thenThrows('FOUR_EYES', { message: /recorded claim/ });
      spec(once).when({ type: 'RecordPayment', on: '2016-07-25', by: 'finance.one', claimId: 'c1', paymentRef: 'BACS-1' }).thenThrows('CLAIM_NOT_APPROVED', { message: /1 of 2 approvals/ });
      spec(once).when(approve('head.of.finance')).then([claimApproved('c1', '2016-Q1', 'head.of.finance', 2, 2)]);
      expect(paymentsAfter([...once, claimApproved('c1', '2016-Q1', 'head.of.finance', 2, 2)]).claims[0]).toMatchObject({ status: 'approved' });
    });

    it('at or below the threshold one approval is enough', () => {
      const small = [...reportIn, claimReceived('c2', '2016-Q1', THRESHOLD, 'csp.user')];
      spec(small).when(approve('officer.one', 'c2')).then([claimApproved('c2', '2016-Q1', 'officer.one', 1, 1)]);
      expect(paymentsAfter([...small, claimApproved('c2', '2016-Q1', 'officer.one', 1, 1)]).claims[0].status).toBe('approved');
    });

    it('is refused before the instalment’s condition holds (no Q1 report yet)', () => {
      const early = [youthMentoring, measuresAgreed, claimReceived('c1', '2016-Q1', 100)];
      spec(early).when(approve('officer.two')).thenThrows('CONDITION_UNMET', { message: /2016-Q1 performance report/ });
    });
  });

  describe('RecordPayment, RejectClaim', () => {
    const approved = [...claimed, claimApproved('c1', '2016-Q1', 'officer.two', 1, 2), claimApproved('c1', '2016-Q1', 'head.of.finance', 2, 2)];

    it('records the payment with its reference and date', () => {
      spec(approved)
        .when({ type: 'RecordPayment', on: '2016-08-01', by: 'finance.one', claimId: 'c1', paymentRef: 'BACS-000123' })
        .then([claimPaid('c1', '2016-Q1', QUARTER_PENCE)]);
      expect(paymentsAfter([...approved, claimPaid('c1', '2016-Q1', QUARTER_PENCE)]).instalments[0]).toMatchObject({ paidPence: QUARTER_PENCE });
    });

    it('refuses to pay a claim twice, or one not approved', () => {
      spec([...approved, claimPaid('c1', '2016-Q1', QUARTER_PENCE)])
        .when({ type: 'RecordPayment', on: '2016-08-02', by: 'finance.one', claimId: 'c1', paymentRef: 'BACS-2' })
        .thenThrows('CLAIM_NOT_APPROVED', { message: /is paid/ });
      spec(claimed).when({ type: 'RecordPayment', on: '2016-08-01', by: 'finance.one', claimId: 'c1', paymentRef: 'BACS-1' }).thenThrows('CLAIM_NOT_APPROVED');
    });

    it('rejects a claim with a reason; what it asked may then be claimed again', () => {
      spec(claimed)
        .when({ type: 'RejectClaim', on: '2016-07-15', by: 'officer.two', claimId: 'c1', reason: 'Invoice does not match the return' })
        .then([{ type: 'ClaimRejected', data: { claimId: 'c1', instalmentId: '2016-Q1', reason: 'Invoice does not match the return', rejectedBy: 'officer.two', on: '2016-07-15' } }]);
      const rejected = [...claimed, event('ClaimRejected', { claimId: 'c1', instalmentId: '2016-Q1', reason: 'x', rejectedBy: 'officer.two', on: '2016-07-15' })];
      spec(rejected).when({ ...claim(QUARTER_PENCE), claimId: 'c1b' }).thenMatches([{ type: 'ClaimReceived' }]);
      spec(claimed).when({ type: 'RejectClaim', on: '2016-07-15', by: 'officer.two', claimId: 'c1', reason: '' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
      spec(claimed).when({ type: 'RejectClaim', on: '2016-07-15', by: 'officer.two', claimId: 'nope', reason: 'x' }).thenThrows('UNKNOWN_CLAIM', { field: 'claimId' });
    });
  });

  describe('RecoverPayment (clawback), its own decision', () => {
    const paid = [...reportIn, claimReceived('c1', '2016-Q1', QUARTER_PENCE), claimApproved('c1', '2016-Q1', 'officer.two', 1, 1), claimPaid('c1', '2016-Q1', QUARTER_PENCE)];
    const recover = (pence: number, reason = 'Sessions claimed were not delivered') => ({ type: 'RecoverPayment' as const, on: '2016-09-01', by: 'officer.two', instalmentId: '2016-Q1', pence, reason });

    it('recovers part of what was paid, with a reason', () => {
      spec(paid)
        .when(recover(500_000))
        .then([{ type: 'PaymentRecovered', data: { instalmentId: '2016-Q1', pence: 500_000, reason: 'Sessions claimed were not delivered', decidedBy: 'officer.two', on: '2016-09-01' } }]);
    });

    it('refuses more than was paid and not yet recovered, or no reason', () => {
      const once = [...paid, event('PaymentRecovered', { instalmentId: '2016-Q1', pence: 3_000_000, reason: 'x', decidedBy: 'officer.two', on: '2016-09-01' })];
      spec(once).when(recover(688_901)).thenThrows('RECOVERY_EXCEEDS_PAID', { field: 'pence', message: /£6,889\.00 paid and not yet recovered/ });
      spec(paid).when(recover(1, ' ')).thenThrows('REASON_REQUIRED', { field: 'reason' });
      spec([...reportIn]).when(recover(1)).thenThrows('RECOVERY_EXCEEDS_PAID', { field: 'pence' });
    });
  });

  it('a checkpoint condition is met by its own recorded decision', () => {
    const schedule = event('PaymentScheduleSet', { instalments: [plan('all', '2016-12-31', 14_755_600, { kind: 'checkpoint', name: 'mobilised' })], totalPence: 14_755_600, setBy: 'o', on: '2016-04-20' });
    const history = [youthMentoring, schedule, claimReceived('c1', 'all', 100)];
    spec(history).when(approve('officer.two')).thenThrows('CONDITION_UNMET', { message: /checkpoint "mobilised"/ });
    spec(history)
      .when({ type: 'RecordCheckpointMet', on: '2016-05-01', by: 'officer.one', checkpoint: 'mobilised', evidenceRef: 'Mobilisation report' })
      .then([{ type: 'PaymentCheckpointMet', data: { checkpoint: 'mobilised', evidenceRef: 'Mobilisation report', recordedBy: 'officer.one', on: '2016-05-01' } }]);
    const met = [...history, event('PaymentCheckpointMet', { checkpoint: 'mobilised', evidenceRef: 'x', recordedBy: 'officer.one', on: '2016-05-01' })];
    spec(met).when(approve('officer.two')).thenMatches([{ type: 'ClaimApproved' }]);
  });
});
