import { budgetAsOf, caseAsOf, parseAsOf } from '@app/audit';
import { type AuditLedger, auditLedger, BLABY } from './audit-ledger';

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
    expect(before).toMatchObject({ revision: 0, laterEvents: 4, heldBack: [], state: { stage: 'plan-requested' } });
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
