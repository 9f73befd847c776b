import { type ActualsDoc, actualsProjection, caseSchedule, spendOver, yearActuals } from '@app/projections/actuals';
import { contract, imported, measure, onCase, resetRevisions } from './contract-fixtures';
import { given } from './projection-spec';

const B05 = '2016-17-B05';
const Q = 3_688_900;
const paidQ1 = () => [
  imported(B05, contract({ measures: [measure('mentees')] })),
  onCase(B05, { type: 'ClaimReceived', data: { claimId: 'c1', instalmentId: '2016-Q1', pence: Q, evidenceRef: 'INV-1', recordedBy: 'officer.one', on: '2016-07-12' } }, '2016-07-12'),
  onCase(B05, { type: 'ClaimApproved', data: { claimId: 'c1', instalmentId: '2016-Q1', approvedBy: 'officer.two', on: '2016-07-20', approval: 1, approvalsRequired: 1 } }, '2016-07-20'),
  onCase(B05, { type: 'ClaimPaid', data: { claimId: 'c1', instalmentId: '2016-Q1', pence: Q, paymentRef: 'BACS-1', on: '2016-08-01', recordedBy: 'finance.one' } }, '2016-08-01'),
  onCase(B05, { type: 'InstalmentWithheld', data: { instalmentId: '2016-Q2', reason: 'condition-unmet', condition: { kind: 'none' }, dueOn: '2016-10-31', on: '2016-11-01' } }, '2016-11-01'),
];

describe('actuals projection', () => {
  beforeEach(resetRevisions);

  it('keeps each case’s schedule as the domain folds it, with its instalments’ states on a date', () => {
    const doc = given(actualsProjection, paidQ1()).then(B05) as ActualsDoc;
    const schedule = caseSchedule(doc, '2016-11-02');
    expect(schedule.instalments.map((i) => [i.id, i.status, i.paidPence, i.withheldPence])).toEqual([
      ['2016-Q1', 'paid', Q, 0],
      ['2016-Q2', 'withheld', 0, Q],
      ['2016-Q3', 'scheduled', 0, 0],
      ['2016-Q4', 'scheduled', 0, 0],
    ]);
    expect(schedule.totals).toMatchObject({ scheduledPence: 14_755_600, paidPence: Q, withheldPence: Q, forecastPence: 2 * Q, remainingPence: 14_755_600 - Q });
    expect(schedule.formatted).toMatchObject({ paid: '£36,889.00', remaining: '£110,667.00' });
  });

  it('sums a year to the penny, and by theme, priority, mechanism and provider', () => {
    const other = '2016-17-B06';
    const events = [...paidQ1(), imported(other, contract({ provider: 'Catch 22', valuePence: 1_000_001 }), { theme: 'supporting-victims', primaryPriorities: ['SP5', 'SP6'] })];
    const docs = [...given(actualsProjection, events).docs.values()];
    const year = yearActuals('2016-17', docs, '2017-02-01');
    expect(year).toMatchObject({ scheduledPence: 15_755_601, paidPence: Q, withheldPence: Q, remainingPence: 15_755_601 - Q, caseCount: 2 });
    expect(year.duePence + year.forecastPence + year.paidPence + year.withheldPence + year.approvedUnpaidPence + year.recoveredPence).toBe(15_755_601);
    expect(year.duePence).toBe(Q + 250_000 * 3);
    expect(Object.keys(year.byProvider)).toEqual(['Twenty-Twenty', 'Catch 22']);
    expect(year.byPriority['SP5+SP6'].scheduledPence).toBe(1_000_001);
    expect(year.byTheme['reducing-offending'].paidPence).toBe(Q);
    expect(yearActuals('2017-18', docs, '2017-02-01').scheduledPence).toBe(0);
  });

  it('lists payments over £500 by month for publication', () => {
    const docs = [...given(actualsProjection, paidQ1()).docs.values()];
    expect(spendOver('2016-17', docs).months).toEqual([
      { month: '2016-08', totalPence: Q, total: '£36,889.00', items: [expect.objectContaining({ paidOn: '2016-08-01', caseId: B05, provider: 'Twenty-Twenty', paymentRef: 'BACS-1', pence: Q })] },
    ]);
    expect(spendOver('2016-17', docs, Q).months).toEqual([]);
  });

  it('keeps a case that never gets a contract, with no schedule', () => {
    const raised = onCase('2016-17-P-1', {
      type: 'ProposalRaised',
      data: { profile: { ...(imported('x').data as { profile: object }).profile, caseId: '2016-17-P-1' }, workflow: { id: 'direct', version: 1 }, estimatedValuePence: 5, on: '2016-04-01' },
    });
    expect((given(actualsProjection, [raised]).then('2016-17-P-1') as ActualsDoc).payments).toBeNull();
  });
});
