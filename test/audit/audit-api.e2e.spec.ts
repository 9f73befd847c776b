import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { BLABY_CASE, BLABY_CSP, BLABY_PLAN } from '@test/read-models/blaby-plan';
import { type SeededApi, seededApi } from '@test/read-models/seeded-api';
import { eventually } from '@test/support/api-app';
import { AUDITOR } from '@test/support/seed';
import { parseCsv } from './csv';

/** The auditor's tools over HTTP, on the real API (PostgreSQL when TEST_DATABASE_URL is set, else PGlite). */
describe('the auditor’s tools under /audit', () => {
  let seeded: SeededApi;
  let beforePlan: string;
  const http = () => seeded.http(AUDITOR);

  beforeAll(async () => {
    seeded = await seededApi();
    beforePlan = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await http().post(`/cases/${BLABY_CASE}/plan`).set(BLABY_CSP).send(BLABY_PLAN).expect(200);
  });
  afterAll(() => seeded?.close());

  it("gives a case as it stood: before the plan was recorded, and after; or by the plan's business date", async () => {
    const before = await http().get(`/audit/cases/${BLABY_CASE}`).query({ asOf: beforePlan }).expect(200);
    expect(before.body).toMatchObject({ asOf: { at: beforePlan, basis: 'recorded' }, revision: 0, laterEvents: 1, case: { caseId: BLABY_CASE, stage: 'plan-requested', plan: null, allocation: '£29,700.00' } });
    const now = await http().get(`/audit/cases/${BLABY_CASE}`).query({ asOf: new Date().toISOString() }).expect(200);
    expect(now.body).toMatchObject({ revision: 1, lastEvent: { type: 'CspPlanSubmitted' }, case: { stage: 'plan-submitted' } });
    // On the business clock the import is dated by the framework document (23 Oct 2015): the case did not
    // exist the day before, stood at plan-requested the day before the plan, and at plan-submitted now.
    const occurred = (asOf: string) => http().get(`/audit/cases/${BLABY_CASE}`).query({ asOf, basis: 'occurred' });
    expect((await occurred('2015-10-22').expect(404)).body.code).toBe('NOT_FOUND');
    expect((await occurred('2015-10-23').expect(200)).body).toMatchObject({ asOf: { basis: 'occurred' }, case: { stage: 'plan-requested' } });
    expect((await occurred(new Date().toISOString()).expect(200)).body).toMatchObject({ asOf: { basis: 'occurred' }, case: { stage: 'plan-submitted' } });
  });

  it('refuses a bad asOf or basis with problem+json naming the field; an unknown case is 404', async () => {
    const bad = await http().get(`/audit/cases/${BLABY_CASE}`).query({ asOf: '2016-02-30' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'asOf' }] });
    await http().get(`/audit/cases/${BLABY_CASE}`).query({ asOf: '2016-03-01', basis: 'written' }).expect(400);
    await http().get(`/audit/cases/${BLABY_CASE}`).expect(400);
    expect((await http().get('/audit/cases/2016-17-ZZ9').query({ asOf: '2016-03-01' }).expect(404)).body.code).toBe('NOT_FOUND');
  });

  it("gives a case's history with every envelope and its chain recomputed", async () => {
    const { body } = await http().get(`/audit/cases/${BLABY_CASE}/history`).expect(200);
    expect(body).toMatchObject({ caseId: BLABY_CASE, streamId: `case-${BLABY_CASE}`, count: 2, chain: { ok: true, checked: 2 } });
    expect(body.items[1]).toMatchObject({ type: 'CspPlanSubmitted', revision: 1, previousHash: body.items[0].hash, metadata: { actor: { id: 'csp.blaby', locality: 'blaby' } } });
    expect(body.items[1].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives the year's budget as it stood, and 404 before the framework was imported", async () => {
    const { body } = await http().get('/audit/frameworks/2016-17/budget').query({ asOf: new Date().toISOString() }).expect(200);
    expect(body).toMatchObject({ financialYear: '2016-17', totalPence: 461_100_000, committedPence: 427_198_300, reservePence: 33_901_700, byLocality: { blaby: 2_970_000 } });
    expect(body.asOf.basis).toBe('recorded');
    await http().get('/audit/frameworks/2016-17/budget').query({ asOf: '2015-10-22', basis: 'occurred' }).expect(404);
  });

  it('streams an export as JSONL or CSV, by stream, locality or dates', async () => {
    const jsonl = await http().get('/audit/export').query({ stream: `case-${BLABY_CASE}` }).expect(200);
    expect(jsonl.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(jsonl.text.trimEnd().split('\n').map((line) => JSON.parse(line).type)).toEqual(['CspPlanRequested', 'CspPlanSubmitted']);

    // A locality's export walks the whole log, which shows a commit once no older transaction on the server is open.
    await eventually(async () => {
      const csv = await http().get('/audit/export').query({ locality: 'blaby' }).set('Accept', 'text/csv').expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const [header, ...rows] = parseCsv(csv.text);
      expect(rows.map((row) => row[header.indexOf('type')])).toEqual(['CspPlanRequested', 'CspPlanSubmitted']);
    });

    await eventually(async () => {
      const dated = await http().get('/audit/export').query({ from: '2016-01-12', to: '2016-01-12', basis: 'occurred', format: 'csv' }).expect(200);
      expect(parseCsv(dated.text)).toHaveLength(2);
    });
    const bad = await http().get('/audit/export').query({ from: 'last week' }).expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'from' }] });
  });

  it('verifies the log, and names the position of a row edited in the database', async () => {
    const intact = await http().get('/audit/verify').expect(200);
    expect(intact.body).toMatchObject({ ok: true, streams: { checked: 58, broken: 0 }, events: 59, firstBroken: null });
    const db = seeded.api.app.get<SqlDatabase>(SQL_DATABASE);
    const { rows } = await db.query<{ p: string }>(`select global_position as p from events where stream_id = $1 and stream_revision = 1`, [`case-${BLABY_CASE}`]);
    await db.query(`update events set data = jsonb_set(data, '{totalPence}', '1') where global_position = $1`, [rows[0].p]);
    const broken = await http().get('/audit/verify').expect(200);
    expect(broken.body).toMatchObject({ ok: false, firstBroken: { kind: 'stream', globalPosition: Number(rows[0].p), streamId: `case-${BLABY_CASE}`, revision: 1 } });
  });
});
