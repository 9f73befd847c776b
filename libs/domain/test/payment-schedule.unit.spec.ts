import { caseDecider, defaultSchedule, evenShares } from '@app/domain';
import { specFor } from './given-when-then';
import { event, profile } from './fixtures';
import { B05_PENCE, claimPaid, claimReceived, claimApproved, measuresAgreed, paymentsAfter, plan, QUARTER_PENCE, reported, youthMentoring, decide } from './payment-fixtures';

const spec = specFor(caseDecider);
const set = (instalments: ReturnType<typeof plan>[], by = 'officer.one') => ({ type: 'SetPaymentSchedule' as const, on: '2016-04-20', by, instalments });

describe('Payment schedules', () => {
  describe('the default schedule of an imported commitment', () => {
    it('is quarterly in arrears across the year, each due at the end of the month after its quarter, on that quarter’s report', () => {
      expect(paymentsAfter([youthMentoring])).toMatchObject({
        basis: 'default',
        instalments: [
          { id: '2016-Q1', dueOn: '2016-07-31', pence: QUARTER_PENCE, condition: { kind: 'performance-report', period: '2016-Q1' } },
          { id: '2016-Q2', dueOn: '2016-10-31', pence: QUARTER_PENCE, condition: { kind: 'performance-report', period: '2016-Q2' } },
          { id: '2016-Q3', dueOn: '2017-01-31', pence: QUARTER_PENCE, condition: { kind: 'performance-report', period: '2016-Q3' } },
          { id: '2016-Q4', dueOn: '2017-04-30', pence: QUARTER_PENCE, condition: { kind: 'performance-report', period: '2016-Q4' } },
        ],
      });
      expect(paymentsAfter([youthMentoring]).instalments.reduce((s, i) => s + i.pence, 0)).toBe(B05_PENCE);
    });

    it('puts the pence remainder on the last instalment', () => {
      expect(evenShares(10_000_003, 4)).toEqual([2_500_000, 2_500_000, 2_500_000, 2_500_003]);
      const odd = defaultSchedule({ valuePence: 10_000_003, startDate: '2016-04-01', endDate: '2017-03-31' });
      expect(odd.map((i) => i.pence)).toEqual([2_500_000, 2_500_000, 2_500_000, 2_500_003]);
    });

    it('covers only the quarters a shorter contract runs in', () => {
      const short = defaultSchedule({ valuePence: 900, startDate: '2016-06-01', endDate: '2016-12-15' });
      expect(short.map((i) => [i.id, i.pence])).toEqual([['2016-Q1', 300], ['2016-Q2', 300], ['2016-Q3', 300]]);
    });

    it('is not made for a case that opens before its award', () => {
      const raised = event('ProposalRaised', { profile: profile('direct'), workflow: { id: 'direct', version: 1 }, estimatedValuePence: 100, on: '2016-04-04' });
      expect(spec([raised]).state()).not.toHaveProperty('payments');
    });
  });

  describe('SetPaymentSchedule', () => {
    const three = [plan('I1', '2016-06-30', 5_000_000), plan('I2', '2016-09-30', 5_000_000), plan('I3', '2016-12-31', 4_755_600, { kind: 'checkpoint', name: 'year-end-review' })];

    it('replaces the default when the instalments sum exactly to the contract value', () => {
      spec([youthMentoring])
        .when(set(three))
        .then([{ type: 'PaymentScheduleSet', data: { instalments: three, totalPence: B05_PENCE, setBy: 'officer.one', on: '2016-04-20' } }]);
    });

    it('refuses a schedule that does not sum to the contract value, naming the field and the difference', () => {
      const short = [plan('I1', '2016-06-30', 5_000_000), plan('I2', '2016-09-30', 9_755_599)];
      spec([youthMentoring]).when(set(short)).thenThrows('SCHEDULE_SUM_MISMATCH', { field: 'instalments', message: /£0\.01 less than the £147,556\.00/ });
      const over = [plan('I1', '2016-06-30', 14_855_600)];
      spec([youthMentoring]).when(set(over)).thenThrows('SCHEDULE_SUM_MISMATCH', { field: 'instalments', message: /£1,000\.00 more/ });
    });

    it('refuses repeated ids, bad ids, dates and amounts, naming the instalment', () => {
      spec([youthMentoring]).when(set([plan('I1', '2016-06-30', 1), plan('I1', '2016-09-30', B05_PENCE - 1)])).thenThrows('DUPLICATE_ID', { field: 'instalments[1].id' });
      spec([youthMentoring]).when(set([plan('I:1', '2016-06-30', B05_PENCE)])).thenThrows('VALIDATION_FAILED', { field: 'instalments[0].id' });
      spec([youthMentoring]).when(set([plan('I1', '2016-02-30', B05_PENCE)])).thenThrows('VALIDATION_FAILED', { field: 'instalments[0].dueOn' });
      spec([youthMentoring]).when(set([plan('I1', '2016-06-30', B05_PENCE + 0.5)])).thenThrows('INVALID_AMOUNT', { field: 'instalments[0].pence' });
      spec([youthMentoring]).when(set([plan('I1', '2016-06-30', 0), plan('I2', '2016-06-30', B05_PENCE)])).thenThrows('INVALID_AMOUNT', { field: 'instalments[0].pence' });
    });

    it('is refused once claims are made against the schedule', () => {
      spec([youthMentoring, claimReceived('c1', '2016-Q1', 1000)]).when(set(three)).thenThrows('SCHEDULE_IN_USE');
    });

    it('is refused on a case with no contract', () => {
      const proposal = event('ProposalRaised', {
        profile: profile('direct', { caseId: '2016-17-P-1' }),
        workflow: { id: 'direct', version: 1 },
        estimatedValuePence: 100,
        on: '2016-04-04',
      });
      spec([proposal]).when(set(three)).thenThrows('NO_CONTRACT');
    });
  });

  describe('re-profiling', () => {
    const q1Paid = [youthMentoring, measuresAgreed, reported('2016-Q1'), claimReceived('c1', '2016-Q1', QUARTER_PENCE), claimApproved('c1', '2016-Q1', 'officer.two'), claimPaid('c1', '2016-Q1', QUARTER_PENCE)];

    it('a variation re-profiles only the unpaid instalments; the paid one never changes', () => {
      const events = decide(q1Paid, { type: 'VaryContract', on: '2016-10-14', valuePence: 12_000_000, reason: 'Scope reduced' });
      expect(events.map((e) => e.type)).toEqual(['ContractVaried', 'PaymentScheduleReprofiled']);
      const after = paymentsAfter([...q1Paid, ...events]);
      expect(after.instalments.map((i) => [i.id, i.pence])).toEqual([
        ['2016-Q1', QUARTER_PENCE],
        ['2016-Q2', 2_770_366],
        ['2016-Q3', 2_770_366],
        ['2016-Q4', 2_770_368],
      ]);
      expect(after.instalments.reduce((s, i) => s + i.pence, 0)).toBe(12_000_000);
      expect(after.instalments[0]).toMatchObject({ paidPence: QUARTER_PENCE });
    });

    it('refuses a variation below what is already claimed or paid', () => {
      spec(q1Paid)
        .when({ type: 'VaryContract', on: '2016-10-14', valuePence: QUARTER_PENCE - 1, reason: 'Cut' })
        .thenThrows('VARIATION_BELOW_SETTLED', { field: 'valuePence' });
    });

    it('ReprofilePaymentSchedule replaces the unsettled instalments; they must make up the rest exactly', () => {
      const rest = B05_PENCE - QUARTER_PENCE;
      const replacement = [plan('H2', '2016-12-31', rest - 1_000_000), plan('final', '2017-04-30', 1_000_000, { kind: 'checkpoint', name: 'final-report' })];
      const command = { type: 'ReprofilePaymentSchedule' as const, on: '2016-10-14', by: 'officer.one', instalments: replacement, reason: 'Provider asked for a half-year profile' };
      const events = decide(q1Paid, command);
      expect(events).toMatchObject([{ type: 'PaymentScheduleReprofiled', data: { cause: 'decision', totalPence: B05_PENCE } }]);
      expect(paymentsAfter([...q1Paid, ...events]).instalments.map((i) => i.id)).toEqual(['2016-Q1', 'H2', 'final']);
      spec(q1Paid)
        .when({ ...command, instalments: [plan('H2', '2016-12-31', rest + 1)] })
        .thenThrows('SCHEDULE_SUM_MISMATCH', { field: 'instalments', message: /£0\.01 more/ });
      spec(q1Paid)
        .when({ ...command, instalments: [plan('2016-Q1', '2016-12-31', rest)] })
        .thenThrows('DUPLICATE_ID', { field: 'instalments[0].id' });
      spec(q1Paid).when({ ...command, reason: ' ' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
    });
  });
});
