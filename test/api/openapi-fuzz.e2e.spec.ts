import request from 'supertest';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { startApi, type TestApi } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { type FuzzCase, fuzzCases, type OpenApiDocument } from '@test/support/openapi-fuzz';
import { ADMIN, seed201617 } from '@test/support/seed';
import { actingAs } from '@test/support/tokens';

/**
 * Requests generated from the API's own OpenAPI document (FUZZ_SEED, FUZZ_CASES to repeat
 * or widen a run): no answer is a 5xx, no input that must be refused appends anything,
 * and every refusal is problem+json, naming the field when the request was malformed.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20161017);
/** Per store: 2,000 on PostgreSQL and 1,500 on PGlite (which serialises every statement) by default: 3,500 a run. */
const COUNT_OF: Record<string, number> = { PostgreSQL: Number(process.env.FUZZ_CASES ?? 2000), PGlite: Number(process.env.FUZZ_CASES ?? 1500) };
const ROLES = ['opcc-staff', 'auditor', 'admin'] as const;
const TOKENS = Object.fromEntries(ROLES.map((role) => [role, actingAs(role, undefined, { sub: `fuzz.${role}` })]));

const stores: Array<[string, boolean]> = [['PGlite', true], ['PostgreSQL', Boolean(testDatabaseUrl)]];

describe.each(stores.filter(([, on]) => on).map(([name]) => name))('requests generated from the OpenAPI document, on %s', (store) => {
  const COUNT = COUNT_OF[store];
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  let cases: FuzzCase[];
  const http = () => request(api.app.getHttpServer());
  const countEvents = async () => (await api.app.get<symbol, SqlDatabase>(SQL_DATABASE).query<{ n: number }>('select count(*)::int as n from events')).rows[0].n;

  beforeAll(async () => {
    pg = store === 'PostgreSQL' ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApi({ ...(pg ? { DATABASE_URL: pg.url } : {}), RATE_LIMIT_PER_MINUTE: '1000000' });
    await http().post('/frameworks/import').set(ADMIN).send(seed201617()).expect(201);
    const { body: doc } = await http().get('/docs/openapi.json').expect(200);
    const { body: commitments } = await http().get('/frameworks/2016-17/commitments').set(TOKENS.admin).expect(200);
    const caseIds = (commitments.items as Array<{ caseId: string }>).map((i) => i.caseId).slice(0, 12);
    cases = fuzzCases(doc as OpenApiDocument, { seed: SEED, count: COUNT, caseIds });
  }, 300_000);
  afterAll(async () => {
    await api?.close();
    await pg?.drop();
  });

  const send = (c: FuzzCase) => {
    let req = http()[c.method.toLowerCase() as 'get' | 'post'](c.path);
    if (c.role) req = req.set(TOKENS[c.role as (typeof ROLES)[number]] ?? TOKENS.admin);
    if (c.body !== undefined) req = req.set('Content-Type', 'application/json');
    req = req.set(c.headers);
    return c.body !== undefined ? req.send(c.body) : req;
  };

  /** What is wrong with an answer, or undefined. */
  const judge = (c: FuzzCase, res: request.Response): string | undefined => {
    const said = `#${c.n} ${c.mutation} ${c.method} ${c.path.slice(0, 120)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
    if (res.status >= 500) return `5xx: ${said}`;
    if (c.mustRefuse && res.status < 400) return `accepted what must be refused: ${said}`;
    if (res.status >= 400) {
      if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) return `refusal not problem+json: ${said}`;
      if ((res.status === 400 || res.status === 415) && !(res.body.errors?.length && res.body.errors.every((e: { field?: string }) => typeof e.field === 'string' && e.field.length > 0))) {
        return `refusal names no field: ${said}`;
      }
    }
    return undefined;
  };

  const run = async (batch: FuzzCase[]) => {
    const wrong: string[] = [];
    for (let i = 0; i < batch.length; i += 8) {
      const slice = batch.slice(i, i + 8);
      const answers = await Promise.all(slice.map((c) => send(c)));
      slice.forEach((c, j) => {
        const verdict = judge(c, answers[j]);
        if (verdict) wrong.push(verdict);
      });
    }
    return wrong;
  };

  it(`answers every input that must be refused with a 4xx problem naming the field, appending nothing (seed ${SEED})`, async () => {
    const refusals = cases.filter((c) => c.mustRefuse);
    expect(refusals.length).toBeGreaterThan(COUNT / 3);
    expect(new Set(refusals.map((c) => c.mutation.split(':')[0])).size).toBeGreaterThanOrEqual(15);
    const before = await countEvents();
    const wrong = await run(refusals);
    expect(wrong).toEqual([]);
    expect(await countEvents()).toBe(before);
  }, 600_000);

  it('answers every other generated request without a 5xx, every refusal as problem+json', async () => {
    const wrong = await run(cases.filter((c) => !c.mustRefuse));
    expect(wrong).toEqual([]);
  }, 600_000);
});
