import request from 'supertest';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { startApi, type TestApi } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { ADMIN, OFFICER, seed201617, seed201718 } from '@test/support/seed';

/**
 * Bad input never appends: each kind of malformed request is answered 4xx with
 * application/problem+json naming the field at fault, and the log is the same afterwards.
 */
type Http = ReturnType<typeof request>;

interface Malformed {
  readonly kind: string;
  readonly status: number;
  /** The field errors[] must name; null where the problem can name none (a body that is not JSON). */
  readonly field: string | null;
  readonly code?: string;
  readonly send: (http: Http) => request.Test;
}

const MEASURE = { id: 'asb-incidents', name: 'ASB incidents in Blaby District', unit: 'incidents', target: 420, frequency: 'quarterly', direction: 'lower-is-better' };
const LINE = { id: 'asb-caseworker', description: 'Part-time ASB caseworker', pence: 1_450_000 };
const PLAN = { budgetLines: [LINE], performanceFramework: [MEASURE], on: '2016-01-12' };
const PROPOSAL = { financialYear: '2016-17', title: 'Hate crime victim advocacy', mechanism: 'direct', estimatedValuePence: 2_500_000, on: '2016-05-03' };
const DRAW = { pence: 2_500_000, reason: 'Incoming PCC decision to fund a hate crime initiative', decisionRef: 'PCC/DEC/2016/041' };
const CONTRACT = {
  kind: 'agreement',
  provider: 'Blaby District Council',
  valuePence: 2_120_000,
  outcomes: ['Fewer repeat ASB victims'],
  qualityStandards: ['Quarterly return'],
  measures: [MEASURE],
  underAchievementClause: 'Remedial action plan after two red quarters',
  startDate: '2016-04-01',
  endDate: '2017-03-31',
};
const WITHDRAWAL = { reason: 'Plan withdrawn by the CSP', on: '2016-02-10' };

/** A 2017/18 copy of the seed, changed by `edit` (so a valid one would be a new year, not a repeat). */
function framework(edit: (doc: { appendixB: { sections: Array<{ lines: Array<{ valuePence: number }> }> } }) => void) {
  const doc = seed201718() as Parameters<typeof edit>[0];
  edit(doc);
  return doc;
}

let blaby = '';
/** Blaby's PLF case path, known once the seed is imported. */
const blabyCase = (command: string) => () => `/cases/${blaby}/${command}`;
const post =
  (path: string | (() => string), body: object | string, headers: Record<string, string> = OFFICER) =>
  (h: Http) =>
    h.post(typeof path === 'string' ? path : path()).set(headers).send(body);

const IMPORT = '/frameworks/import';
const DRAWS = '/frameworks/2016-17/reserve-draws';
const PROPOSALS = '/cases/proposals';
const [PLAN_OF_BLABY, MEETING, AWARD, WITHDRAW] = ['plan', 'meeting', 'award', 'withdrawal'].map(blabyCase);

const MALFORMED: Malformed[] = [
  {
    kind: 'framework import with a subtotal that does not match its lines',
    status: 422,
    code: 'INVALID_FRAMEWORK',
    field: 'appendixB.sections[2].subtotalPence',
    send: post(IMPORT, framework((d) => (d.appendixB.sections[2].lines[0].valuePence += 1)), ADMIN),
  },
  {
    kind: 'framework import with a value in fractions of a penny',
    status: 422,
    code: 'INVALID_FRAMEWORK',
    field: 'appendixB.sections[0].lines[0].valuePence',
    send: post(IMPORT, framework((d) => (d.appendixB.sections[0].lines[0].valuePence = 1234.5)), ADMIN),
  },
  { kind: 'reserve draw with pence as a string', status: 400, field: 'pence', send: post(DRAWS, { ...DRAW, pence: '2500000' }, ADMIN) },
  { kind: 'reserve draw of negative pence', status: 400, field: 'pence', send: post(DRAWS, { ...DRAW, pence: -100 }, ADMIN) },
  { kind: 'reserve draw without a reason', status: 400, field: 'reason', send: post(DRAWS, { ...DRAW, reason: undefined }, ADMIN) },
  { kind: 'reserve draw on a year written wrongly in the path', status: 400, field: 'financialYear', send: post('/frameworks/2016-2017/reserve-draws', DRAW, ADMIN) },
  { kind: 'an unknown extra property', status: 400, field: 'budgetHolder', send: post(PLAN_OF_BLABY, { ...PLAN, budgetHolder: 'Blaby DC' }) },
  { kind: 'a missing required field', status: 400, field: 'meetingOn', send: post(MEETING, { on: '2016-01-20' }) },
  { kind: "a mechanism that is not an enum value ('magic')", status: 400, field: 'mechanism', send: post(PROPOSALS, { ...PROPOSAL, mechanism: 'magic' }) },
  {
    kind: "a measure frequency of 'fortnightly'",
    status: 400,
    field: 'performanceFramework[0].frequency',
    send: post(PLAN_OF_BLABY, { ...PLAN, performanceFramework: [{ ...MEASURE, frequency: 'fortnightly' }] }),
  },
  { kind: 'a date that does not exist (2015-02-29)', status: 400, field: 'meetingOn', send: post(MEETING, { meetingOn: '2015-02-29' }) },
  { kind: 'a date written 29/02/2016', status: 400, field: 'on', send: post(MEETING, { meetingOn: '2016-02-20', on: '29/02/2016' }) },
  { kind: 'money with decimals (2970.5)', status: 400, field: 'budgetLines[0].pence', send: post(PLAN_OF_BLABY, { ...PLAN, budgetLines: [{ ...LINE, pence: 2970.5 }] }) },
  {
    kind: 'a nested measure without its target',
    status: 400,
    field: 'performanceFramework[0].target',
    send: post(PLAN_OF_BLABY, { ...PLAN, performanceFramework: [{ ...MEASURE, target: undefined }] }),
  },
  { kind: 'an empty array of plan lines', status: 400, field: 'budgetLines', send: post(PLAN_OF_BLABY, { ...PLAN, budgetLines: [] }) },
  { kind: 'two plan lines with one id', status: 400, field: 'budgetLines', send: post(PLAN_OF_BLABY, { ...PLAN, budgetLines: [LINE, LINE] }) },
  { kind: 'an over-long title', status: 400, field: 'title', send: post(PROPOSALS, { ...PROPOSAL, title: 'x'.repeat(301) }) },
  {
    kind: 'a case id with characters a case id cannot have',
    status: 400,
    field: 'caseId',
    send: post(`/cases/${encodeURIComponent("B55';drop table events")}/withdrawal`, WITHDRAWAL),
  },
  { kind: 'an If-Match that is not an ETag', status: 400, field: 'If-Match', send: post(WITHDRAW, WITHDRAWAL, { ...OFFICER, 'If-Match': 'yesterday' }) },
  { kind: 'an Idempotency-Key with spaces', status: 400, field: 'Idempotency-Key', send: post(WITHDRAW, WITHDRAWAL, { ...OFFICER, 'Idempotency-Key': 'try again' }) },
  { kind: 'no bearer token', status: 401, field: 'Authorization', code: 'UNAUTHENTICATED', send: post(WITHDRAW, WITHDRAWAL, {}) },
  { kind: 'an Authorization header that is not a bearer token', status: 401, field: 'Authorization', send: post(WITHDRAW, WITHDRAWAL, { Authorization: 'Basic b2ZmaWNlcjpwYXNz' }) },
  { kind: 'an array where an object is expected', status: 400, field: 'contract', send: post(AWARD, { contract: [CONTRACT] }) },
  {
    kind: 'a nested contract measure with an unknown direction',
    status: 400,
    field: 'contract.measures[0].direction',
    send: post(AWARD, { contract: { ...CONTRACT, measures: [{ ...MEASURE, direction: 'sideways' }] } }),
  },
  { kind: 'a number sent as a string', status: 400, field: 'bidsReceived', send: post(blabyCase('provider-selection'), { provider: 'Victim Support', bidsReceived: '4' }) },
  { kind: 'a control character in free text', status: 400, field: 'reason', send: post(WITHDRAW, { reason: 'Withdrawn\u0000' }) },
  { kind: "a board decision of 'maybe'", status: 400, field: 'decision', send: post(blabyCase('board-decision'), { decision: 'maybe' }) },
  { kind: 'an assessment score above 100', status: 400, field: 'score', send: post(blabyCase('assessment'), { score: 101, recommendation: 'award' }) },
  {
    kind: "a reporting period of 'Q5'",
    status: 400,
    field: 'period',
    send: post(blabyCase('performance-reports'), { measureId: 'asb-incidents', period: '2016-Q5', actual: 400 }),
  },
  {
    kind: 'a plan line id with spaces in an exclusion',
    status: 400,
    field: 'lineIds',
    send: post(blabyCase('duplicate-exclusions'), { lineIds: ['dv outreach'], reason: 'Duplicates existing provision' }),
  },
  {
    kind: 'a body that is not valid JSON',
    status: 400,
    field: null,
    send: post(PLAN_OF_BLABY, '{"budgetLines": [}', { ...OFFICER, 'Content-Type': 'application/json' }),
  },
  { kind: 'a theme the framework does not have', status: 422, code: 'UNKNOWN_THEME', field: 'theme', send: post(PROPOSALS, { ...PROPOSAL, theme: 'space-crime' }) },
  {
    kind: 'a strategic priority SP99',
    status: 422,
    code: 'UNKNOWN_PRIORITY',
    field: 'primaryPriorities',
    send: post(PROPOSALS, { ...PROPOSAL, primaryPriorities: ['SP7', 'SP99'] }),
  },
  { kind: "a locality 'atlantis'", status: 422, code: 'UNKNOWN_LOCALITY', field: 'locality', send: post(PROPOSALS, { ...PROPOSAL, locality: 'atlantis' }) },
];

describe('malformed requests are refused as problem+json naming the field, and append nothing', () => {
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
    const { body } = await http().get('/frameworks/2016-17/commitments').set(OFFICER).expect(200);
    blaby = body.items.find((i: { locality: string; mechanism: string }) => i.locality === 'blaby' && i.mechanism === 'plf').caseId;
    eventsBefore = await countEvents();
  });
  afterAll(async () => {
    await api?.close();
    await pg?.drop();
  });

  it(`covers at least 20 kinds (${MALFORMED.length})`, () => {
    expect(new Set(MALFORMED.map((m) => m.kind)).size).toBe(MALFORMED.length);
    expect(MALFORMED.length).toBeGreaterThanOrEqual(20);
  });

  const cases = MALFORMED.map((m) => [`${m.kind}: ${m.status}${m.field ? ` naming ${m.field}` : ''}`, m] as const);
  it.each(cases)('%s', async (_title, { status, field, code, send }) => {
    const res = await send(http());
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    if (code) expect(res.body.code).toBe(code);
    if (field === null) {
      expect(res.body.detail).toMatch(/not valid JSON/);
      return;
    }
    expect(res.body.errors).toEqual(expect.arrayContaining([{ field, reason: expect.stringMatching(/\S/) }]));
    expect(res.body.detail).toContain(field);
  });

  it('leaves the log exactly as it was', async () => {
    expect(await countEvents()).toBe(eventsBefore);
    const blabyCase = await http().get(`/cases/${blaby}`).set(OFFICER).expect(200);
    expect(blabyCase.headers.etag).toBe('"0"');
    await http().get('/frameworks/2017-18').set(OFFICER).expect(404);
  });
});
