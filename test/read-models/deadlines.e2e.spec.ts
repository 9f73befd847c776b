import type { TestApi } from '@test/support/api-app';
import { eventually, httpAs } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { at, ManualClock, startApiAt } from './outcomes-deadlines-api';

/**
 * The deadlines read model over HTTP, after importing the 2016/17 framework: the nine PLF
 * meetings due by 29 Feb 2016, the contract ends, and a contract's quarterly report
 * deadlines as its measures are agreed and reported. PostgreSQL when TEST_DATABASE_URL is
 * set, else embedded PGlite.
 */
describe('deadlines over HTTP', () => {
  const clock = new ManualClock(at('2016-01-12', '10:00:00Z'));
  const MENTORING = '2016-17-B05';
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  const http = () => httpAs(api, OFFICER)();
  const deadlines = async (query: string) => (await http().get(`/deadlines?${query}`).expect(200)).body;

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApiAt(clock, pg ? { DATABASE_URL: pg.url } : {});
    await http().post('/frameworks/import').set(ADMIN).send(seed201617()).expect(201);
  });
  afterAll(async () => {
    await api?.close();
    await pg?.drop();
  });

  it('shows the 9 PLF meetings open, due 29 Feb 2016, each for its CSP, counted from today', async () => {
    const body = await eventually(async () => {
      const found = await deadlines('kind=plf-meeting');
      expect(found.total).toBe(9);
      return found;
    });
    expect(body).toMatchObject({ total: 9, limit: 50, offset: 0, today: '2016-01-12' });
    for (const item of body.items) {
      expect(item).toMatchObject({ kind: 'plf-meeting', status: 'open', dueOn: '2016-02-29', dueOnFormatted: '29 Feb 2016', daysUntilDue: 48, concerns: 'csp', escalateTo: 'opcc-lead' });
      expect(item.key).toBe(`${item.caseId}:plf-meeting`);
    }
    expect(new Set(body.items.map((i: { locality: string }) => i.locality)).size).toBe(9);
    const blaby = await deadlines('kind=plf-meeting&locality=blaby');
    expect(blaby.items).toEqual([expect.objectContaining({ locality: 'blaby', caseTitle: expect.stringContaining('Blaby'), remindDaysBefore: [28, 14, 7, 1, 0], escalate: true, remindersFormatted: '28, 14, 7, 1 and 0 days before; escalated if missed' })]);
  });

  it('filters by due window and status, pages in due order', async () => {
    expect((await deadlines('dueAfter=2016-02-28&dueBefore=2016-03-01')).total).toBe(9);
    const ends = await deadlines('kind=contract-end&status=open,missed&limit=5&offset=5');
    expect(ends).toMatchObject({ total: 46, limit: 5, offset: 5 });
    expect(ends.items.map((i: { dueOn: string }) => i.dueOn)).toEqual(Array(5).fill('2017-03-31'));
    const all = (await deadlines('limit=500')).items.map((i: { dueOn: string }) => i.dueOn);
    expect(all).toEqual([...all].sort());
    expect((await deadlines('status=met')).total).toBe(0);
  });

  it("opens a contract's quarterly reports when its measures are agreed; reporting 2016-Q1 meets it and opens 2016-Q2", async () => {
    const measures = [{ id: 'mentored', name: 'Young people completing mentoring', unit: 'young people', target: 60, frequency: 'quarterly', direction: 'higher-is-better' }];
    await http().post(`/cases/${MENTORING}/performance-measures`).set(OFFICER).send({ measures, on: '2016-04-05' }).expect(200);
    const q1 = await eventually(async () => {
      const found = await deadlines(`caseId=${MENTORING}&kind=performance-report`);
      expect(found.total).toBe(1);
      return found.items[0];
    });
    expect(q1).toMatchObject({ key: `${MENTORING}:performance-report:mentored:2016-Q1`, dueOn: '2016-07-14', status: 'open', concerns: 'contract-manager', provider: 'Twenty-Twenty' });

    clock.set(at('2016-07-10'));
    await http().post(`/cases/${MENTORING}/performance-reports`).set(OFFICER).send({ measureId: 'mentored', period: '2016-Q1', actual: 64 }).expect(200);
    const chain = await eventually(async () => {
      const found = await deadlines(`caseId=${MENTORING}&kind=performance-report`);
      expect(found.total).toBe(2);
      return found.items;
    });
    expect(chain).toEqual([
      expect.objectContaining({ period: '2016-Q1', status: 'met', metOn: '2016-07-10' }),
      expect.objectContaining({ period: '2016-Q2', status: 'open', dueOn: '2016-10-14', dueOnFormatted: '14 Oct 2016', daysUntilDue: 96 }),
    ]);
  });

  it('refuses a malformed filter as problem+json naming the field', async () => {
    const res = await http().get('/deadlines?dueBefore=2016-02-30&status=late').expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['dueBefore', 'status']);
  });
});
