import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { httpAs, startApi, type TestApi } from '@test/support/api-app';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { clamdBinary, type RunningClamd, startClamd } from './clamd-process';
import { EICAR, pdf } from './files';

/**
 * Virus scanning with a real clamd: the EICAR test file is refused before anything is kept.
 * Without clamd on the machine the global setup says so in one line and this suite is skipped.
 * Without ClamAV's downloaded signatures (freshclam needs its mirrors), clamd runs with
 * ClamAV's EICAR signature alone: the scanning path is the same.
 */
const binary = clamdBinary();
const suite = binary ? describe : describe.skip;

suite('virus scanning with clamd', () => {
  let clamd: RunningClamd;
  let api: TestApi;
  let caseId: string;
  const as = (caller: Record<string, string>) => httpAs(api, caller)();

  beforeAll(async () => {
    clamd = await startClamd(binary as string);
    api = await startApi({ CLAMAV_URL: clamd.url });
    await as(ADMIN).post('/frameworks/import').send(seed201617()).expect(201);
    const { body } = await as(OFFICER).get('/frameworks/2016-17/commitments').expect(200);
    caseId = body.items.find((i: { mechanism: string }) => i.mechanism === 'plf').caseId;
  }, 240_000);
  afterAll(async () => {
    await api?.close();
    await clamd?.stop();
  });

  it('refuses the EICAR test file with VIRUS_FOUND, storing and appending nothing', async () => {
    const before = (await as(OFFICER).get(`/cases/${caseId}`).expect(200)).headers.etag;
    const res = await as(OFFICER).post(`/cases/${caseId}/documents`).field('kind', 'plan').attach('file', Buffer.from(EICAR), { filename: 'plan.pdf' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'VIRUS_FOUND', errors: [{ field: 'file' }] });
    expect(res.body.signature).toMatch(/Eicar/i);
    expect((await as(OFFICER).get(`/cases/${caseId}`).expect(200)).headers.etag).toBe(before);
    const { rows } = await api.app.get<SqlDatabase>(SQL_DATABASE).query<{ n: string }>('select count(*) as n from document_blobs');
    expect(Number(rows[0].n)).toBe(0);
  });

  it('accepts a clean document and records that it was scanned, and by what', async () => {
    const res = await as(OFFICER).post(`/cases/${caseId}/documents`).field('kind', 'plan').attach('file', pdf(), { filename: 'plan.pdf' }).expect(201);
    expect(res.body.document.scan).toEqual({ status: 'clean', engine: expect.stringMatching(/^ClamAV \d/) });
  });
});
