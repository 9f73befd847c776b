import { caseDecider, instalmentFigures } from '@app/domain';
import { specFor } from './given-when-then';
import { event } from './fixtures';
import { B05_PENCE, CASE, claimApproved, claimPaid, claimReceived, decide, measuresAgreed, mentees, paymentsAfter, plan, QUARTER_PENCE, reported, withheld, youthMentoring } from './payment-fixtures';

const spec = specFor(caseDecider);
const key = (instalmentId: string) => `${CASE}:payment-instalment:${instalmentId}`;
const dueCheck = (instalmentId: string, dueOn: string, on: string) => ({ type: 'RecordDeadlineMissed' as const, on, deadlineKey: key(instalmentId), dueOn });
const q1Paid = [youthMentoring, measuresAgreed, reported('2016-Q1'), claimReceived('c1', '2016-Q1', QUARTER_PENCE), claimApproved('c1', '2016-Q1', 'officer.two'), claimPaid('c1', '2016-Q1', QUARTER_PENCE)];

describe('Withholding and release', () => {
  describe('the due check (the reminders’ due job, the day after the due date)', () => {
    it('withholds an instalment whose condition is unmet by its due date', () => {
      spec(q1Paid)
        .when(dueCheck('2016-Q2', '2016-10-31', '2016-11-01'))
        .then([withheld('2016-Q2', '2016-10-31')]);
    });

    it('lets it fall due when its condition is met', () => {
      spec([...q1Paid, reported('2016-Q2', 41, '2016-10-12')])
        .when(dueCheck('2016-Q2', '2016-10-31', '2016-11-01'))
        .then([{ type: 'InstalmentFellDue', data: { instalmentId: '2016-Q2', dueOn: '2016-10-31', on: '2016-11-01' } }]);
    });

    it('does nothing for a paid instalment, one already checked, or one moved to another day, and never before the day', () => {
      spec(q1Paid).when(dueCheck('2016-Q1', '2016-07-31', '2016-08-01')).then([]);
      spec([...q1Paid, withheld('2016-Q2', '2016-10-31')]).when(dueCheck('2016-Q2', '2016-10-31', '2016-11-02')).then([]);
      spec(q1Paid).when(dueCheck('2016-Q2', '2016-09-30', '2016-11-01')).then([]);
      spec(q1Paid).when(dueCheck('2016-Q2', '2016-10-31', '2016-10-31')).thenThrows('NOT_YET_DUE');
    });

    it('reads the condition\'s period and the report\'s in one label: a report stored as 2016-FY meets a condition on 2016', () => {
      const annual = { ...mentees, id: 'year-mentees', frequency: 'annual' as const };
      const schedule = event('PaymentScheduleSet', {
        instalments: [plan('final', '2017-04-30', B05_PENCE, { kind: 'performance-report', period: '2016' })],
        totalPence: B05_PENCE,
        setBy: 'officer.one',
        on: '2016-04-21',
      });
      const history = [youthMentoring, event('PerformanceMeasuresAgreed', { measures: [annual], on: '2016-04-20' }), schedule];
      const annualReport = (period: string) => event('PerformanceReported', { measureId: annual.id, period, actual: 45, target: 40, rag: 'green', on: '2017-04-10', commentary: '' });
      const check = { type: 'RecordDeadlineMissed' as const, on: '2017-05-01', deadlineKey: key('final'), dueOn: '2017-04-30' };
      spec([...history, annualReport('2016-FY')]).when(check).thenMatches([{ type: 'InstalmentFellDue' }]);
      spec([...history, annualReport('2017')]).when(check).thenMatches([{ type: 'InstalmentWithheld' }]);
    });

    it('sends reminders for an instalment deadline like any other, until it is checked', () => {
      const remind = { type: 'SendReminder' as const, on: '2016-10-24', deadlineKey: key('2016-Q2'), dueOn: '2016-10-31', daysBefore: 7, recipient: 'contract-manager' as const };
      spec(q1Paid).when(remind).thenMatches([{ type: 'ReminderSent' }]);
      spec([...q1Paid, withheld('2016-Q2', '2016-10-31')]).when(remind).then([]);
    });
  });

  describe('release', () => {
    const late = [...q1Paid, withheld('2016-Q2', '2016-10-31')];

    it('a withheld instalment is neither approved nor paid', () => {
      const claimed = [...late, claimReceived('c2', '2016-Q2', QUARTER_PENCE, 'csp.user')];
      spec(claimed).when({ type: 'ApproveClaim', on: '2016-11-02', by: 'officer.two', claimId: 'c2', secondApprovalAbovePence: 1_000_000 }).thenThrows('INSTALMENT_WITHHELD');
      expect(instalmentFigures(paymentsAfter(late), paymentsAfter(late).instalments[1], '2016-11-02')).toMatchObject({ status: 'withheld', withheldPence: QUARTER_PENCE, duePence: 0 });
    });

    it('is released when the late report arrives, in the same decision', () => {
      spec(late)
        .when({ type: 'ReportPerformance', on: '2016-11-07', measureId: mentees.id, period: '2016-Q2', actual: 42, commentary: '' })
        .then([
          { type: 'PerformanceReported', data: { measureId: mentees.id, period: '2016-Q2', actual: 42, target: 40, rag: 'green', on: '2016-11-07', commentary: '' } },
          { type: 'InstalmentReleased', data: { instalmentId: '2016-Q2', reason: 'condition-unmet', on: '2016-11-07' } },
        ]);
    });

    it('a report for another period releases nothing', () => {
      const events = decide(late, { type: 'ReportPerformance', on: '2016-11-07', measureId: mentees.id, period: '2016-Q3', actual: 42, commentary: '' });
      expect(events.map((e) => e.type)).toEqual(['PerformanceReported']);
    });
  });

  describe('under-achievement', () => {
    const oneRed = [...q1Paid, reported('2016-Q2', 10, '2016-10-10')];
    const flagging = { type: 'ReportPerformance' as const, on: '2017-01-10', measureId: mentees.id, period: '2016-Q3', actual: 10, commentary: '' };

    it('flagged, every instalment not yet paid in full is withheld', () => {
      const events = decide(oneRed, flagging);
      expect(events.map((e) => e.type)).toEqual(['PerformanceReported', 'UnderAchievementFlagged', 'InstalmentWithheld', 'InstalmentWithheld', 'InstalmentWithheld']);
      expect(events.slice(2).map((e) => (e.data as { instalmentId: string; reason: string }).instalmentId)).toEqual(['2016-Q2', '2016-Q3', '2016-Q4']);
      expect(events.slice(2).every((e) => (e.data as { reason: string }).reason === 'under-achievement')).toBe(true);
    });

    it('remedial action agreed releases them; a condition still unmet keeps its own withholding', () => {
      const flagged = [...oneRed, ...decide(oneRed, flagging)];
      const events = decide(flagged, { type: 'AgreeRemedialAction', on: '2017-01-20', action: 'Weekly mentoring sessions added', reviewBy: '2017-03-31' });
      expect(events.map((e) => e.type)).toEqual(['RemedialActionAgreed', 'InstalmentReleased', 'InstalmentReleased', 'InstalmentReleased']);
      const withQ4Late = [...flagged, withheld('2016-Q4', '2017-04-30')];
      const after = paymentsAfter([...withQ4Late, ...decide(withQ4Late, { type: 'AgreeRemedialAction', on: '2017-05-02', action: 'x', reviewBy: '2017-06-30' })]);
      expect(after.instalments.map((i) => [i.id, i.withheld])).toEqual([
        ['2016-Q1', []],
        ['2016-Q2', []],
        ['2016-Q3', []],
        ['2016-Q4', ['condition-unmet']],
      ]);
    });
  });

  it('the figures of every instalment sum to the schedule to the penny', () => {
    const history = [...q1Paid, withheld('2016-Q2', '2016-10-31'), event('PaymentRecovered', { instalmentId: '2016-Q1', pence: 100_000, reason: 'x', decidedBy: 'o', on: '2016-09-01' })];
    const payments = paymentsAfter(history);
    const figures = payments.instalments.map((i) => instalmentFigures(payments, i, '2016-12-31'));
    expect(figures.map((f) => f.status)).toEqual(['paid', 'withheld', 'scheduled', 'scheduled']);
    const total = figures.reduce((s, f) => s + f.paidPence + f.recoveredPence + f.approvedUnpaidPence + f.withheldPence + f.duePence + f.forecastPence, 0);
    expect(total).toBe(14_755_600);
    expect(figures[0]).toMatchObject({ paidPence: QUARTER_PENCE - 100_000, recoveredPence: 100_000 });
  });
});
