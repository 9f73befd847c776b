import { httpAs, startApi, type TestApi } from '@test/support/api-app';
import { testDatabaseUrl, freshPostgres, type TemporaryPostgres } from '@test/support/databases';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';

const pounds = (pence: number) => pence * 100;

describe('importing the 2016/17 framework over HTTP', () => {
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApi(pg ? { DATABASE_URL: pg.url } : {});
  });
  afterAll(async () => {
    await api.close();
    await pg?.drop();
  });

  const http = () => httpAs(api, OFFICER)();
  it('imports every line and totals the document to the penny', async () => {
    const res = await http().post('/frameworks/import').set(ADMIN).send(seed201617()).expect(201);
    expect(res.body).toMatchObject({ financialYear: '2016-17', frameworkImported: true, casesOpened: 57, lines: 57 });

    const { body } = await http().get('/frameworks/2016-17/commitments').expect(200);
    const items: Array<{ valuePence: number; source: string; theme: string | null; mechanism: string | null; primaryPriority: string | null }> =
      body.items;
    const total = (filter: (i: (typeof items)[number]) => boolean) => items.filter(filter).reduce((s, i) => s + i.valuePence, 0);
    for (const item of items) expect(Number.isInteger(item.valuePence)).toBe(true);
    expect(total((i) => i.source === 'appendix-b')).toBe(pounds(3_939_983));
    expect(total((i) => i.source === 'appendix-c')).toBe(pounds(332_000));
    const b = (i: (typeof items)[number]) => i.source === 'appendix-b';
    expect(total((i) => b(i) && i.theme === 'reducing-offending')).toBe(pounds(1_994_599));
    expect(total((i) => b(i) && i.theme === 'supporting-victims')).toBe(pounds(1_184_734));
    expect(total((i) => b(i) && i.theme === 'safer-communities')).toBe(pounds(104_726));
    expect(total((i) => b(i) && i.theme === 'protecting-vulnerable')).toBe(pounds(205_924));
    expect(total((i) => i.mechanism === 'plf')).toBe(pounds(450_000));
    expect(items.filter((i) => i.source === 'appendix-c').every((i) => i.mechanism === null)).toBe(true);
    expect(items.find((i) => i.primaryPriority === 'SP5/6')).toMatchObject({ valuePence: pounds(268_877) });

    const framework = await http().get('/frameworks/2016-17').expect(200);
    expect(framework.body.budget).toMatchObject({
      totalPence: pounds(4_611_000),
      committedPence: pounds(3_939_983 + 332_000),
      reservePence: pounds(339_017),
      availablePence: 0,
    });
    expect(framework.body.budget.formatted.reserve).toBe('£339,017.00');
    expect(framework.body.plf).toMatchObject({ meetingDeadline: '2016-02-29', meetingDeadlineFormatted: '29 Feb 2016' });
  });

  it('importing the same document again leaves the log as it was', async () => {
    const before = await http().get('/frameworks/2016-17').expect(200);
    const res = await http().post('/frameworks/import').set(ADMIN).send(seed201617()).expect(201);
    expect(res.body).toMatchObject({ frameworkImported: false, casesOpened: 0, casesAlreadyPresent: 57 });
    const after = await http().get('/frameworks/2016-17').expect(200);
    expect(after.headers.etag).toBe(before.headers.etag);
    const rutland = await http().get('/cases/2016-17-B55').expect(200);
    expect(rutland.body).toMatchObject({ locality: 'rutland', stage: 'plan-requested' });
    expect(rutland.headers.etag).toBe('"0"');
  });

  it('refuses a document whose subtotal does not match its lines, naming it, and appends nothing', async () => {
    const doc = seed201617() as { financialYear: string; appendixB: { sections: Array<{ lines: Array<{ valuePence: number }> }> } };
    doc.financialYear = '2017-18';
    doc.appendixB.sections[2].lines[0].valuePence += 1;
    const res = await http().post('/frameworks/import').set(ADMIN).send(doc).expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('INVALID_FRAMEWORK');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'appendixB.sections[2].subtotalPence' })]));
    await http().get('/frameworks/2017-18').expect(404);
  });

  it('publishes the document\'s JSON Schema at a stable URL, referenced by the import in OpenAPI', async () => {
    const schema = await http().get('/frameworks/schema.json').expect(200);
    expect(schema.headers['content-type']).toMatch(/application\/schema\+json/);
    expect(schema.body).toMatchObject({ $id: 'commissioning-framework/v1', additionalProperties: false });
    const openapi = await http().get('/docs/openapi.json').expect(200);
    const body = openapi.body.paths['/frameworks/import'].post.requestBody.content['application/json'].schema;
    expect(body).toMatchObject({ externalDocs: { url: '/frameworks/schema.json' }, additionalProperties: false, required: expect.arrayContaining(['period']) });
  });

  it('refuses an impossible date and an unknown field with problem+json naming the path, appending nothing', async () => {
    const doc = seed201617() as { financialYear: string; plf: { meetingDeadline: string }; appendixB: { sections: Array<{ lines: Array<Record<string, unknown>> }> } };
    doc.financialYear = '2017-18';
    doc.plf.meetingDeadline = '2017-02-29';
    doc.appendixB.sections[0].lines[0].valu = 1;
    const res = await http().post('/frameworks/import').set(ADMIN).send(doc).expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual(expect.arrayContaining([
      { field: 'plf.meetingDeadline', reason: '2017-02-29 is not a date' },
      expect.objectContaining({ field: 'appendixB.sections[0].lines[0].valu' }),
    ]));
    await http().get('/frameworks/2017-18').expect(404);
  });
});
