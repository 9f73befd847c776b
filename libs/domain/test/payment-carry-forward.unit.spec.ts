import { type CarriedCaseProfile, caseDecider, commitmentAfter, followingFinancialYear, frameworkDecider, type FrameworkEvent } from '@app/domain';
import { specFor } from './given-when-then';
import { event, smallFramework } from './fixtures';
import { B05_PENCE, claimApproved, claimPaid, claimReceived, measuresAgreed, paymentsAfter, QUARTER_PENCE, reported, youthMentoring } from './payment-fixtures';

const spec = specFor(caseDecider);
const carry = (instalmentIds: string[], toYear = '2017-18', reason = 'Q4 delivery slipped into April; agreed at the March board') => ({
  type: 'CarryForwardInstalments' as const,
  on: '2017-03-20',
  by: 'officer.two',
  instalmentIds,
  toYear,
  reason,
});
const carried = (instalmentIds: string[], pence: number) =>
  event('InstalmentsCarriedForward', {
    instalmentIds,
    fromYear: '2016-17',
    toYear: '2017-18',
    pence,
    reason: 'Q4 delivery slipped into April; agreed at the March board',
    decidedBy: 'officer.two',
    on: '2017-03-20',
  });
const q1Paid = [youthMentoring, measuresAgreed, reported('2016-Q1'), claimReceived('c1', '2016-Q1', QUARTER_PENCE), claimApproved('c1', '2016-Q1', 'officer.two'), claimPaid('c1', '2016-Q1', QUARTER_PENCE)];

describe('Year-end carry-forward of unpaid commitments', () => {
  it('given unpaid instalments, when staff carry them to the next year with a reason, then the decision names them, both years and the pence', () => {
    spec(q1Paid).when(carry(['2016-Q3', '2016-Q4'])).then([carried(['2016-Q3', '2016-Q4'], 2 * QUARTER_PENCE)]);
  });

  it('the carried instalments count in the next year; the case then holds only the rest of its own year', () => {
    const history = [...q1Paid, carried(['2016-Q4'], QUARTER_PENCE)];
    const payments = paymentsAfter(history);
    expect(payments.instalments.map((i) => [i.id, i.carriedTo ?? null])).toEqual([
      ['2016-Q1', null],
      ['2016-Q2', null],
      ['2016-Q3', null],
      ['2016-Q4', '2017-18'],
    ]);
    expect(commitmentAfter(history.reduce(caseDecider.evolve, caseDecider.initialState))).toBe(B05_PENCE - QUARTER_PENCE);
  });

  it('without the decision nothing carries: every instalment counts in its own year', () => {
    expect(paymentsAfter(q1Paid).instalments.every((i) => i.carriedTo === undefined)).toBe(true);
    expect(commitmentAfter(q1Paid.reduce(caseDecider.evolve, caseDecider.initialState))).toBe(B05_PENCE);
  });

  it('refuses a paid instalment, naming it', () => {
    spec(q1Paid).when(carry(['2016-Q4', '2016-Q1'])).thenThrows('INSTALMENT_PAID', { field: 'instalmentIds[1]', message: /2016-Q1 has been paid/ });
  });

  it('refuses an instalment with a claim on it, one carried already, an unknown one, and one named twice', () => {
    spec([...q1Paid, claimReceived('c2', '2016-Q2', 100)]).when(carry(['2016-Q2'])).thenThrows('INSTALMENT_CLAIMED', { field: 'instalmentIds[0]' });
    spec([...q1Paid, carried(['2016-Q4'], QUARTER_PENCE)]).when(carry(['2016-Q4'])).thenThrows('ALREADY_CARRIED', { field: 'instalmentIds[0]' });
    spec(q1Paid).when(carry(['2016-Q9'])).thenThrows('UNKNOWN_INSTALMENT', { field: 'instalmentIds[0]' });
    spec(q1Paid).when(carry(['2016-Q4', '2016-Q4'])).thenThrows('DUPLICATE_ID', { field: 'instalmentIds[1]' });
  });

  it('refuses any year but the next, no instalments, and no reason', () => {
    spec(q1Paid).when(carry(['2016-Q4'], '2018-19')).thenThrows('INVALID_CARRY_YEAR', { field: 'toYear', message: /only to 2017-18/ });
    spec(q1Paid).when(carry([])).thenThrows('VALIDATION_FAILED', { field: 'instalmentIds' });
    spec(q1Paid).when(carry(['2016-Q4'], '2017-18', ' ')).thenThrows('REASON_REQUIRED', { field: 'reason' });
  });

  it('a variation afterwards leaves carried instalments as they are', () => {
    const history = [...q1Paid, carried(['2016-Q4'], QUARTER_PENCE)];
    const decided = caseDecider.decide(
      { type: 'VaryContract', on: '2017-03-25', by: 'officer.two', valuePence: B05_PENCE + 300, reason: 'Extra sessions' } as never,
      history.reduce(caseDecider.evolve, caseDecider.initialState),
    );
    const reprofile = decided.find((e) => e.type === 'PaymentScheduleReprofiled');
    if (reprofile?.type !== 'PaymentScheduleReprofiled') throw new Error('no re-profile');
    expect(reprofile.data.instalments.find((i) => i.id === '2016-Q4')?.pence).toBe(QUARTER_PENCE);
  });

  it('the year after 2016-17 is 2017-18, and after 2099-00 is 2100-01', () => {
    expect(followingFinancialYear('2016-17')).toBe('2017-18');
    expect(followingFinancialYear('2099-00')).toBe('2100-01');
  });
});

describe('The next year carries it in on its own ledger', () => {
  const frameworks = specFor(frameworkDecider);
  /** 2017/18: budget £100,000, £80,000 committed, £5,000 reserve: £15,000 available. */
  const nextYear: FrameworkEvent = { type: 'FrameworkImported', data: { ...smallFramework({ financialYear: '2017-18' }), reservePence: 500_000 } };
  const profile: CarriedCaseProfile = {
    caseId: '2016-17-B-direct',
    financialYear: '2016-17',
    mechanism: 'direct',
    title: 'Youth mentoring',
    theme: 'T2',
    primaryPriorities: ['SP5'],
    geographicalReach: { asPrinted: 'LLR', scope: 'llr', localities: [] },
    locality: null,
    origin: { source: 'appendix-b', ref: 'B05' },
    provider: 'Twenty-Twenty',
  };
  const carryIn = (pence: number) => ({ type: 'CarryInCommitment' as const, caseId: '2016-17-B-direct', pence, fromYear: '2016-17', instalmentIds: ['2016-Q4'], profile });

  it('given room in its budget, when a commitment is carried in, then it is committed there, saying where from and what it is', () => {
    frameworks([nextYear])
      .when(carryIn(1_500_000))
      .then([
        {
          type: 'FundsCommitted',
          data: { caseId: '2016-17-B-direct', pence: 1_500_000, reason: 'carry-forward', committedAfterPence: 9_500_000, carriedFrom: { financialYear: '2016-17', instalmentIds: ['2016-Q4'], profile } },
        },
      ]);
  });

  it('refuses what its budget cannot hold, naming the instalments', () => {
    frameworks([nextYear]).when(carryIn(1_500_001)).thenThrows('BUDGET_EXCEEDED', { field: 'instalmentIds', message: /£15,000\.00 is available/ });
  });

  it('refuses when the next year has no framework', () => {
    frameworks([]).when(carryIn(1)).thenThrows('FRAMEWORK_NOT_FOUND');
  });
});
