import { budgetAsOf, caseAsOf, parseAsOf, projectAsOf } from '@app/audit';
import type { CaseCommand } from '@app/domain';
import { outcomesProjection } from '@app/projections/outcomes';
import { type AuditLedger, auditLedger, BLABY, BLABY_STORY, type Step } from './audit-ledger';

describe('the case and the budget as of a date-time', () => {
  let ledger: AuditLedger;
  beforeAll(async () => {
    ledger = await auditLedger();
  });
  afterAll(() => ledger.close());

  const stageAsOf = async (at: string, basis?: string) => (await caseAsOf(ledger.log, BLABY, parseAsOf(at, basis))).state.stage;

  it("gives Blaby's case before and after its plan was recorded (recorded basis: what the ledger knew)", async () => {
    expect(await stageAsOf('2016-01-13')).toBe('plan-requested');
    const before = await caseAsOf(ledger.log, BLABY, parseAsOf('2016-01-14T09:29:59Z'));
    expect(before).toMatchObject({ revision: 0, laterEvents: 4, backDated: [], state: { stage: 'plan-requested' } });
    expect(before.state.plan).toBeUndefined();
    const after = await caseAsOf(ledger.log, BLABY, parseAsOf('2016-01-14T09:30:00Z'));
    expect(after).toMatchObject({ revision: 1, lastEvent: { type: 'CspPlanSubmitted' }, state: { stage: 'plan-submitted' } });
    expect(await stageAsOf('2016-03-01')).toBe('meeting-held');
    expect(await stageAsOf('2016-12-31')).toBe('active');
  });

  it('on the occurred basis, counts the plan from the business day it speaks of, though recorded two days later', async () => {
    expect(await stageAsOf('2016-01-11', 'occurred')).toBe('plan-requested');
    expect(await stageAsOf('2016-01-12', 'occurred')).toBe('plan-submitted');
    expect(await stageAsOf('2016-01-13', 'recorded')).toBe('plan-requested');
  });

  it('refuses a date before the case was opened, or a case that never was, with NOT_FOUND', async () => {
    await expect(caseAsOf(ledger.log, BLABY, parseAsOf('2015-10-01'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caseAsOf(ledger.log, '2016-17-ZZ9', parseAsOf('2016-10-01'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives the budget before and after the award released £9,700 of Blaby’s allocation', async () => {
    const before = await budgetAsOf(ledger.log, '2016-17', parseAsOf('2016-03-15T11:59:59Z'));
    const after = await budgetAsOf(ledger.log, '2016-17', parseAsOf('2016-03-15T12:00:00Z'));
    expect(before.byLocality.blaby).toBe(2_970_000);
    expect(after.byLocality.blaby).toBe(2_000_000);
    expect(after.committedPence).toBe(before.committedPence - 970_000);
    expect(after.availablePence).toBe(before.availablePence + 970_000);
    expect(before).toMatchObject({ totalPence: 461_100_000, reservePence: 33_901_700, committedPence: 427_198_300 });
    expect(after.formatted.committed).toBe('£4,262,283.00');
    expect(after.eventsFolded - before.eventsFolded).toBe(2);
  });

  it('says no framework had been imported for a year before its import', async () => {
    await expect(budgetAsOf(ledger.log, '2016-17', parseAsOf('2015-10-22'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('as of a business date, with a record made out of order', () => {
  // Blaby's Q2 return is recorded on 10 Oct 2016; its Q1 return, made on 8 Jul, is recorded only on 12 Oct.
  const report = (period: string, on: string, actual: number): CaseCommand => ({ type: 'ReportPerformance', on, measureId: 'asb', period, actual, commentary: `${period} return` });
  const LATE_STORY: readonly Step[] = [
    ...BLABY_STORY,
    { caseId: BLABY, command: report('2016-Q2', '2016-10-10', 95), occurredAt: '2016-10-10T10:00:00+01:00', recordedAt: '2016-10-10T09:00:00Z' },
    { caseId: BLABY, command: report('2016-Q1', '2016-07-08', 97), occurredAt: '2016-07-08T10:00:00+01:00', recordedAt: '2016-10-12T09:00:00Z' },
  ];
  let ledger: AuditLedger;
  beforeAll(async () => {
    ledger = await auditLedger(LATE_STORY);
  });
  afterAll(() => ledger.close());

  const periods = (found: Awaited<ReturnType<typeof caseAsOf>>) => found.state.reports.map((r) => r.period);

  it('on the occurred basis, includes the Q1 return that had occurred by 1 Aug 2016, though recorded after the Q2 return', async () => {
    const found = await caseAsOf(ledger.log, BLABY, parseAsOf('2016-08-01', 'occurred'));
    expect(periods(found)).toEqual(['2016-Q1']);
    expect(found.backDated).toEqual([expect.objectContaining({ type: 'PerformanceReported', occurredAt: '2016-07-08T10:00:00+01:00' })]);
    expect(found).toMatchObject({ laterEvents: 1, revision: found.lastEvent.revision, lastEvent: { type: 'PerformanceReported' } });
  });

  it('on the recorded basis, the ledger on 1 Aug 2016 knew of neither return, and on 11 Oct of Q2 only', async () => {
    expect(periods(await caseAsOf(ledger.log, BLABY, parseAsOf('2016-08-01')))).toEqual([]);
    const known = await caseAsOf(ledger.log, BLABY, parseAsOf('2016-10-11'));
    expect(periods(known)).toEqual(['2016-Q2']);
    expect(known.backDated).toEqual([]);
  });

  it("a read model as of the occurred date folds the back-dated return too: Blaby's Q1 is in the outcomes then", async () => {
    const { docs } = await projectAsOf(ledger.log, outcomesProjection, parseAsOf('2016-08-01', 'occurred'));
    const reported = JSON.stringify([...docs.values()]);
    expect(reported).toContain('2016-Q1');
    expect(reported).not.toContain('2016-Q2');
  });
});
