import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { eventually, httpAs, startApi, type TestApi } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { actingAs } from '@test/support/tokens';

const pounds = (pence: number) => pence * 100;

/** Amending the 2016/17 framework over HTTP: what is recorded, what the read models show, what is refused. */
describe('framework amendments over HTTP', () => {
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  const http = () => httpAs(api, OFFICER)();
  const countEvents = async () => {
    const { rows } = await api.app.get<symbol, SqlDatabase>(SQL_DATABASE).query<{ n: number }>('select count(*)::int as n from events');
    return rows[0].n;
  };

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApi({ RUN_REMINDERS: 'false', ...(pg ? { DATABASE_URL: pg.url } : {}) });
    await http().post('/frameworks/import').set(ADMIN).send(seed201617()).expect(201);
  });
  afterAll(async () => {
    await api?.close();
    await pg?.drop();
  });

  it('raises the budget: recorded with its reason, date and actor; the framework and the budget read model show it', async () => {
    const res = await http()
      .post('/frameworks/2016-17/amendments/budget')
      .send({ totalBudgetPence: pounds(4_711_000), reason: 'Revised precept agreed by the Police and Crime Panel', on: '2016-09-01' })
      .expect(201);
    expect(res.body.events).toEqual([expect.objectContaining({ type: 'FrameworkBudgetChanged' })]);
    const history = await api.app.get<symbol, SqlDatabase>(SQL_DATABASE).query<{ data: { on: string; reason: string }; metadata: { actor: { id: string } } }>(
      "select data, metadata from events where type = 'FrameworkBudgetChanged'",
    );
    expect(history.rows[0]).toMatchObject({ data: { on: '2016-09-01', reason: 'Revised precept agreed by the Police and Crime Panel' }, metadata: { actor: { id: 'officer.one' } } });

    const framework = await http().get('/frameworks/2016-17').expect(200);
    expect(framework.body.budget).toMatchObject({ totalPence: pounds(4_711_000), reservePence: pounds(339_017), availablePence: pounds(100_000) });
    await eventually(async () => {
      const budget = await http().get('/frameworks/2016-17/budget').expect(200);
      expect(budget.body).toMatchObject({ totalPence: pounds(4_711_000), availablePence: pounds(100_000) });
    });
  });

  it('refuses a budget below what is committed and the reserve with problem+json naming the field; nothing is appended', async () => {
    const before = await countEvents();
    const res = await http().post('/frameworks/2016-17/amendments/budget').send({ totalBudgetPence: pounds(4_000_000), reason: 'A cut' }).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'BUDGET_BELOW_COMMITTED', errors: [{ field: 'totalBudgetPence' }] });
    expect(await countEvents()).toBe(before);
  });

  it('refuses a malformed amendment at the boundary, naming the field; nothing is appended', async () => {
    const before = await countEvents();
    const res = await http().post('/frameworks/2016-17/amendments/localities').send({ reason: 'x', locality: { slug: 'Leicester East!', name: 'x', plfAllocationPence: 1.5, vliSharePercent: 1 } }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['locality.slug']));
    expect(await countEvents()).toBe(before);
  });

  it('merges Rutland into Melton: the allocation and Rutland’s PLF line count under Melton; Rutland is no longer a locality', async () => {
    // Cases opened during the year in Rutland move with it; one that only reaches Rutland is not placed there.
    const opened = { financialYear: '2016-17', title: 'Rural crime advocacy', mechanism: 'direct', estimatedValuePence: 1_200_000, on: '2016-06-01' };
    await http().post('/cases/proposals').send({ ...opened, caseId: '2016-17-D-rutland', locality: 'rutland' }).expect(201);
    await http().post('/cases/proposals').send({ ...opened, caseId: '2016-17-D-reach', geographicalReach: { scope: 'localities', localities: ['rutland', 'melton'] } }).expect(201);
    await httpAs(api, actingAs('csp', 'rutland', { sub: 'csp.rutland' }))().get('/cases/2016-17-D-rutland').expect(200);

    await http().post('/frameworks/2016-17/amendments/locality-mergers').send({ locality: 'rutland', into: 'melton', reason: 'The two CSPs merged on 1 October', on: '2016-10-01' }).expect(201);

    // The framework's merger and every moved case's LocalityChanged were one transaction.
    const db = api.app.get<symbol, SqlDatabase>(SQL_DATABASE);
    const { rows } = await db.query<{ stream_id: string; type: string; tx: string; data: { from: string; into: string; on: string; movedCaseIds?: string[] } }>(
      "select stream_id, type, transaction_id::text as tx, data from events where type in ('LocalitiesMerged', 'LocalityChanged') order by global_position",
    );
    const [merger, ...caseMoves] = rows;
    expect(merger).toMatchObject({ stream_id: 'framework-2016-17', type: 'LocalitiesMerged' });
    expect(merger.data.movedCaseIds).toEqual(expect.arrayContaining(['2016-17-D-rutland']));
    expect(merger.data.movedCaseIds).not.toContain('2016-17-D-reach');
    expect(caseMoves.map((r) => r.stream_id).sort()).toEqual(merger.data.movedCaseIds?.map((id) => `case-${id}`).sort());
    expect(caseMoves.every((r) => r.type === 'LocalityChanged' && r.data.from === 'rutland' && r.data.into === 'melton' && r.data.on === '2016-10-01')).toBe(true);
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);

    const moved = await http().get('/cases/2016-17-D-rutland').expect(200);
    // Where it is placed moves; where its beneficiaries are does not.
    expect(moved.body).toMatchObject({ locality: 'melton', geographicalReach: { localities: ['rutland'] } });
    const reach = await http().get('/cases/2016-17-D-reach').expect(200);
    expect(reach.body).toMatchObject({ locality: null, geographicalReach: { localities: ['rutland', 'melton'] } });
    // Access follows where the case stands now: Melton's CSP sees it, Rutland's no longer does.
    await httpAs(api, actingAs('csp', 'melton', { sub: 'csp.melton' }))().get('/cases/2016-17-D-rutland').expect(200);
    await httpAs(api, actingAs('csp', 'rutland', { sub: 'csp.rutland' }))().get('/cases/2016-17-D-rutland').expect(403);
    // Rutland's PLF case, opened with the framework, has its meeting deadline: it follows the case to Melton too.
    const plfCase = merger.data.movedCaseIds?.find((id) => !id.startsWith('2016-17-D-')) ?? '';
    const ids = (body: { items: Array<{ caseId: string }> }) => body.items.map((i) => i.caseId);
    await eventually(async () => {
      const pipeline = await http().get('/pipeline?locality=melton&limit=500').expect(200);
      expect(ids(pipeline.body)).toEqual(expect.arrayContaining(['2016-17-D-rutland', plfCase]));
      expect(ids((await http().get('/pipeline?locality=rutland').expect(200)).body)).toEqual([]);
      expect(ids((await http().get('/deadlines?locality=melton').expect(200)).body)).toContain(plfCase);
      expect(ids((await http().get('/deadlines?locality=rutland').expect(200)).body)).toEqual([]);
      const commitments = await http().get('/frameworks/2016-17/budget').expect(200);
      expect(commitments.body.byLocality.rutland).toBeUndefined();
    });
    const framework = await http().get('/frameworks/2016-17').expect(200);
    const slugs = framework.body.localities.map((l: { slug: string }) => l.slug);
    expect(slugs).not.toContain('rutland');
    expect(framework.body.localities.find((l: { slug: string }) => l.slug === 'melton')).toMatchObject({ plfAllocationPence: pounds(15_750 + 9_900) });
    await eventually(async () => {
      const budget = await http().get('/frameworks/2016-17/budget').expect(200);
      expect(budget.body.byLocality).toMatchObject({ melton: pounds(25_650) });
      expect(budget.body.byLocality.rutland).toBeUndefined();
    });
    // A locality merged away opens no new case: not its PLF plan, not a proposal placed in it or reaching it. Melton still does.
    const before = await countEvents();
    const proposal = { financialYear: '2016-17', title: 'Hate crime victim advocacy', mechanism: 'direct', estimatedValuePence: 2_500_000, on: '2016-10-03' };
    for (const [path, body, field] of [
      ['/cases/plf-plan-requests', { financialYear: '2016-17', locality: 'rutland', title: 'Rutland plan', on: '2016-10-02' }, 'locality'],
      ['/cases/proposals', { ...proposal, locality: 'rutland' }, 'locality'],
      ['/cases/proposals', { ...proposal, geographicalReach: { scope: 'localities', localities: ['melton', 'rutland'] } }, 'geographicalReach.localities'],
    ] as const) {
      const refused = await http().post(path).send(body).expect(422);
      expect(refused.body).toMatchObject({ code: 'UNKNOWN_LOCALITY', errors: [{ field, reason: expect.stringContaining('"rutland" is not a locality') }] });
      expect(refused.body.errors[0].reason).toContain('melton');
    }
    expect(await countEvents()).toBe(before);
    await http().post('/cases/proposals').send({ ...proposal, locality: 'melton' }).expect(201);
  });

  it('adds a board and a priority of its own code shape; a duplicate code is refused naming it', async () => {
    await http().post('/frameworks/2016-17/amendments/boards').send({ board: { code: 'VAWG', name: 'Violence Against Women and Girls Board' }, reason: 'New board' }).expect(201);
    await http().post('/frameworks/2016-17/amendments/priorities').send({ priority: { code: 'RC/1', number: 18, theme: 'safer-communities', title: 'Rural crime' }, reason: 'New PCC plan' }).expect(201);
    const framework = await http().get('/frameworks/2016-17').expect(200);
    expect(framework.body.boards.map((b: { code: string }) => b.code)).toContain('VAWG');
    expect(framework.body.strategicPriorities.map((p: { code: string }) => p.code)).toContain('RC/1');
    const dup = await http().post('/frameworks/2016-17/amendments/priorities').send({ priority: { code: 'SP3', number: 99, theme: 'safer-communities', title: 'x' }, reason: 'x' }).expect(422);
    expect(dup.body).toMatchObject({ code: 'PRIORITY_EXISTS', errors: [{ field: 'priority.code' }] });
  });
});

describe('who may change a framework is configuration', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ RUN_REMINDERS: 'false', FRAMEWORK_CHANGE_ROLES: 'admin', FRAMEWORK_SETUP_ROLES: 'opcc-staff,admin' });
  });
  afterAll(async () => api?.close());

  it('FRAMEWORK_SETUP_ROLES=opcc-staff,admin lets OPCC staff import; FRAMEWORK_CHANGE_ROLES=admin refuses them an amendment, and OpenAPI says so', async () => {
    await httpAs(api, OFFICER)().post('/frameworks/import').send(seed201617()).expect(201);
    const refused = await httpAs(api, OFFICER)().post('/frameworks/2016-17/amendments/budget').send({ totalBudgetPence: pounds(5_000_000), reason: 'x' }).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    await httpAs(api, OFFICER)().post('/frameworks/2016-17/workflow-versions').send({ document: {}, assignTo: [], reason: 'x' }).expect(403);
    await httpAs(api, ADMIN)().post('/frameworks/2016-17/amendments/budget').send({ totalBudgetPence: pounds(5_000_000), reason: 'Precept' }).expect(201);
    const { body } = await httpAs(api, {})().get('/docs/openapi.json').expect(200);
    expect(body.paths['/frameworks/{year}/amendments/budget'].post['x-access']).toEqual({ roles: ['admin'] });
    expect(body.paths['/frameworks/import'].post['x-access']).toEqual({ roles: ['opcc-staff', 'admin'] });
  });
});
