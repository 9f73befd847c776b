import { httpAs, startApi, type TestApi } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { actingAs } from '@test/support/tokens';
import { framework201718 } from '@test/support/framework-2017-18';

/** Another member of OPCC staff: who may approve what officer.one checked. */
const DIRECTOR = actingAs('opcc-staff', undefined, { sub: 'director.two' });

describe('a second year that is not in the seed, with its own rules, over HTTP', () => {
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  const http = () => httpAs(api, OFFICER)();

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApi(pg ? { DATABASE_URL: pg.url } : {});
    await http().post('/frameworks/import').set(ADMIN).send(seed201617()).expect(201);
  });
  afterAll(async () => {
    await api.close();
    await pg?.drop();
  });

  it('imports the 2017/18 framework with its own workflow version for PCC grants', async () => {
    const res = await http().post('/frameworks/import').set(ADMIN).send(framework201718()).expect(201);
    expect(res.body).toMatchObject({ financialYear: '2017-18', frameworkImported: true, casesOpened: 5, lines: 5 });
    const { body } = await http().get('/frameworks/2017-18').expect(200);
    expect(body.workflows['pcc-grant']).toEqual({ id: 'pcc-grant-due-diligence', version: 1 });
    expect(body.workflows.plf).toEqual({ id: 'plf', version: 1 });
    expect(body.workflowVersions).toEqual([{ id: 'pcc-grant-due-diligence', version: 1, title: 'PCC Grant with due diligence', mechanism: 'pcc-grant' }]);
    expect(body.localities).toHaveLength(3);
  });

  it('drives a grant through due diligence and a segregated approval to its award', async () => {
    await http().post('/frameworks/2017-18/pcc-grant-rounds').send({ roundId: 'community-2017', title: 'Community grants 2017', opensOn: '2017-04-01', closesOn: '2017-06-30', on: '2017-04-01' }).expect(201);
    const applied = await http()
      .post('/cases/grant-applications')
      .send({ financialYear: '2017-18', caseId: '2017-18-G-youth-boxing', title: 'Youth boxing club', theme: 'safe-streets', primaryPriorities: ['SS-1'], roundId: 'community-2017', applicant: 'Knockout CIC', requestedPence: 12_000_00, on: '2017-05-02' })
      .expect(201);
    const caseId = applied.body.caseId as string;
    const opened = await http().get(`/cases/${caseId}`).expect(200);
    expect(opened.body.workflow).toEqual({ id: 'pcc-grant-due-diligence', version: 1, title: 'PCC Grant with due diligence' });

    await http().post(`/cases/${caseId}/assessment`).send({ score: 81, recommendation: 'award', notes: 'Good evidence', on: '2017-05-09' }).expect(200);
    const afterAssessment = await http().get(`/cases/${caseId}`).expect(200);
    expect(afterAssessment.body.openCommands).toContainEqual({ command: 'CompleteCheckpoint', step: 'due-diligence', label: 'Due diligence' });

    const early = await http().post(`/cases/${caseId}/award`).send({ contract: grantTerms(12_000_00), on: '2017-05-10' }).expect(422);
    expect(early.body.code).toBe('ILLEGAL_TRANSITION');
    await http().post(`/cases/${caseId}/checkpoints/due-diligence`).send({ outcome: 'passed', notes: 'Accounts and safeguarding checked', on: '2017-05-10' }).expect(200);

    const unapproved = await http().post(`/cases/${caseId}/award`).send({ contract: grantTerms(12_000_00), on: '2017-05-11' }).expect(422);
    expect(unapproved.body.code).toBe('APPROVAL_REQUIRED');
    const self = await http().post(`/cases/${caseId}/approvals/director-approval`).send({ decision: 'approved', on: '2017-05-11' }).expect(422);
    expect(self.body.code).toBe('SEGREGATION_OF_DUTIES');
    await http().post(`/cases/${caseId}/approvals/director-approval`).set(DIRECTOR).send({ decision: 'approved', notes: 'Agreed', on: '2017-05-12' }).expect(200);

    const awarded = await http().post(`/cases/${caseId}/award`).send({ contract: grantTerms(12_000_00), on: '2017-05-15' }).expect(200);
    expect(awarded.body.stage).toBe('active');
    const ledger = await http().get('/frameworks/2017-18').expect(200);
    // Awarded from the grants pot: no reserve draw, the reserve untouched.
    expect(ledger.body.budget).toMatchObject({ committedPence: 40_000_00 + 25_000_00 + 5_000_00 + 12_000_00, reservePence: 10_000_00, potsPence: { 'pcc-grant': 8_000_00 } });
  });

  it("a first-year case still runs under its own year's version", async () => {
    const rutland = await http().get('/cases/2016-17-B55').expect(200);
    expect(rutland.body.workflow).toEqual({ id: 'plf', version: 1, title: 'Partnership Locality Fund' });
    const grant2016 = await http().get('/frameworks/2016-17').expect(200);
    expect(grant2016.body.workflows['pcc-grant']).toEqual({ id: 'pcc-grant', version: 1 });
    await http()
      .post('/cases/2016-17-B55/plan')
      .send({ budgetLines: [{ id: 'l1', description: 'Rural watch', pence: 1_000_00 }], performanceFramework: [{ id: 'm1', name: 'Burglaries', unit: 'count', target: 10, frequency: 'quarterly', direction: 'lower-is-better' }], on: '2016-01-10' })
      .expect(200);
  });
});

function grantTerms(valuePence: number) {
  return {
    kind: 'grant', provider: 'Knockout CIC', valuePence, outcomes: ['Fewer young people drawn into violence'], qualityStandards: [],
    measures: [{ id: 'sessions', name: 'Sessions run', unit: 'sessions', target: 40, frequency: 'quarterly', direction: 'higher-is-better' }],
    underAchievementClause: 'Unspent funds repaid', startDate: '2017-06-01', endDate: '2018-03-31',
  };
}
