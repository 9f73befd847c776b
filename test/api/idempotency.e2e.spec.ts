import request from 'supertest';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { startApi, type TestApi } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { actingAs } from '@test/support/tokens';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';

/** An Idempotency-Key is bound to the caller, method, path and body of the request that first used it. */
const PROPOSAL = { financialYear: '2016-17', title: 'Hate crime victim advocacy', mechanism: 'direct', estimatedValuePence: 2_500_000, on: '2016-05-03' };
const OTHER_OFFICER = actingAs('opcc-staff', undefined, { sub: 'officer.two' });

describe('Idempotency-Key', () => {
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  const http = () => request(api.app.getHttpServer());
  const sql = async (text: string, params: unknown[] = []) => (await api.app.get<symbol, SqlDatabase>(SQL_DATABASE).query<{ n: number }>(text, params)).rows[0].n;
  const openings = () => sql(`select count(*)::int as n from events where type = 'ProposalRaised'`);
  const events = () => sql('select count(*)::int as n from events');
  const propose = (key: string, body: object = PROPOSAL, caller = OFFICER) => http().post('/cases/proposals').set(caller).set('Idempotency-Key', key).send(body);

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApi(pg ? { DATABASE_URL: pg.url } : {});
    await http().post('/frameworks/import').set(ADMIN).send(seed201617()).expect(201);
  }, 300_000);
  afterAll(async () => {
    await api?.close();
    await pg?.drop();
  });

  it('opens one case for three retries of an opening without a caseId, each answered with it', async () => {
    const before = await openings();
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await propose('open-once-1'));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.caseId)).size).toBe(1);
    expect(answers.map((a) => a.headers['idempotent-replayed'])).toEqual([undefined, 'true', 'true']);
    expect(await openings()).toBe(before + 1);
  });

  it('opens one case for ten concurrent sends of one opening', async () => {
    const before = await openings();
    const answers = await Promise.all(Array.from({ length: 10 }, () => propose('open-once-2')));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.caseId)).size).toBe(1);
    expect(await openings()).toBe(before + 1);
  });

  it('refuses the same key with another body, one after another: 422 IDEMPOTENCY_KEY_REUSED, nothing appended', async () => {
    await propose('reused-1').expect(201);
    const before = await events();
    const reused = await propose('reused-1', { ...PROPOSAL, title: 'Something else entirely' });
    expect(reused.status).toBe(422);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await events()).toBe(before);
  });

  it('refuses the same key and body from another caller', async () => {
    await propose('reused-2').expect(201);
    const other = await propose('reused-2', PROPOSAL, OTHER_OFFICER);
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('lets exactly one of ten concurrent requests with one key and ten bodies succeed; the rest are refused, not answered with its result', async () => {
    const before = await openings();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => propose('raced-1', { ...PROPOSAL, title: `Proposal number ${i}` })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(422)]);
    expect(answers.filter((a) => a.status === 422).every((a) => a.body.code === 'IDEMPOTENCY_KEY_REUSED')).toBe(true);
    expect(await openings()).toBe(before + 1);
  });

  it('binds a key on a case command the same way, also when concurrent', async () => {
    const { body } = await http().post('/cases/proposals').set(OFFICER).send({ ...PROPOSAL, title: 'To be withdrawn' }).expect(201);
    const withdraw = (reason: string) => http().post(`/cases/${body.caseId}/withdrawal`).set(OFFICER).set('Idempotency-Key', 'withdraw-1').send({ reason, on: '2016-05-10' });
    const before = await events();
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => withdraw(`Withdrawn for reason ${i}`)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(5).fill(422)]);
    expect(await events()).toBe(before + 1);
    const winner = answers.find((a) => a.status === 200) as request.Response;
    const retry = await withdraw(`Withdrawn for reason ${answers.indexOf(winner)}`);
    expect({ status: retry.status, replayed: retry.headers['idempotent-replayed'] }).toEqual({ status: 200, replayed: 'true' });
  });
});
