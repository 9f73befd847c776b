import { eventually, httpAs, startApi, type TestApi } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { ADMIN, AUDITOR, OFFICER, seed201617 } from '@test/support/seed';
import { actingAs } from '@test/support/tokens';

const YEAR = 'financialYear=2016-17';

describe('the publications over HTTP', () => {
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  let open: TestApi | undefined;
  const as = (caller: Record<string, string>) => httpAs(api, caller)();

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApi(pg ? { DATABASE_URL: pg.url } : {});
    await as(ADMIN).post('/frameworks/import').send(seed201617()).expect(201);
    // The log is read below the oldest transaction in flight on the server, which on a shared PostgreSQL may be anyone's.
    await eventually(async () => expect((await as(AUDITOR).get(`/publish/ocds/releases?${YEAR}`).expect(200)).body.releases).toHaveLength(57), 60_000);
  });
  afterAll(async () => {
    await open?.close();
    await api?.close();
    await pg?.drop();
  });

  it('serves the 360Giving package to OPCC staff and auditors, valid and to the penny', async () => {
    const res = await as(OFFICER).get(`/publish/360giving?${YEAR}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ version: '1.4', license: expect.stringMatching(/^https:\/\//) });
    expect(res.body.grants).toHaveLength(14);
    const pence = res.body.grants.reduce((sum: number, g: { amountAwarded: number }) => sum + Math.round(g.amountAwarded * 100), 0);
    expect(pence).toBe(45_000_000 + 11_356_700);
    await as(AUDITOR).get(`/publish/360giving?${YEAR}`).expect(200);
  });

  it('refuses a caller without a token (401) and a CSP user (403), as problem+json', async () => {
    const none = await httpAs(api, {})().get(`/publish/360giving?${YEAR}`).expect(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    const csp = await as(actingAs('csp', 'blaby')).get(`/publish/ocds/records?${YEAR}`).expect(403);
    expect(csp.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('serves OCDS records and releases as of a date (the import speaks of 23 Oct 2015, though recorded today)', async () => {
    await as(AUDITOR).get(`/publish/ocds/records?${YEAR}&asOf=2015-10-24`).expect(404);
    const records = await as(AUDITOR).get(`/publish/ocds/records?${YEAR}&asOf=2015-10-24&basis=occurred`).expect(200);
    expect(records.body).toMatchObject({ version: '1.1', publisher: { name: 'Police and Crime Commissioner' }, publishedDate: '2015-10-24T22:59:59.999Z' });
    expect(records.body.uri).toBe('http://localhost:3000/open-data/ocds/records?financialYear=2016-17&asOf=2015-10-24T22%3A59%3A59.999Z&basis=occurred');
    expect(records.body.records).toHaveLength(57);
    const releases = await as(AUDITOR).get(`/publish/ocds/releases?${YEAR}`).expect(200);
    expect(releases.body.releases).toHaveLength(57);
    expect(releases.body.releases[0].ocid).toBe('ocds-ledger-2016-17-B01');
  });

  it('serves the transparency lists as CSV downloads and as JSON, the same rows', async () => {
    const csv = await as(OFFICER).get(`/publish/transparency/grants.csv?${YEAR}`).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="grants-2016-17.csv"');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('reference,title,recipient,value,start,end,awarded,mechanism,purpose,conditions,reasons,status');
    expect(lines).toHaveLength(15);
    expect(lines).toContain('2016-17-B51,Blaby PLF,Blaby District Council,29700.00,2016-04-01,2017-03-31,2015-10-23,Partnership Locality Fund,Contribution towards delivering the areas’ community safety plan,,,allocated');
    const json = await as(OFFICER).get(`/publish/transparency/grants.json?${YEAR}`).expect(200);
    expect(json.body.rows.map((r: { reference: string }) => r.reference)).toEqual(lines.slice(1).map((l) => l.split(',')[0]));
    const contracts = await as(OFFICER).get(`/publish/transparency/contracts.csv?${YEAR}`).expect(200);
    expect(contracts.text.split('\r\n')[0]).toBe('reference,title,supplier,value,start,end,awarded,mechanism,purpose,status');
    await as(OFFICER).get(`/publish/transparency/contracts.json?${YEAR}`).expect(200);
    // Spend over £500: nothing paid yet at the import, so a header and no rows.
    const spend = await as(AUDITOR).get(`/publish/transparency/spend.csv?${YEAR}`).expect(200);
    expect(spend.headers['content-disposition']).toBe('attachment; filename="spend-2016-17.csv"');
    expect(spend.text).toBe('month,paid,reference,title,supplier,value,mechanism,purpose,paymentRef\r\n');
    expect((await as(AUDITOR).get(`/publish/transparency/spend.json?${YEAR}`).expect(200)).body).toMatchObject({ list: 'spend', financialYear: '2016-17', rows: [] });
  });

  it.each([
    ['financialYear=2016', 'financialYear'],
    [`${YEAR}&asOf=yesterday`, 'asOf'],
    [`${YEAR}&basis=occurred`, 'basis'],
    [`${YEAR}&basis=sometime&asOf=2016-01-01`, 'basis'],
    [`${YEAR}&format=xml`, 'format'],
    ['', 'financialYear'],
  ])('refuses ?%s with 400 naming %s', async (query, field) => {
    const res = await as(OFFICER).get(`/publish/360giving?${query}`).expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field })] });
  });

  it('answers 404 for a year with no framework, or before it was imported', async () => {
    expect((await as(OFFICER).get('/publish/360giving?financialYear=2030-31').expect(404)).body.code).toBe('NOT_FOUND');
    await as(OFFICER).get(`/publish/ocds/records?${YEAR}&asOf=2015-10-01`).expect(404);
  });

  it('keeps /open-data closed unless PUBLISH_OPEN=true, then serves the same documents without a token', async () => {
    await httpAs(api, {})().get(`/open-data/360giving?${YEAR}`).expect(404);
    open = await startApi({ PUBLISH_OPEN: 'true', ...(pg ? { DATABASE_URL: pg.url } : { DATA_DIR: api.config.DATA_DIR }) });
    const published = await httpAs(open, OFFICER)().get(`/publish/360giving?${YEAR}`).expect(200);
    const anyone = await httpAs(open, {})().get(`/open-data/360giving?${YEAR}`).expect(200);
    expect(anyone.body).toEqual(published.body);
    const csv = await httpAs(open, {})().get(`/open-data/transparency/contracts.csv?${YEAR}`).expect(200);
    expect(csv.text).toMatch(/^reference,title,supplier,/);
    for (const path of ['ocds/records', 'transparency/grants.json', 'transparency/spend.json']) {
      const staff = await httpAs(open, AUDITOR)().get(`/publish/${path}?${YEAR}`).expect(200);
      expect((await httpAs(open, {})().get(`/open-data/${path}?${YEAR}`).expect(200)).body).toEqual(staff.body);
    }
    // Open data opens /open-data only: /publish still asks for staff or an auditor.
    await httpAs(open, {})().get(`/publish/360giving?${YEAR}`).expect(401);
    await httpAs(open, actingAs('csp', 'blaby'))().get(`/publish/transparency/spend.csv?${YEAR}`).expect(403);
  });
});
