import { CaseService } from '@app/commissioning';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { ProjectionsService, READ_MODELS, replayProjection } from '@app/projections';
import { eventually, httpAs, startApi, type TestApi } from '@test/support/api-app';
import { runBlabyJourney } from '@test/support/blaby-journey';
import { freshPostgres, testDatabaseUrl, type TemporaryPostgres } from '@test/support/databases';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';

describe('replaying the whole log', () => {
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApi(pg ? { DATABASE_URL: pg.url } : {});
    await httpAs(api, ADMIN)().post('/frameworks/import').send(seed201617()).expect(201);
    const cases = api.app.get(CaseService);
    const { body } = await httpAs(api, OFFICER)().get('/frameworks/2016-17/commitments').expect(200);
    await runBlabyJourney(cases, body.items.find((i: { locality: string }) => i.locality === 'blaby').caseId);
    // Amendments during the year move the budget and its lines: they must replay to the same rows too.
    await httpAs(api, OFFICER)().post('/frameworks/2016-17/amendments/budget').send({ totalBudgetPence: 471_100_000, reason: 'Revised precept', on: '2016-09-01' }).expect(201);
    await httpAs(api, OFFICER)().post('/frameworks/2016-17/amendments/locality-mergers').send({ locality: 'rutland', into: 'melton', reason: 'CSPs merged', on: '2016-10-01' }).expect(201);
  });
  afterAll(async () => {
    await api.close();
    await pg?.drop();
  });

  it('reproduces identical rows for every read model', async () => {
    expect(READ_MODELS.map((p) => p.name).sort()).toEqual(expect.arrayContaining(['audit_log', 'budget', 'deadlines', 'outcomes', 'pipeline']));
    const runner = api.app.get(ProjectionsService).runner;
    await eventually(async () => {
      for (const status of await runner.status()) expect(status.lag).toBe(0);
    });
    const db = api.app.get<SqlDatabase>(SQL_DATABASE);
    const store = api.app.get<EventStore>(EVENT_STORE);
    for (const projection of READ_MODELS) {
      const { rows } = await db.query<{ n: string }>(`select count(*) as n from rm_${projection.name}`);
      expect(Number(rows[0].n)).toBeGreaterThan(0);
      const report = await replayProjection(db, store, projection);
      expect({ projection: report.projection, differing: report.differing }).toEqual({ projection: projection.name, differing: 0 });
      expect(report.rows).toBe(Number(rows[0].n));
    }
  });
});
