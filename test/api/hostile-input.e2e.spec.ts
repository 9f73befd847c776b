import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { startApi, type TestApi } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';

/**
 * Each finding of the hostile-input review, as a request: refused 4xx with problem+json
 * naming the field, never a 5xx, and nothing appended.
 */
type Http = ReturnType<typeof request>;
interface Hostile {
  readonly kind: string;
  readonly status: number;
  readonly field: string;
  readonly send: (http: Http) => request.Test;
}

const PROPOSAL = { financialYear: '2016-17', title: 'Hate crime victim advocacy', mechanism: 'direct', estimatedValuePence: 2_500_000, on: '2016-05-03' };
const PROPOSALS = '/cases/proposals';
const json = (path: string, text: string | Buffer, headers: Record<string, string> = {}) => (h: Http) =>
  h.post(path).set(OFFICER).set({ 'Content-Type': 'application/json', ...headers }).send(text);
const proposal = (edit: Record<string, unknown>) => JSON.stringify({ ...PROPOSAL, ...edit });
const nested = (levels: number) => `{"financialYear":"2016-17","title":"t","mechanism":"direct","estimatedValuePence":1,"description":${'['.repeat(levels)}${']'.repeat(levels)}}`;

const HOSTILE: Hostile[] = [
  { kind: 'a lone UTF-16 surrogate in a text field', status: 400, field: 'title', send: json(PROPOSALS, proposal({ title: 'Advocacy \ud800' })) },
  { kind: 'a lone low surrogate written as an escape', status: 400, field: 'title', send: json(PROPOSALS, proposal({}).replace('"Hate', '"\\udc00Hate')) },
  { kind: 'null for caseId', status: 400, field: 'caseId', send: json(PROPOSALS, proposal({ caseId: null })) },
  { kind: 'null for a required field', status: 400, field: 'title', send: json(PROPOSALS, proposal({ title: null })) },
  { kind: 'Content-Type application/json; charset=latin1', status: 415, field: 'Content-Type', send: json(PROPOSALS, proposal({}), { 'Content-Type': 'application/json; charset=latin1' }) },
  { kind: 'Content-Type application/json; charset=utf-16', status: 415, field: 'Content-Type', send: json(PROPOSALS, proposal({}), { 'Content-Type': 'application/json; charset=utf-16' }) },
  { kind: 'JSON nested 10,000 levels', status: 400, field: '(body)', send: json(PROPOSALS, nested(10_000)) },
  { kind: 'JSON nested 200,000 levels', status: 400, field: '(body)', send: json(PROPOSALS, nested(200_000)) },
  { kind: 'JSON nested 40 levels', status: 400, field: '(body)', send: json(PROPOSALS, nested(40)) },
  { kind: 'a control character in a text field', status: 400, field: 'title', send: json(PROPOSALS, proposal({ title: 'Advocacy\u0007' })) },
  { kind: 'a C1 control character in a text field', status: 400, field: 'description', send: json(PROPOSALS, proposal({ description: 'x\u009b2J' })) },
  { kind: 'an array where an object belongs (geographicalReach)', status: 400, field: 'geographicalReach', send: json(PROPOSALS, proposal({ geographicalReach: [{ scope: 'llr', localities: [] }] })) },
  { kind: 'estimatedValuePence of 2^53+1', status: 400, field: 'estimatedValuePence', send: json(PROPOSALS, proposal({}).replace('2500000', '9007199254740993')) },
  { kind: 'estimatedValuePence of 1e300', status: 400, field: 'estimatedValuePence', send: json(PROPOSALS, proposal({}).replace('2500000', '1e300')) },
  { kind: 'estimatedValuePence beyond any budget (£100bn)', status: 400, field: 'estimatedValuePence', send: json(PROPOSALS, proposal({ estimatedValuePence: 10_000_000_000_000 })) },
  { kind: 'a number 1e400 (Infinity)', status: 400, field: 'estimatedValuePence', send: json(PROPOSALS, proposal({}).replace('2500000', '1e400')) },
  { kind: 'a constructor key', status: 400, field: 'constructor', send: json(PROPOSALS, proposal({ constructor: { prototype: { admin: true } } })) },
  { kind: 'a nested prototype key', status: 400, field: 'geographicalReach.prototype', send: json(PROPOSALS, proposal({ geographicalReach: { prototype: {} } })) },
  { kind: 'a __proto__ key', status: 400, field: '__proto__', send: json(PROPOSALS, proposal({}).replace('{', '{"__proto__":{"isAdmin":true},')) },
  { kind: 'a top-level array', status: 400, field: '(body)', send: json(PROPOSALS, JSON.stringify([PROPOSAL])) },
  {
    kind: 'an application/x-www-form-urlencoded body',
    status: 415,
    field: 'Content-Type',
    send: (h) => h.post(PROPOSALS).set(OFFICER).type('form').send('financialYear=2016-17&title=Form&mechanism=direct&estimatedValuePence=100'),
  },
  { kind: 'a text/plain body', status: 415, field: 'Content-Type', send: (h) => h.post(PROPOSALS).set(OFFICER).set('Content-Type', 'text/plain').send(proposal({})) },
  { kind: 'a body with no Content-Type', status: 415, field: 'Content-Type', send: (h) => h.post(PROPOSALS).set(OFFICER).set('Content-Length', '2').unset('Content-Type').send(Buffer.from('{}')) },
  { kind: 'an X-Correlation-Id of 8,000 characters', status: 400, field: 'X-Correlation-Id', send: json(PROPOSALS, proposal({}), { 'X-Correlation-Id': 'c'.repeat(8000) }) },
  { kind: 'an X-Correlation-Id with spaces and quotes', status: 400, field: 'X-Correlation-Id', send: json(PROPOSALS, proposal({}), { 'X-Correlation-Id': 'a "b" c' }) },
  { kind: 'an If-Match of 500 characters', status: 400, field: 'If-Match', send: json(PROPOSALS, proposal({}), { 'If-Match': '"'.padEnd(500, '9') }) },
  { kind: 'offset=1e308 on a list', status: 400, field: 'offset', send: (h) => h.get('/pipeline?offset=1e308').set(OFFICER) },
  { kind: 'offset beyond any page', status: 400, field: 'offset', send: (h) => h.get('/pipeline?offset=99999999999999').set(OFFICER) },
  { kind: 'a NUL byte in a query filter', status: 400, field: 'stage', send: (h) => h.get('/pipeline?stage=plan%00requested').set(OFFICER) },
  { kind: 'a query value of 1,000 characters', status: 400, field: 'locality', send: (h) => h.get(`/pipeline?locality=${'a'.repeat(1000)}`).set(OFFICER) },
  { kind: 'a query string of 5,000 characters', status: 400, field: '(query)', send: (h) => h.get(`/pipeline?${'stage=a&'.repeat(625)}`).set(OFFICER) },
  { kind: 'a business date in the year 9999', status: 400, field: 'on', send: json(PROPOSALS, proposal({ on: '9999-12-31' })) },
  { kind: 'a business date in 1900', status: 400, field: 'on', send: json(PROPOSALS, proposal({ on: '1900-01-01' })) },
];

describe('hostile input is refused at the boundary: 4xx problem+json naming the field, nothing appended', () => {
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  let eventsBefore: number;
  const http = () => request(api.app.getHttpServer());
  const countEvents = async () => {
    const { rows } = await api.app.get<symbol, SqlDatabase>(SQL_DATABASE).query<{ n: number }>('select count(*)::int as n from events');
    return rows[0].n;
  };

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApi(pg ? { DATABASE_URL: pg.url } : {});
    await http().post('/frameworks/import').set(ADMIN).send(seed201617()).expect(201);
    eventsBefore = await countEvents();
    await api.app.listen(0, '127.0.0.1');
  }, 300_000);

  /** Bytes exactly as given (supertest would serialise a Buffer as JSON). */
  const rawPost = (path: string, headers: Record<string, string>, body: Buffer) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { port } = api.app.getHttpServer().address() as AddressInfo;
      const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, 'Content-Length': String(body.length) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(body);
    });
  afterAll(async () => {
    await api?.close();
    await pg?.drop();
  });

  it.each(HOSTILE.map((h) => [`${h.kind}: ${h.status} naming ${h.field}`, h] as const))('%s', async (_title, { status, field, send }) => {
    const res = await send(http());
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
    expect(res.body.errors).toEqual(expect.arrayContaining([{ field, reason: expect.stringMatching(/\S/) }]));
    expect(JSON.stringify(res.body)).not.toMatch(/\\ud[89ab]|\\u0000/i);
  });

  it('bytes that are not UTF-8: 400 naming (body)', async () => {
    const bytes = Buffer.concat([Buffer.from(proposal({}).slice(0, -1)), Buffer.from(',"description":"caf\xe9"}', 'latin1')]);
    const res = await rawPost(PROPOSALS, { ...OFFICER, 'Content-Type': 'application/json' }, bytes);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).errors).toEqual([{ field: '(body)', reason: 'is not well-formed UTF-8' }]);
  });

  it('appended nothing', async () => {
    expect(await countEvents()).toBe(eventsBefore);
  });

  it('still takes the same proposal when it is well formed (the refusals were of the input, not of the route)', async () => {
    await http().post(PROPOSALS).set(OFFICER).send({ ...PROPOSAL, description: 'Two lines:\nboth kept\tand a tab' }).expect(201);
    expect(await countEvents()).toBe(eventsBefore + 1);
  });
});
