import type { TestApi } from '@test/support/api-app';
import { eventually, httpAs } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { at, ManualClock, startApiAt } from './outcomes-deadlines-api';

/**
 * Outcome monitoring over HTTP: the 2016/17 import's 46 contracts, then Youth Mentoring
 * (B05, Twenty-Twenty, £147,556, SP1) driven through measures and quarterly reports into
 * an overdue report, red RAG and under-achievement, seen in /outcomes, its CSV and the
 * roll-ups. PostgreSQL when TEST_DATABASE_URL is set, else embedded PGlite.
 */
describe('outcomes over HTTP', () => {
  const clock = new ManualClock(at('2016-04-05'));
  const MENTORING = '2016-17-B05';
  const MEASURES = [
    { id: 'mentored', name: 'Young people completing mentoring', unit: 'young people', target: 60, frequency: 'quarterly', direction: 'higher-is-better' },
    { id: 'reoffending', name: 'Mentees reoffending, "proven" within the quarter', unit: 'mentees', target: 10, frequency: 'quarterly', direction: 'lower-is-better' },
  ];
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  const http = () => httpAs(api, OFFICER)();
  const report = (measureId: string, period: string, actual: number) =>
    http().post(`/cases/${MENTORING}/performance-reports`).set(OFFICER).send({ measureId, period, actual }).expect(200);
  const mentoring = () => http().get(`/outcomes/${MENTORING}`).expect(200);

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApiAt(clock, pg ? { DATABASE_URL: pg.url } : {});
    await http().post('/frameworks/import').set(ADMIN).send(seed201617()).expect(201);
  });
  afterAll(async () => {
    await api?.close();
    await pg?.drop();
  });

  it('lists every imported commitment as a contract to monitor; PLF lines await their agreement', async () => {
    const body = await eventually(async () => {
      const found = (await http().get('/outcomes?financialYear=2016-17&limit=100').expect(200)).body;
      expect(found.total).toBe(46);
      return found;
    });
    expect(body.items.find((i: { caseId: string }) => i.caseId === MENTORING)).toMatchObject({
      title: 'Youth Mentoring',
      provider: 'Twenty-Twenty',
      mechanism: 'direct',
      theme: 'reducing-offending',
      primaryPriorities: ['SP1'],
      valuePence: 14_755_600,
      value: '£147,556.00',
      stage: 'active',
      measures: [],
      rag: null,
    });
    expect(body.items.some((i: { mechanism: string }) => i.mechanism === 'plf')).toBe(false);
    await http().get('/outcomes/2016-17-B47').expect(404);
  });

  it('after measures are agreed and one quarter reported, the unreported measure is overdue from 15 Jul 2016', async () => {
    await http().post(`/cases/${MENTORING}/performance-measures`).set(OFFICER).send({ measures: MEASURES }).expect(200);
    clock.set(at('2016-07-08'));
    await report('mentored', '2016-Q1', 64);
    await eventually(async () => expect((await mentoring()).body.measures[0].latest).toMatchObject({ period: '2016-Q1', rag: 'green' }));
    expect((await mentoring()).body).toMatchObject({ overdue: false, today: '2016-07-08' });

    clock.set(at('2016-07-15'));
    const { body } = await mentoring();
    expect(body).toMatchObject({ overdue: true, rag: 'green', latestRag: { mentored: 'green', reoffending: null } });
    expect(body.measures[1]).toMatchObject({ id: 'reoffending', overdue: true, overduePeriods: [{ period: '2016-Q1', dueOn: '2016-07-14', dueOnFormatted: '14 Jul 2016' }] });
    const overdue = (await http().get('/outcomes?overdue=true').expect(200)).body;
    expect(overdue.items.map((i: { caseId: string }) => i.caseId)).toEqual([MENTORING]);
  });

  it('two red quarters flag under-achievement; remedial action is kept with it', async () => {
    await report('reoffending', '2016-Q1', 16);
    clock.set(at('2016-10-10'));
    await report('reoffending', '2016-Q2', 15);
    await report('mentored', '2016-Q2', 62);
    const body = await eventually(async () => {
      const res = (await mentoring()).body;
      expect(res.underAchieving).toBe(true);
      return res;
    });
    expect(body).toMatchObject({ stage: 'under-achievement', rag: 'red', underAchievement: { measureId: 'reoffending', since: '2016-10-10', consecutiveReds: 2 } });
    expect(body.measures[1].reports.map((r: { period: string; rag: string }) => [r.period, r.rag])).toEqual([['2016-Q1', 'red'], ['2016-Q2', 'red']]);
    await http().post(`/cases/${MENTORING}/remedial-actions`).set(OFFICER).send({ action: 'Weekly supervision of every mentor', reviewBy: '2016-12-16' }).expect(200);
    await eventually(async () => expect((await mentoring()).body.remedialActions).toEqual([{ action: 'Weekly supervision of every mentor', reviewBy: '2016-12-16', agreedOn: '2016-10-10' }]));
    const listed = (await http().get('/outcomes?underAchieving=true&rag=red&financialYear=2016-17').expect(200)).body;
    expect(listed).toMatchObject({ total: 1, items: [{ caseId: MENTORING, stage: 'remedial-action' }] });
  });

  it('exports the outcomes table as CSV, one row per measure, quoted by RFC 4180, with money in pence and pounds', async () => {
    const res = await http().get('/outcomes.csv?financialYear=2016-17').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe('caseId,title,provider,measure,unit,target,direction,frequency,latestPeriod,latestActual,latestRag,overdue,underAchieving,valuePence,value');
    expect(lines).toHaveLength(1 + 45 + 2 + 1); // header, 45 contracts without measures, B05's two measures, the final CRLF
    expect(lines.filter((l) => l.startsWith(`${MENTORING},`))).toEqual([
      `${MENTORING},Youth Mentoring,Twenty-Twenty,Young people completing mentoring,young people,60,higher-is-better,quarterly,2016-Q2,62,green,false,true,14755600,"£147,556.00"`,
      `${MENTORING},Youth Mentoring,Twenty-Twenty,"Mentees reoffending, ""proven"" within the quarter",mentees,10,lower-is-better,quarterly,2016-Q2,15,red,false,true,14755600,"£147,556.00"`,
    ]);
    const negotiated = await http().get('/outcomes?financialYear=2016-17').set('Accept', 'text/csv').expect(200);
    expect(negotiated.headers['content-type']).toMatch(/^text\/csv/);
    expect(negotiated.text).toBe(res.text);
  });

  it('rolls up spend, contracts, measures and the share on target per priority and theme', async () => {
    const { body } = await http().get('/outcomes/rollups?financialYear=2016-17').expect(200);
    expect(body.byPriority.SP1).toMatchObject({ measures: 2, onTarget: { numerator: 1, denominator: 2, fraction: 0.5 } });
    expect(body.byTheme['reducing-offending']).toMatchObject({ valuePence: 199_459_900, value: '£1,994,599.00' });
    expect(body.total).toMatchObject({ contracts: 46 });
    expect(body.byPriority.SP5).toMatchObject({ sharedValuePence: 26_887_700 });
  });

  it('refuses malformed filters as problem+json naming the field', async () => {
    const res = await http().get('/outcomes?rag=purple&overdue=yes').expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['overdue', 'rag']);
  });
});
