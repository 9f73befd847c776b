import { randomUUID } from 'node:crypto';
import { CaseService } from '@app/commissioning';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { caseStreamId, type CaseProfile, type ContractTerms } from '@app/domain';
import { EVENT_STORE, type EventStore, type NewEvent } from '@app/event-store';
import { ProjectionsService, READ_MODELS, replayProjection } from '@app/projections';
import { eventually, httpAs, startApi, type TestApi } from '@test/support/api-app';
import { officer } from '@test/support/blaby-journey';
import { freshPostgres, testDatabaseUrl, type TemporaryPostgres } from '@test/support/databases';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';

/**
 * A case written before its events carried their business date in `on`: appended straight
 * to the store as those versions stored it (version 1: the date in a field of its own and
 * the workflow by reference; version 2, payment events among them: both fields), then read by the case, the read
 * models, a rebuild and a new decision. Each event occurred a day after its business
 * date, so a reader that fell back on the occurrence would show the wrong dates.
 * PostgreSQL when TEST_DATABASE_URL is set, else embedded PGlite.
 */
describe('case events stored at earlier schema versions, read through the upcaster', () => {
  const CASE = '2016-17-P-0901';
  const measure = { id: 'referrals', name: 'Young people referred and engaged', unit: 'people', target: 100, frequency: 'quarterly', direction: 'higher-is-better' } as const;
  const profile: CaseProfile = {
    caseId: CASE,
    financialYear: '2016-17',
    mechanism: 'direct',
    title: 'Youth diversion programme',
    description: null,
    theme: 'reducing-offending',
    primaryPriorities: ['SP1'],
    secondaryPriorities: [],
    geographicalReach: { asPrinted: null, scope: 'llr', localities: [] },
    locality: null,
    origin: { source: 'proposal', ref: null },
  };
  const contract: ContractTerms = {
    kind: 'contract',
    provider: 'Crimestoppers',
    valuePence: 5_000_000,
    outcomes: ['Fewer first-time entrants'],
    qualityStandards: ['Quarterly returns'],
    measures: [measure],
    underAchievementClause: 'Two red quarters lead to a remedial plan',
    startDate: '2016-05-01',
    endDate: '2017-03-31',
  };
  const dayAfter = (on: string) => new Date(Date.parse(`${on}T09:00:00Z`) + 86_400_000).toISOString();
  const stored = (schemaVersion: number, type: string, on: string, data: Record<string, unknown>): NewEvent => ({
    id: randomUUID(),
    type,
    schemaVersion,
    data,
    metadata: { actor: { id: 'officer.one', role: 'opcc-staff' }, correlationId: randomUUID(), causationId: randomUUID(), occurredAt: dayAfter(on) },
  });
  const legacy = [
    stored(1, 'ProposalRaised', '2016-04-04', { profile, workflow: { id: 'direct', version: 1 }, estimatedValuePence: 5_000_000, raisedOn: '2016-04-04' }),
    stored(1, 'SingleProviderDispensationGranted', '2016-04-18', { provider: 'Crimestoppers', reason: 'The only national line', grantedOn: '2016-04-18' }),
    stored(1, 'ContractAwarded', '2016-04-25', { contract, awardedOn: '2016-04-25' }),
    stored(1, 'PerformanceReported', '2016-07-08', { measureId: 'referrals', period: '2016-Q1', actual: 104, target: 100, rag: 'green', reportedOn: '2016-07-08', commentary: '' }),
    stored(2, 'ContractVaried', '2016-09-01', { previousValuePence: 5_000_000, valuePence: 6_000_000, endDate: '2017-06-30', reason: 'Extra cohort', variedOn: '2016-09-01', on: '2016-09-01' }),
    // Payment events written before `on` became their one date field: both fields, alike.
    stored(2, 'PaymentScheduleSet', '2016-09-02', {
      instalments: [
        { id: 'H1', dueOn: '2016-09-30', pence: 3_000_000, condition: { kind: 'none' } },
        { id: 'H2', dueOn: '2017-03-31', pence: 3_000_000, condition: { kind: 'none' } },
      ],
      totalPence: 6_000_000,
      setBy: 'officer.one',
      setOn: '2016-09-02',
      on: '2016-09-02',
    }),
    stored(2, 'ClaimReceived', '2016-09-20', { claimId: 'C1', instalmentId: 'H1', pence: 3_000_000, evidenceRef: 'INV-0901', recordedBy: 'officer.one', receivedOn: '2016-09-20', on: '2016-09-20' }),
    stored(2, 'ClaimApproved', '2016-09-22', { claimId: 'C1', instalmentId: 'H1', approvedBy: 'officer.two', approvedOn: '2016-09-22', on: '2016-09-22', approval: 1, approvalsRequired: 1 }),
    stored(2, 'ClaimPaid', '2016-10-03', { claimId: 'C1', instalmentId: 'H1', pence: 3_000_000, paymentRef: 'BACS-0901', paidOn: '2016-10-03', on: '2016-10-03', recordedBy: 'officer.one' }),
  ];

  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  const http = () => httpAs(api, OFFICER)();
  const caughtUp = () =>
    eventually(async () => {
      for (const status of await api.app.get(ProjectionsService).runner.status()) expect(status.lag).toBe(0);
    });

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApi(pg ? { DATABASE_URL: pg.url } : {});
    await httpAs(api, ADMIN)().post('/frameworks/import').send(seed201617()).expect(201);
    await api.app.get<EventStore>(EVENT_STORE).appendToStream(caseStreamId(CASE), legacy, { expected: 'no_stream' });
    await caughtUp();
  });
  afterAll(async () => {
    await api?.close();
    await pg?.drop();
  });

  it('keeps the log as it was written: the history shows the old fields', async () => {
    const { body } = await http().get(`/cases/${CASE}/history`).expect(200);
    expect(body.items.map((e: { schemaVersion: number }) => e.schemaVersion)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 2]);
    expect(body.items[0].data).toMatchObject({ raisedOn: '2016-04-04' });
    expect(body.items[0].data).not.toHaveProperty('on');
    expect(body.items.at(-1).data).toMatchObject({ paidOn: '2016-10-03', on: '2016-10-03' });
  });

  it('folds the case with the dates the events carried', async () => {
    const { body } = await http().get(`/cases/${CASE}`).expect(200);
    expect(body).toMatchObject({ stage: 'active', openedOn: '2016-04-04', contract: { endDate: '2017-06-30', valuePence: 6_000_000 } });
    expect(body.reports).toEqual([{ measureId: 'referrals', period: '2016-Q1', rag: 'green', actual: 104, reportedOn: '2016-07-08' }]);
  });

  it('shows the dates in the pipeline, outcomes and deadlines read models', async () => {
    const pipeline = (await http().get('/pipeline?financialYear=2016-17&mechanism=direct').expect(200)).body;
    const items = pipeline.items ?? Object.values(pipeline.byStage ?? {}).flat();
    expect(items.find((i: { caseId: string }) => i.caseId === CASE)).toMatchObject({ stage: 'active', openedOn: '2016-04-04' });

    const outcome = (await http().get(`/outcomes/${CASE}`).expect(200)).body;
    expect(outcome).toMatchObject({ awardedOn: '2016-04-25', endDate: '2017-06-30' });
    expect(outcome.measures[0].reports).toEqual([expect.objectContaining({ period: '2016-Q1', reportedOn: '2016-07-08' })]);
    expect(outcome.variations).toEqual([expect.objectContaining({ variedOn: '2016-09-01', endDate: '2017-06-30' })]);

    const deadlines = (await http().get(`/deadlines?caseId=${CASE}&limit=100`).expect(200)).body.items;
    const of = (key: string) => deadlines.find((d: { key: string }) => d.key === key);
    expect(of(`${CASE}:contract-end`)).toMatchObject({
      status: 'open',
      openedOn: '2016-04-25',
      dueOn: '2017-06-30',
      moves: [expect.objectContaining({ from: '2017-03-31', to: '2017-06-30', on: '2016-09-01' })],
    });
    expect(of(`${CASE}:performance-report:referrals:2016-Q1`)).toMatchObject({ status: 'met', openedOn: '2016-04-25', metOn: '2016-07-08' });
  });

  it('reads the payment events with their dates: the schedule, the claim and the spend list', async () => {
    const schedule = (await http().get(`/cases/${CASE}/payments?on=2016-10-04`).expect(200)).body;
    expect(schedule.instalments.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([['H1', 'paid'], ['H2', expect.any(String)]]);
    expect(schedule.instalments[0].claims[0]).toMatchObject({ claimId: 'C1', receivedOn: '2016-09-20', paidOn: '2016-10-03', paymentRef: 'BACS-0901' });
    const spend = (await http().get('/frameworks/2016-17/spend').expect(200)).body;
    const october = spend.months.find((m: { month: string }) => m.month === '2016-10');
    expect(october.items).toEqual(expect.arrayContaining([expect.objectContaining({ caseId: CASE, paidOn: '2016-10-03', paymentRef: 'BACS-0901' })]));
  });

  it('rebuilds every read model from the log to the rows it holds', async () => {
    const db = api.app.get<SqlDatabase>(SQL_DATABASE);
    const store = api.app.get<EventStore>(EVENT_STORE);
    for (const projection of READ_MODELS) {
      const report = await replayProjection(db, store, projection);
      expect({ projection: report.projection, differing: report.differing }).toEqual({ projection: projection.name, differing: 0 });
    }
  });

  it('decides on the upcast history, and writes the new event with `on` alone', async () => {
    const cases = api.app.get(CaseService);
    const outcome = await cases.execute(CASE, { type: 'ReportPerformance', on: '2016-10-07', measureId: 'referrals', period: '2016-Q2', actual: 90, commentary: 'Autumn dip' }, officer('2016-10-07'));
    expect(outcome.events.map((e) => [e.type, e.schemaVersion])).toEqual([['PerformanceReported', 2]]);
    expect(outcome.events[0].data).toMatchObject({ period: '2016-Q2', on: '2016-10-07' });
    expect(outcome.events[0].data).not.toHaveProperty('reportedOn');
    await caughtUp();
    const outcomeDoc = (await http().get(`/outcomes/${CASE}`).expect(200)).body;
    expect(outcomeDoc.measures[0].reports.map((r: { reportedOn: string }) => r.reportedOn)).toEqual(['2016-07-08', '2016-10-07']);
  });
});
