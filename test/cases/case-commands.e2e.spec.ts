import { httpAs, startApi, type TestApi } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';

/**
 * Every case command endpoint, once along each mechanism's path (section 6.2 a–d and 6.3):
 * each answers 200 with the stage its workflow moves the case to.
 */
const REFERRALS = { id: 'referrals', name: 'Victims referred for advocacy', unit: 'referrals', target: 100, frequency: 'quarterly', direction: 'higher-is-better' };
const contract = (provider: string, valuePence: number, kind = 'contract') => ({
  contract: {
    kind,
    provider,
    valuePence,
    outcomes: ['More victims of hate crime supported to cope and recover'],
    qualityStandards: ['Victims Code of Practice'],
    measures: [REFERRALS],
    underAchievementClause: 'Two consecutive red quarters call for a remedial action plan',
    startDate: '2016-07-01',
    endDate: '2017-03-31',
  },
  on: '2016-06-20',
});
const proposal = (caseId: string, mechanism: 'direct' | 'co-commissioning', estimatedValuePence: number) => ({
  financialYear: '2016-17',
  caseId,
  title: `Proposal ${caseId}`,
  mechanism,
  estimatedValuePence,
  theme: 'supporting-victims',
  primaryPriorities: ['SP7'],
  on: '2016-05-03',
});

describe('every case command over HTTP', () => {
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  const http = () => httpAs(api, OFFICER)();

  /** POSTs a command and expects 200 at `stage`; shows the problem when it is refused. */
  const step = async (caseId: string, path: string, body: object, stage: string) => {
    const res = await http().post(`/cases/${caseId}/${path}`).set(OFFICER).send(body);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { caseId, stage } });
    expect(res.headers.etag).toBe(`"${res.body.revision}"`);
    return res;
  };
  const refused = async (caseId: string, path: string, body: object, code: string) => {
    const res = await http().post(`/cases/${caseId}/${path}`).set(OFFICER).send(body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code });
    return res;
  };
  const open = async (body: ReturnType<typeof proposal>) => {
    await http().post('/cases/proposals').set(OFFICER).send(body).expect(201);
  };

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApi(pg ? { DATABASE_URL: pg.url } : {});
    await http().post('/frameworks/import').set(ADMIN).send(seed201617()).expect(201);
    // The year is fully committed on import; new awards need a recorded draw on the reserve (an admin's).
    const draw = { pence: 10_000_000, reason: 'New PCC priorities', decisionRef: 'PCC/DEC/2016/041', on: '2016-05-20' };
    await http().post('/frameworks/2016-17/reserve-draws').set(ADMIN).send(draw).expect(201);
  });
  afterAll(async () => {
    await api?.close();
    await pg?.drop();
  });

  it('direct commissioning by open tender, through under-achievement, remedial action, variation and closure', async () => {
    const id = '2016-17-D-hate-crime';
    await open(proposal(id, 'direct', 2_500_000));
    await step(id, 'tender', { reference: 'OPCC-2016-017', closesOn: '2016-06-10', on: '2016-05-16' }, 'tendering');
    await step(id, 'provider-selection', { provider: 'Victim Support', bidsReceived: 4, on: '2016-06-15' }, 'provider-selected');
    await refused(id, 'award', contract('Another Charity', 2_500_000), 'WRONG_PROVIDER');
    await step(id, 'award', contract('Victim Support', 2_500_000), 'active');
    await step(id, 'performance-reports', { measureId: 'referrals', period: '2016-Q2', actual: 60, on: '2016-10-10' }, 'active');
    const second = await step(id, 'performance-reports', { measureId: 'referrals', period: '2016-Q3', actual: 70, on: '2017-01-10' }, 'under-achievement');
    expect(second.body.events.map((e: { type: string }) => e.type)).toEqual(['PerformanceReported', 'UnderAchievementFlagged']);
    await step(id, 'remedial-actions', { action: 'Outreach surgeries in Highfields and Belgrave', reviewBy: '2017-02-28', on: '2017-01-16' }, 'remedial-action');
    const coping = { ...REFERRALS, id: 'cope-and-recover', name: 'Victims who feel better able to cope', unit: '%', target: 80 };
    await step(id, 'performance-measures', { measures: [REFERRALS, coping], on: '2017-01-16' }, 'remedial-action');
    await step(id, 'variations', { valuePence: 2_600_000, endDate: '2017-06-30', reason: 'Three more months of outreach', on: '2017-02-01' }, 'remedial-action');
    await step(id, 'closure', { notes: 'Final return accepted', on: '2017-07-20' }, 'closed');
    const state = (await http().get(`/cases/${id}`).expect(200)).body;
    expect(state.contract).toMatchObject({ valuePence: 2_600_000, endDate: '2017-06-30' });
    expect(state.contract.measures.map((m: { id: string }) => m.id)).toEqual(['referrals', 'cope-and-recover']);
  });

  it('direct commissioning by single-provider dispensation, then termination', async () => {
    const id = '2016-17-D-crimestoppers';
    await open(proposal(id, 'direct', 1_000_000));
    const dispensation = { provider: 'Crimestoppers Trust', reason: 'The only national anonymous reporting line', on: '2016-05-10' };
    await step(id, 'single-provider-dispensation', dispensation, 'dispensation-granted');
    await step(id, 'award', contract('Crimestoppers Trust', 1_000_000), 'active');
    await step(id, 'termination', { reason: 'Service transferred to the national contract', on: '2016-12-01' }, 'terminated');
  });

  it('co-commissioning through a board of the framework, approved and rejected', async () => {
    const id = '2016-17-C-isva';
    await open(proposal(id, 'co-commissioning', 1_500_000));
    const unknown = await refused(id, 'board', { board: 'neighbourhood-watch-board', on: '2016-05-12' }, 'UNKNOWN_BOARD');
    expect(unknown.body.errors[0].field).toBe('board');
    await step(id, 'board', { board: 'joint-commissioning-assurance-board', on: '2016-05-12' }, 'with-board');
    await step(id, 'board-decision', { decision: 'approved', notes: 'Within the sexual violence pathway', on: '2016-06-09' }, 'board-approved');
    await step(id, 'award', contract('Juniper Lodge', 1_500_000, 'agreement'), 'active');

    const other = '2016-17-C-rejected';
    await open(proposal(other, 'co-commissioning', 500_000));
    await step(other, 'board', { board: 'substance-misuse-board', on: '2016-05-12' }, 'with-board');
    await step(other, 'board-decision', { decision: 'rejected', on: '2016-06-09' }, 'board-rejected');
  });

  it('rejection and withdrawal end a case before award; nothing moves it after', async () => {
    await open(proposal('2016-17-D-rejected', 'direct', 300_000));
    await step('2016-17-D-rejected', 'rejection', { reason: 'Duplicates the YOS contribution in Appendix B', on: '2016-05-24' }, 'rejected');
    await open(proposal('2016-17-D-withdrawn', 'direct', 300_000));
    await step('2016-17-D-withdrawn', 'withdrawal', { reason: 'Provider withdrew', on: '2016-05-24' }, 'withdrawn');
    const late = await refused('2016-17-D-withdrawn', 'tender', { reference: 'OPCC-2016-020', closesOn: '2016-07-01', on: '2016-06-01' }, 'ILLEGAL_TRANSITION');
    expect(late.body.detail).toMatch(/allowed now: nothing, the case has ended/);
  });

  it('a PCC grant round: applications assessed, then awarded or declined', async () => {
    await http().post('/frameworks/2016-17/pcc-grant-rounds/switch').set(OFFICER).send({ open: true, reason: 'The new PCC reopens grants', on: '2016-06-01' }).expect(200);
    const round = { roundId: 'round-2016-1', title: 'Hotspot ASB grants 2016', opensOn: '2016-07-01', closesOn: '2016-08-31' };
    await http().post('/frameworks/2016-17/pcc-grant-rounds').set(OFFICER).send(round).expect(201);
    const apply = async (caseId: string, applicant: string) => {
      const application = { roundId: 'round-2016-1', applicant, requestedPence: 1_500_000, locality: 'charnwood', on: '2016-07-15' };
      const profile = { financialYear: '2016-17', caseId, title: `${applicant} hotspot work` };
      await http().post('/cases/grant-applications').set(OFFICER).send({ ...profile, ...application }).expect(201);
    };

    await apply('2016-17-G-go-getta', 'Go-Getta CIC');
    await step('2016-17-G-go-getta', 'assessment', { score: 72, recommendation: 'award', notes: 'Strong hotspot evidence', on: '2016-09-14' }, 'assessed');
    await refused('2016-17-G-go-getta', 'award', contract('Go-Getta CIC', 1_600_000, 'grant'), 'GRANT_EXCEEDS_REQUEST');
    await step('2016-17-G-go-getta', 'award', { ...contract('Go-Getta CIC', 1_500_000, 'grant'), on: '2016-09-20' }, 'active');

    await apply('2016-17-G-declined', 'Youth Club CIO');
    await step('2016-17-G-declined', 'assessment', { score: 35, recommendation: 'decline', on: '2016-09-14' }, 'assessed');
    await step('2016-17-G-declined', 'decline', { reason: 'Duplicates the Charnwood PLF youth diversion', on: '2016-09-21' }, 'declined');
  });

  it('documents every command in the OpenAPI document: bearer auth, headers, the 200 result and problem+json refusals', async () => {
    const { body } = await http().get('/docs/openapi.json').expect(200);
    const paths = [
      'tender', 'provider-selection', 'single-provider-dispensation', 'board', 'board-decision', 'plan', 'meeting',
      'meeting-deadline-extension', 'meeting-held', 'duplicate-exclusions', 'assessment', 'decline', 'rejection',
      'withdrawal', 'award', 'performance-measures', 'performance-reports', 'remedial-actions', 'variations', 'closure', 'termination',
    ];
    for (const path of paths) {
      const post = body.paths[`/cases/{caseId}/${path}`]?.post;
      expect({ path, documented: Boolean(post) }).toEqual({ path, documented: true });
      expect(post.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['caseId', 'If-Match', 'Idempotency-Key']));
      expect(post.parameters.map((p: { name: string }) => p.name)).not.toContain('X-Actor-Id');
      expect(post.security).toEqual([{ bearer: [] }]);
      expect(post['x-access'].roles).toEqual(expect.arrayContaining(['opcc-staff', 'admin']));
      expect(post.responses['401'].content['application/problem+json']).toBeDefined();
      expect(post.responses['403'].content['application/problem+json']).toBeDefined();
      expect(post.requestBody).toBeDefined();
      expect(post.responses['200'].content['application/json'].example).toBeDefined();
      expect(post.responses['422'].content['application/problem+json']).toBeDefined();
    }
  });
});
