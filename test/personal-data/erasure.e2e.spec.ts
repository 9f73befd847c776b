import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { ErasureService } from '@app/personal-data';
import { ProjectionsService, READ_MODELS, replayProjection } from '@app/projections';
import { eventually, httpAs, startApi, type TestApi } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { ADMIN, AUDITOR, OFFICER, seed201617 } from '@test/support/seed';

/**
 * Crypto-shredding a grant applicant's contact: kept encrypted under the person's own key,
 * readable while the key lives, refused erasure while the case is on legal hold, and after
 * erasure unreadable everywhere — case view, history, every read model table, both export
 * formats, every publication, the raw log — while verify stays clean and every read model replays identically.
 */
const CONTACT = { name: 'Jo Bloggs', email: 'jo.bloggs@go-getta.example.org', phone: '0116 496 0000' };
const TRACES = ['Bloggs', 'jo.bloggs', '496 0000'];
const CASE_ID = '2016-17-G-go-getta';

describe('erasing a data subject', () => {
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  const as = (caller: Record<string, string>) => httpAs(api, caller)();
  const db = () => api.app.get<SqlDatabase>(SQL_DATABASE);
  const erase = (subject = CONTACT.email, reason = 'Retention period for declined applications ended') =>
    api.app.get(ErasureService).erase({
      subject,
      reason,
      on: '2019-04-01',
      metadata: { actor: { id: 'dpo.one', role: 'admin' }, correlationId: 'erasure-1', causationId: 'erasure-1', occurredAt: '2019-04-01T10:00:00+01:00' },
    });
  /** Every text in the store where the person could still be read. */
  const everything = async (): Promise<string> => {
    const tables = (await db().query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' and table_name like 'rm\\_%'")).rows;
    const texts = [(await db().query<{ t: string }>('select coalesce(string_agg(data::text || metadata::text, \' \'), \'\') as t from events')).rows[0].t];
    for (const { table_name } of tables) {
      texts.push((await db().query<{ t: string }>(`select coalesce(string_agg(x::text, ' '), '') as t from ${table_name} x`)).rows[0].t);
    }
    return texts.join('\n');
  };
  const PUBLICATIONS = ['360giving', 'ocds/releases', 'ocds/records', 'transparency/contracts.csv', 'transparency/contracts.json', 'transparency/grants.csv', 'transparency/grants.json', 'transparency/spend.csv', 'transparency/spend.json'];
  /** Both export formats and every publication, as text. */
  const exports = async () => {
    const texts = [
      (await as(AUDITOR).get('/audit/export?format=jsonl').buffer(true).expect(200)).text,
      (await as(AUDITOR).get('/audit/export?format=csv').buffer(true).expect(200)).text,
    ];
    for (const path of PUBLICATIONS) texts.push((await as(OFFICER).get(`/publish/${path}?financialYear=2016-17`).buffer(true).expect(200)).text);
    return texts.join('\n');
  };

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApi(pg ? { DATABASE_URL: pg.url } : {});
    await as(ADMIN).post('/frameworks/import').send(seed201617()).expect(201);
    await as(OFFICER).post('/frameworks/2016-17/pcc-grant-rounds/switch').send({ open: true, reason: 'The new PCC reopens grants', on: '2016-06-01' }).expect(200);
    await as(OFFICER).post('/frameworks/2016-17/pcc-grant-rounds').send({ roundId: 'round-2016-1', title: 'Hotspot ASB grants 2016', opensOn: '2016-07-01', closesOn: '2016-08-31' }).expect(201);
    const application = { financialYear: '2016-17', caseId: CASE_ID, title: 'Go-Getta hotspot work', roundId: 'round-2016-1', applicant: 'Go-Getta CIC', requestedPence: 1_500_000, locality: 'charnwood', on: '2016-07-15' };
    await as(OFFICER).post('/cases/grant-applications').send({ ...application, contact: CONTACT }).expect(201);
  });
  afterAll(async () => {
    await api?.close();
    await pg?.drop();
  });

  it("keeps the contact encrypted in the log and shows it to those who may read the case", async () => {
    expect((await as(OFFICER).get(`/cases/${CASE_ID}`).expect(200)).body.grant.contact).toEqual(CONTACT);
    const history = (await as(OFFICER).get(`/cases/${CASE_ID}/history`).expect(200)).body;
    expect(history.items[0].data.contact).toEqual(CONTACT);
    const stored = await everything();
    for (const trace of TRACES) expect(stored).not.toContain(trace);
    expect(stored).toMatch(/pd1\.[0-9a-f-]{36}\./);
  });

  it('refuses erasure while the case is on legal hold, and keeps the key', async () => {
    await as(ADMIN).post(`/cases/${CASE_ID}/legal-hold`).send({ reason: 'Information Tribunal appeal EA/2019/0042', on: '2019-03-01' }).expect(200);
    await expect(erase()).rejects.toMatchObject({ code: 'LEGAL_HOLD' });
    expect((await as(OFFICER).get(`/cases/${CASE_ID}`).expect(200)).body.grant.contact).toEqual(CONTACT);
    await as(ADMIN).post(`/cases/${CASE_ID}/legal-hold/release`).send({ reason: 'Appeal withdrawn', on: '2019-03-20' }).expect(200);
  });

  it('erases: the fields read as erased everywhere, verify is clean, every read model replays to the same rows', async () => {
    const erased = await erase();
    expect(erased.event).toMatchObject({ type: 'PersonalDataErased', metadata: { actor: { id: 'dpo.one', role: 'admin' } } });
    expect(erased.data).toMatchObject({
      reason: 'Retention period for declined applications ended',
      streams: [`case-${CASE_ID}`],
      retention: [{ eventType: 'GrantApplicationReceived', retentionClass: 'grant-application' }],
    });
    expect((await db().query('select 1 from personal_data_keys where subject_id = $1', [erased.subjectId])).rows).toHaveLength(0);

    const shown = { name: '[erased]', email: '[erased]', phone: '[erased]' };
    expect((await as(OFFICER).get(`/cases/${CASE_ID}`).expect(200)).body.grant.contact).toEqual(shown);
    expect((await as(OFFICER).get(`/cases/${CASE_ID}/history`).expect(200)).body.items[0].data.contact).toEqual(shown);
    const readable = `${await everything()}\n${await exports()}`;
    for (const trace of TRACES) expect(readable).not.toContain(trace);

    const report = (await as(AUDITOR).get('/audit/verify').expect(200)).body;
    expect(report).toMatchObject({ ok: true, streams: { broken: 0 }, findingsTotal: 0 });

    const runner = api.app.get(ProjectionsService).runner;
    await eventually(async () => {
      for (const status of await runner.status()) expect(status.lag).toBe(0);
    }, 120_000);
    for (const projection of READ_MODELS) {
      const replayed = await replayProjection(db(), api.app.get<EventStore>(EVENT_STORE), projection);
      expect({ projection: projection.name, differing: replayed.differing }).toEqual({ projection: projection.name, differing: 0 });
    }
    // Once erased, the email no longer finds anyone; the subject's id says it was erased.
    await expect(erase()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(erase(erased.subjectId)).rejects.toMatchObject({ code: 'ALREADY_ERASED' });
  });
});
