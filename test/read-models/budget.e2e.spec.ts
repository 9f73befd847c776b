import { eventually } from '@test/support/api-app';
import { ADMIN } from '@test/support/seed';
import { seededApi, type SeededApi } from './seeded-api';

/** Table 1: the £450,000 Partnership Locality Fund split by the Vulnerable Localities Index. */
const TABLE_1 = {
  'leicester-city': 21_510_000,
  charnwood: 6_795_000,
  'hinckley-and-bosworth': 3_600_000,
  'north-west-leicestershire': 3_195_000,
  blaby: 2_970_000,
  harborough: 2_385_000,
  'oadby-and-wigston': 1_980_000,
  melton: 1_575_000,
  rutland: 990_000,
};

/** Appendix B's theme subtotals, as printed. */
const APPENDIX_B = { 'reducing-offending': 199_459_900, 'supporting-victims': 118_473_400, 'safer-communities': 10_472_600, 'protecting-vulnerable': 20_592_400 };
/**
 * Appendix C prints no theme: its two lines count in byTheme under the themes the framework
 * document infers from their linkage text (C01 Project 360, £292,000: supporting-victims;
 * C02 IOM tags, £40,000: reducing-offending). The 9 PLF lines have no theme: "various".
 */
const APPENDIX_C = { 'supporting-victims': 29_200_000, 'reducing-offending': 4_000_000 };

describe('the budget read model over HTTP', () => {
  let seeded: SeededApi;
  const http = () => seeded.http();

  beforeAll(async () => {
    seeded = await seededApi();
  });
  afterAll(() => seeded?.close());

  it('gives the 2016/17 budget as the framework sets it', async () => {
    const { body } = await http().get('/frameworks/2016-17/budget').expect('Content-Type', /application\/json/).expect(200);
    expect(body).toMatchObject({
      financialYear: '2016-17',
      totalPence: 461_100_000,
      committedPence: 427_198_300,
      allocatedPence: 45_000_000 + 33_200_000,
      availablePence: 0,
      reservePence: 33_901_700,
    });
    expect(body.formatted).toMatchObject({ total: '£4,611,000.00', committed: '£4,271,983.00', reserve: '£339,017.00', available: '£0.00' });
    expect(body.asOfPosition).toBeGreaterThanOrEqual(1);
  });

  it('breaks it down by theme (Appendix B as printed, Appendix C under its inferred themes), mechanism and locality', async () => {
    const { body } = await http().get('/frameworks/2016-17/budget').expect(200);
    expect(body.byTheme).toEqual({
      'reducing-offending': APPENDIX_B['reducing-offending'] + APPENDIX_C['reducing-offending'],
      'supporting-victims': APPENDIX_B['supporting-victims'] + APPENDIX_C['supporting-victims'],
      'safer-communities': APPENDIX_B['safer-communities'],
      'protecting-vulnerable': APPENDIX_B['protecting-vulnerable'],
      various: 45_000_000,
    });
    expect(body.bySource).toEqual({ 'appendix-b': 393_998_300, 'appendix-c': 33_200_000 });
    expect(body.byMechanism.plf).toBe(45_000_000);
    expect(body.byMechanism.unassigned).toBe(33_200_000);
    expect(body.byLocality).toEqual(TABLE_1);
    expect(body.byPriority['SP5+SP6']).toBe(26_887_700);
    expect(body.formatted.byLocality.blaby).toBe('£29,700.00');
    expect(body.formatted.byTheme.various).toBe('£450,000.00');
    for (const name of ['byTheme', 'byMechanism', 'byPriority', 'byProvider', 'byGeographicalReach']) {
      expect([name, Object.values(body[name] as Record<string, number>).reduce((a, b) => a + b, 0)]).toEqual([name, 427_198_300]);
    }
  });

  it.each([
    ['Accept: text/csv', (path: string) => http().get(path).set('Accept', 'text/csv')],
    ['budget.csv', (path: string) => http().get(`${path}.csv`)],
  ])('downloads the breakdowns as CSV (%s)', async (_form, get) => {
    const res = await get('/frameworks/2016-17/budget').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="budget-2016-17.csv"');
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe('breakdown,key,pence,amount');
    expect(lines).toContain('summary,total,461100000,"£4,611,000.00"');
    expect(lines).toContain('byLocality,rutland,990000,"£9,900.00"');
    expect(lines).toContain('byProvider,"Derbys, Leics, Notts and Rutland Community Rehabilitation Company",5000000,"£50,000.00"');
    expect(lines).toContain('byProvider,Leicestershire County Council and Leicester City Council,37013600,"£370,136.00"');
    expect(lines.filter((line) => line.startsWith('byLocality,'))).toHaveLength(9);
    expect(lines[lines.length - 1]).toBe('');
  });

  it('answers a year with no framework with 404 problem+json, and a malformed year with 400 naming it', async () => {
    const missing = await http().get('/frameworks/2017-18/budget').expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', financialYear: '2017-18' });
    await http().get('/frameworks/2017-18/budget.csv').expect(404);
    const bad = await http().get('/frameworks/2016/budget').expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'financialYear' })]);
  });

  it('moves the reserve and what is available when the reserve is drawn on', async () => {
    const draw = { pence: 2_500_000, reason: 'Incoming PCC decision to fund a hate crime initiative', decisionRef: 'PCC/DEC/2016/041', on: '2016-06-15' };
    await http().post('/frameworks/2016-17/reserve-draws').set(ADMIN).send(draw).expect(201);
    const body = await eventually(async () => {
      const res = await http().get('/frameworks/2016-17/budget').expect(200);
      expect(res.body.reservePence).toBe(33_901_700 - 2_500_000);
      return res.body;
    });
    expect(body).toMatchObject({ availablePence: 2_500_000, committedPence: 427_198_300, formatted: expect.objectContaining({ available: '£25,000.00' }) });
  });

  it('documents the read-model endpoints for OpenAPI, with examples', async () => {
    const { body } = await http().get('/docs/openapi.json').expect(200);
    const budget = body.paths['/frameworks/{year}/budget'].get;
    expect(Object.keys(budget.responses['200'].content)).toEqual(['application/json', 'text/csv']);
    expect(budget.responses['200'].content['application/json'].example).toMatchObject({ totalPence: 461_100_000, byLocality: TABLE_1 });
    expect(body.paths['/frameworks/{year}/budget.csv'].get.responses['200'].content['text/csv'].example).toMatch(/^breakdown,key,pence,amount\r\n/);
    expect(body.paths['/pipeline'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['financialYear', 'mechanism', 'stage', 'locality', 'theme', 'priority', 'limit', 'offset']);
    expect(body.paths['/pipeline'].get.responses['200'].content['application/json'].example.byMechanismAndStage).toEqual({ plf: { 'plan-requested': 9 } });
    const audit = body.paths['/audit-log'].get;
    expect(audit.parameters.map((p: { name: string }) => p.name)).toEqual(['stream', 'type', 'actor', 'locality', 'from', 'to', 'limit', 'after']);
    expect(audit.parameters.every((p: { schema: { example?: unknown } }) => p.schema.example !== undefined)).toBe(true);
    expect(audit.responses['400'].content['application/problem+json'].example.errors[0].field).toBe('from');
  });
});
