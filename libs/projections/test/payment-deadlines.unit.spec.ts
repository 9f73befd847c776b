import { type CaseDeadlinesDoc, deadlinesOf, deadlinesProjection } from '@app/projections/deadlines';
import { contract, imported, onCase, resetRevisions } from './contract-fixtures';
import { given } from './projection-spec';

const B05 = '2016-17-B05';
const key = (id: string) => `${B05}:payment-instalment:${id}`;
const instalments = (events: Parameters<typeof given>[1]) =>
  deadlinesOf(given(deadlinesProjection, events).then(B05) as CaseDeadlinesDoc)
    .filter((d) => d.kind === 'payment-instalment')
    .map((d) => [d.instalmentId, d.dueOn, d.status]);

describe('instalment deadlines (deadlines projection)', () => {
  beforeEach(resetRevisions);

  it('an imported commitment’s default schedule gives a deadline per quarter, for the contract manager, reminded 7 days before and on the day', () => {
    const doc = given(deadlinesProjection, [imported(B05)]).then(B05) as CaseDeadlinesDoc;
    expect(doc.deadlines[key('2016-Q1')]).toMatchObject({
      kind: 'payment-instalment',
      label: 'Payment instalment due: 2016-Q1',
      dueOn: '2016-07-31',
      status: 'open',
      concerns: 'contract-manager',
      remindDaysBefore: [7, 0],
      provider: 'Twenty-Twenty',
      instalmentId: '2016-Q1',
    });
    expect(instalments([imported(B05)])).toEqual([
      ['2016-Q1', '2016-07-31', 'open'],
      ['2016-Q2', '2016-10-31', 'open'],
      ['2016-Q3', '2017-01-31', 'open'],
      ['2016-Q4', '2017-04-30', 'open'],
    ]);
  });

  it('met when it falls due or is paid in full; missed when withheld, met late once released', () => {
    const events = [
      imported(B05, contract({ valuePence: 400 })),
      onCase(B05, { type: 'ClaimPaid', data: { claimId: 'c1', instalmentId: '2016-Q1', pence: 100, paymentRef: 'B1', on: '2016-07-25', recordedBy: 'f' } }, '2016-07-25'),
      onCase(B05, { type: 'InstalmentWithheld', data: { instalmentId: '2016-Q2', reason: 'condition-unmet', condition: { kind: 'none' }, dueOn: '2016-10-31', on: '2016-11-01' } }, '2016-11-01'),
      onCase(B05, { type: 'InstalmentWithheld', data: { instalmentId: '2016-Q3', reason: 'under-achievement', condition: { kind: 'none' }, dueOn: '2017-01-31', on: '2016-11-01' } }, '2016-11-01'),
      onCase(B05, { type: 'InstalmentReleased', data: { instalmentId: '2016-Q2', reason: 'condition-unmet', on: '2016-11-07' } }, '2016-11-07'),
      onCase(B05, { type: 'InstalmentFellDue', data: { instalmentId: '2016-Q4', dueOn: '2017-04-30', on: '2017-05-01' } }, '2017-05-01'),
    ];
    expect(instalments(events)).toEqual([
      ['2016-Q1', '2016-07-31', 'met'],
      ['2016-Q2', '2016-10-31', 'met-late'],
      ['2016-Q3', '2017-01-31', 'open'],
      ['2016-Q4', '2017-04-30', 'met'],
    ]);
  });

  it('a part payment leaves it open', () => {
    const part = onCase(B05, { type: 'ClaimPaid', data: { claimId: 'c1', instalmentId: '2016-Q1', pence: 99, paymentRef: 'B1', on: '2016-07-25', recordedBy: 'f' } }, '2016-07-25');
    expect(instalments([imported(B05, contract({ valuePence: 400 })), part])[0]).toEqual(['2016-Q1', '2016-07-31', 'open']);
  });

  it('a schedule set or re-profiled moves, opens and cancels deadlines to match', () => {
    const set = onCase(B05, {
      type: 'PaymentScheduleReprofiled',
      data: {
        instalments: [
          { id: '2016-Q1', dueOn: '2016-08-15', pence: 200, condition: { kind: 'none' } },
          { id: 'final', dueOn: '2017-04-30', pence: 200, condition: { kind: 'none' } },
        ],
        totalPence: 400,
        cause: 'decision',
        reason: 'Half-yearly profile',
        reprofiledBy: 'officer.one',
        on: '2016-06-01',
      },
    }, '2016-06-01');
    const events = [imported(B05, contract({ valuePence: 400 })), set];
    expect(instalments(events)).toEqual([
      ['2016-Q1', '2016-08-15', 'open'],
      ['2016-Q2', '2016-10-31', 'cancelled'],
      ['2016-Q3', '2017-01-31', 'cancelled'],
      ['2016-Q4', '2017-04-30', 'cancelled'],
      ['final', '2017-04-30', 'open'],
    ]);
    const doc = given(deadlinesProjection, events).then(B05) as CaseDeadlinesDoc;
    expect(doc.deadlines[key('2016-Q1')].moves).toEqual([{ from: '2016-07-31', to: '2016-08-15', on: '2016-06-01', reason: 'Half-yearly profile' }]);
  });

  it('termination cancels the open ones', () => {
    const terminated = onCase(B05, { type: 'ContractTerminated', data: { reason: 'Provider ceased trading', on: '2016-09-01' } }, '2016-09-01');
    expect(instalments([imported(B05), terminated]).map((d) => d[2])).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
  });
});
