import { eventually } from '@test/support/api-app';
import { BLABY_CASE, BLABY_CSP, BLABY_PLAN } from './blaby-plan';
import { seededApi, type SeededApi } from './seeded-api';

interface Entry {
  position: number;
  streamId: string;
  type: string;
  actor: { id: string; role: string; locality: string | null };
  locality: string | null;
  caseId: string | null;
  occurredOn: string;
}

describe('the audit-log read model over HTTP', () => {
  let seeded: SeededApi;
  const http = () => seeded.http();
  const items = async (query: string): Promise<Entry[]> => (await http().get(`/audit-log?${query}`).expect(200)).body.items;

  beforeAll(async () => {
    seeded = await seededApi();
    await http().post(`/cases/${BLABY_CASE}/plan`).set(BLABY_CSP).send(BLABY_PLAN).expect(200);
    await eventually(async () => expect(await items('limit=500')).toHaveLength(59));
  });
  afterAll(() => seeded?.close());

  it('lists every event in log order with who, when and why; 50 to a page by default', async () => {
    const { body } = await http().get('/audit-log').expect(200);
    expect(body.items).toHaveLength(50);
    expect(body.nextAfter).toBe(body.items[49].position);
    expect(body.items[0]).toMatchObject({ type: 'FrameworkImported', streamId: 'framework-2016-17', locality: null, caseId: null, actor: { id: 'admin.one', role: 'admin', locality: null } });
    expect(body.items[0]).toEqual(expect.objectContaining({ occurredAt: expect.any(String), recordedAt: expect.any(String), correlationId: expect.any(String), causationId: expect.any(String) }));
  });

  it('walks the whole log page by page with keyset pagination, each event once', async () => {
    const seen: number[] = [];
    let after = 0;
    for (let page = 0; page < 10; page++) {
      const { body } = await http().get(`/audit-log?limit=20&after=${after}`).expect(200);
      seen.push(...body.items.map((i: Entry) => i.position));
      if (body.nextAfter === null) break;
      after = body.nextAfter;
    }
    expect(seen).toHaveLength(59);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(59);
  });

  it('filters by stream, type, actor and the case locality', async () => {
    const blaby = await items(`stream=case-${BLABY_CASE}`);
    expect(blaby.map((e) => [e.type, e.locality, e.caseId])).toEqual([
      ['CspPlanRequested', 'blaby', BLABY_CASE],
      ['CspPlanSubmitted', 'blaby', BLABY_CASE],
    ]);
    expect(await items('type=FrameworkImported')).toEqual([expect.objectContaining({ streamId: 'framework-2016-17', locality: null })]);
    expect(await items('actor=csp.blaby')).toEqual([expect.objectContaining({ type: 'CspPlanSubmitted', actor: { id: 'csp.blaby', role: 'csp', locality: 'blaby' } })]);
    expect((await items('locality=blaby')).map((e) => e.type)).toEqual(['CspPlanRequested', 'CspPlanSubmitted']);
    expect(await items('locality=blaby&type=CspPlanSubmitted&actor=officer.one')).toEqual([]);
  });

  it('filters by business date of occurrence, both ends inclusive', async () => {
    expect((await items('from=2016-01-12&to=2016-01-12')).map((e) => e.type)).toEqual(['CspPlanSubmitted']);
    expect(await items('from=2016-01-13&to=2016-01-31')).toEqual([]);
    // The import is dated by the framework document: 23 Oct 2015.
    const upTo = await items('to=2016-01-12&limit=500');
    expect(upTo.filter((e) => e.occurredOn !== '2015-10-23').map((e) => e.occurredOn)).toEqual(['2016-01-12']);
    expect(upTo.filter((e) => e.occurredOn === '2015-10-23')).toHaveLength(58);
  });

  it.each([
    ['from=2016-02-30', 'from'],
    ['to=12/01/2016', 'to'],
    ['from=2016-02-01&to=2016-01-01', 'to'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['after=-1', 'after'],
    ['after=abc', 'after'],
    ['type=Not%20A%20Type', 'type'],
    ['since=2016-01-01', 'since'],
  ])('refuses %s with 400 problem+json naming %s', async (query, field) => {
    const res = await http().get(`/audit-log?${query}`).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
