import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { caseStreamId, frameworkStreamId } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { ProjectionsService, READ_MODELS, replayProjection } from '@app/projections';
import { eventually, httpAs, startApi, type TestApi } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { framework201718 } from '@test/support/framework-2017-18';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';

const B05 = '2016-17-B05';
const QUARTER = 3_688_900;
const CARRY = { instalmentIds: ['2016-Q4'], toYear: '2017-18', reason: 'Q4 sessions slipped into April; carried by decision of the March 2017 board', on: '2017-03-20' };

/**
 * Year-end over HTTP on the real API (PostgreSQL when TEST_DATABASE_URL is set): Youth
 * Mentoring's unpaid Q4 instalment carried from 2016/17 into 2017/18 by a recorded decision,
 * refused until 2017/18 has a framework and room in its budget; both years' budget and
 * actuals move with it, and nothing carries without it.
 */
describe('carrying an unpaid commitment into the next year', () => {
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  const http = (caller: Record<string, string> = OFFICER) => httpAs(api, caller)();
  const store = () => api.app.get<symbol, EventStore>(EVENT_STORE);
  const streamLength = async (streamId: string) => (await store().readStream(streamId)).length;
  const counts = async () => [await streamLength(caseStreamId(B05)), await streamLength(frameworkStreamId('2016-17')), await streamLength(frameworkStreamId('2017-18'))];
  const carry = () => http().post(`/cases/${B05}/payments/carry-forward`).send(CARRY);
  const committed = async (year: string) => (await http().get(`/frameworks/${year}/budget`).expect(200)).body.committedPence as number;
  let committed201617 = 0;
  let committed201718 = 0;

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApi(pg ? { DATABASE_URL: pg.url } : {});
    await http(ADMIN).post('/frameworks/import').send(seed201617()).expect(201);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await pg?.drop();
  });

  it('without a decision nothing carries: the whole schedule counts in 2016/17', async () => {
    const actuals = await eventually(async () => {
      const { body } = await http().get('/frameworks/2016-17/actuals?on=2017-03-01').expect(200);
      expect(body.byProvider['Twenty-Twenty']).toMatchObject({ scheduledPence: 14_755_600 });
      return body;
    });
    expect(actuals.scheduledPence).toBeGreaterThan(0);
    committed201617 = await committed('2016-17');
  });

  it('is refused while 2017/18 has no framework, naming the year, appending nothing', async () => {
    const before = await counts();
    const { body } = await carry().expect('Content-Type', /application\/problem\+json/).expect(422);
    expect(body).toMatchObject({ code: 'NO_NEXT_FRAMEWORK', errors: [{ field: 'toYear', reason: expect.stringContaining('2017-18') }] });
    expect(await counts()).toEqual(before);
  });

  it('is refused when 2017/18’s budget cannot hold it, naming the instalments, appending nothing', async () => {
    // £150,000: the same lines and pot, £60,000 kept in reserve; nothing else available.
    await http(ADMIN).post('/frameworks/import').send({ ...framework201718(), totalBudgetPence: 150_000_00, commissioningReservePence: 60_000_00 }).expect(201);
    committed201718 = await eventually(async () => {
      const pence = await committed('2017-18');
      expect(pence).toBeGreaterThan(0);
      return pence;
    });
    const before = await counts();
    const { body } = await carry().expect(422);
    expect(body).toMatchObject({ code: 'BUDGET_EXCEEDED', errors: [{ field: 'instalmentIds', reason: expect.stringContaining('£36,889.00') }] });
    expect(await counts()).toEqual(before);
  });

  it('refuses a year other than the next and an unknown instalment, naming the field', async () => {
    expect((await http().post(`/cases/${B05}/payments/carry-forward`).send({ ...CARRY, toYear: '2018-19' }).expect(422)).body).toMatchObject({
      code: 'INVALID_CARRY_YEAR',
      errors: [{ field: 'toYear' }],
    });
    expect((await http().post(`/cases/${B05}/payments/carry-forward`).send({ ...CARRY, instalmentIds: ['2016-Q9'] }).expect(422)).body).toMatchObject({
      code: 'UNKNOWN_INSTALMENT',
      errors: [{ field: 'instalmentIds[0]' }],
    });
  });

  it('once the reserve is drawn on, carries Q4: the case and both years’ ledgers record it in one decision', async () => {
    await http(ADMIN).post('/frameworks/2017-18/reserve-draws').send({ pence: 4_000_000, reason: 'Room for 2016/17 carry-forwards', decisionRef: 'PCC/DEC/2017/012' }).expect(201);
    const [caseBefore, ledger1617Before, ledger1718Before] = await counts();
    await carry().expect(200);
    const [caseAfter, ledger1617After, ledger1718After] = await counts();
    expect([caseAfter - caseBefore, ledger1617After - ledger1617Before, ledger1718After - ledger1718Before]).toEqual([1, 1, 1]);
    const decision = (await store().readStream(caseStreamId(B05))).at(-1)!;
    expect(decision).toMatchObject({
      type: 'InstalmentsCarriedForward',
      data: { instalmentIds: ['2016-Q4'], fromYear: '2016-17', toYear: '2017-18', pence: QUARTER, reason: CARRY.reason, decidedBy: 'officer.one', on: '2017-03-20' },
    });
    expect((await store().readStream(frameworkStreamId('2016-17'))).at(-1)).toMatchObject({ type: 'FundsReleased', data: { caseId: B05, pence: QUARTER, reason: 'carry-forward' } });
    expect((await store().readStream(frameworkStreamId('2017-18'))).at(-1)).toMatchObject({
      type: 'FundsCommitted',
      data: {
        caseId: B05,
        pence: QUARTER,
        reason: 'carry-forward',
        carriedFrom: { financialYear: '2016-17', instalmentIds: ['2016-Q4'], profile: { caseId: B05, theme: 'reducing-offending', primaryPriorities: ['SP1'], mechanism: 'direct', provider: 'Twenty-Twenty' } },
      },
    });
    expect((await carry().expect(422)).body).toMatchObject({ code: 'ALREADY_CARRIED', errors: [{ field: 'instalmentIds[0]' }] });
  });

  it('both years’ budgets and actuals show it, to the penny', async () => {
    await eventually(async () => {
      expect(await committed('2016-17')).toBe(committed201617 - QUARTER);
      expect(await committed('2017-18')).toBe(committed201718 + QUARTER);
    });
    // The carried line is grouped by the case's own profile, though the case opened in 2016/17.
    const budget = (await http().get('/frameworks/2017-18/budget').expect(200)).body;
    expect(budget.byTheme['reducing-offending']).toBe(QUARTER);
    expect(budget.byPriority.SP1).toBe(QUARTER);
    expect(budget.byMechanism.direct).toBeGreaterThanOrEqual(QUARTER);
    expect(budget.byProvider['Twenty-Twenty']).toBe(QUARTER);
    expect(budget.formatted.byTheme['reducing-offending']).toBe('£36,889.00');
    expect(budget.byTheme.unassigned).toBeUndefined();
    expect(budget.byPriority.unassigned).toBeUndefined();
    const year1 = (await http().get('/frameworks/2016-17/actuals?on=2017-03-21').expect(200)).body;
    expect(year1.byProvider['Twenty-Twenty']).toMatchObject({ scheduledPence: 14_755_600 - QUARTER });
    const year2 = (await http().get('/frameworks/2017-18/actuals?on=2017-04-01').expect(200)).body;
    expect(year2.byProvider['Twenty-Twenty']).toMatchObject({ scheduledPence: QUARTER, remainingPence: QUARTER, paidPence: 0 });
    expect([year2.byTheme['reducing-offending']?.scheduledPence, year2.byPriority.SP1?.scheduledPence]).toEqual([QUARTER, QUARTER]);
    const schedule = (await http().get(`/cases/${B05}/payments?on=2017-03-21`).expect(200)).body;
    expect(schedule.instalments.map((i: { id: string; financialYear: string; carriedTo: string | null }) => [i.id, i.financialYear, i.carriedTo])).toEqual([
      ['2016-Q1', '2016-17', null],
      ['2016-Q2', '2016-17', null],
      ['2016-Q3', '2016-17', null],
      ['2016-Q4', '2017-18', '2017-18'],
    ]);
  });

  it('replays every read model from the log to identical rows', async () => {
    const runner = api.app.get(ProjectionsService).runner;
    await eventually(async () => {
      for (const status of await runner.status()) expect(status.lag).toBe(0);
    }, 30_000);
    const db = api.app.get<symbol, SqlDatabase>(SQL_DATABASE);
    for (const projection of READ_MODELS) {
      const report = await replayProjection(db, store(), projection);
      expect({ projection: report.projection, differing: report.differing }).toEqual({ projection: projection.name, differing: 0 });
    }
  });
});
