import { createHash } from 'node:crypto';
import type request from 'supertest';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { httpAs, startApi, type TestApi } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { ADMIN, AUDITOR, OFFICER, seed201617 } from '@test/support/seed';
import { actingAs } from '@test/support/tokens';
import { csv, exe, html, pdf, png } from './files';

/**
 * Documents kept with their cases over HTTP: a CSP's plan uploaded and downloaded intact,
 * refusals at the door that store and append nothing, the locality rule on downloads, and
 * verify naming a stored document that was altered. DOCUMENT_MAX_BYTES is 64 KB here.
 */
const MAX = 64 * 1024;
const BLABY_CSP = actingAs('csp', 'blaby', { sub: 'csp.blaby' });
const RUTLAND_CSP = actingAs('csp', 'rutland', { sub: 'csp.rutland' });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('documents kept with a case', () => {
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  let blaby: string;
  let rutland: string;
  const as = (caller: Record<string, string>) => httpAs(api, caller)();
  const revision = async (caseId: string) => (await as(OFFICER).get(`/cases/${caseId}`).expect(200)).headers.etag;
  const blobCount = async () => Number((await api.app.get<SqlDatabase>(SQL_DATABASE).query<{ n: string }>('select count(*) as n from document_blobs')).rows[0].n);
  const upload = (caller: Record<string, string>, caseId: string, bytes: Buffer, name: string, kind = 'plan') =>
    as(caller).post(`/cases/${caseId}/documents`).field('kind', kind).attach('file', bytes, { filename: name });
  const expectRefused = async (res: request.Response, status: number, code: string, caseId: string, etag: string, blobs: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code, errors: [expect.objectContaining({ field: 'file' })] });
    expect(await revision(caseId)).toBe(etag);
    expect(await blobCount()).toBe(blobs);
  };

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApi({ DOCUMENT_MAX_BYTES: String(MAX), ...(pg ? { DATABASE_URL: pg.url } : {}) });
    await as(ADMIN).post('/frameworks/import').send(seed201617()).expect(201);
    const { body } = await as(OFFICER).get('/frameworks/2016-17/commitments').expect(200);
    const plfCase = (locality: string): string => body.items.find((i: { locality: string; mechanism: string }) => i.locality === locality && i.mechanism === 'plf').caseId;
    blaby = plfCase('blaby');
    rutland = plfCase('rutland');
  });
  afterAll(async () => {
    await api?.close();
    await pg?.drop();
  });

  it("takes Blaby CSP's plan and gives back the same bytes, checked against the SHA-256 the log recorded", async () => {
    const plan = pdf();
    const res = await upload(BLABY_CSP, blaby, plan, 'Blaby CSP plan 2016-17.pdf').expect(201);
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['DocumentAttached']);
    const documentId = res.body.document.documentId;
    expect(res.headers.location).toBe(`/cases/${blaby}/documents/${documentId}`);
    expect(res.body.document).toMatchObject({ kind: 'plan', name: 'Blaby CSP plan 2016-17.pdf', mediaType: 'application/pdf', sizeBytes: plan.length, sha256: sha256(plan), scan: { status: 'not-scanned' } });

    const listed = await as(BLABY_CSP).get(`/cases/${blaby}/documents`).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ documentId, status: 'current', sha256: sha256(plan) })]);

    const download = await as(AUDITOR).get(`/cases/${blaby}/documents/${documentId}`).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(download.body as Buffer, plan)).toBe(0);
    expect(download.headers['content-type']).toMatch(/^application\/pdf/);
    expect(download.headers['repr-digest']).toBe(`sha-256=:${createHash('sha256').update(download.body as Buffer).digest('base64')}:`);
    expect(download.headers['content-disposition']).toContain('filename="Blaby CSP plan 2016-17.pdf"');
  });

  it('supersedes a document with a new one and withdraws another, never overwriting either', async () => {
    const first = (await upload(OFFICER, blaby, csv(), 'budget.csv', 'report-evidence').expect(201)).body.document.documentId;
    const res = await as(OFFICER).post(`/cases/${blaby}/documents`).field('kind', 'report-evidence').field('supersedes', first).attach('file', png(), { filename: 'budget.png' }).expect(201);
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['DocumentAttached', 'DocumentSuperseded']);
    await as(OFFICER).post(`/cases/${blaby}/documents/${res.body.document.documentId}/withdrawal`).send({ reason: 'Attached to the wrong quarter' }).expect(200);
    const { body } = await as(OFFICER).get(`/cases/${blaby}/documents`).expect(200);
    const byId = Object.fromEntries(body.items.map((d: { documentId: string }) => [d.documentId, d]));
    expect(byId[first]).toMatchObject({ status: 'superseded', supersededBy: res.body.document.documentId, mediaType: 'text/csv' });
    expect(byId[res.body.document.documentId]).toMatchObject({ status: 'withdrawn', mediaType: 'image/png', withdrawnReason: 'Attached to the wrong quarter' });
  });

  it('refuses by content whatever the name, and refuses what is too large: problem+json, nothing stored or appended', async () => {
    const etag = await revision(blaby);
    const blobs = await blobCount();
    await expectRefused(await upload(BLABY_CSP, blaby, exe(), 'plan.pdf'), 415, 'UNSUPPORTED_DOCUMENT_TYPE', blaby, etag, blobs);
    await expectRefused(await upload(BLABY_CSP, blaby, html(), 'plan.csv'), 415, 'UNSUPPORTED_DOCUMENT_TYPE', blaby, etag, blobs);
    const big = await upload(BLABY_CSP, blaby, pdf('too long', MAX + 1), 'plan.pdf');
    await expectRefused(big, 413, 'DOCUMENT_TOO_LARGE', blaby, etag, blobs);
    expect(big.body.errors[0].reason).toContain('64 KB');
    const contract = await upload(BLABY_CSP, blaby, pdf(), 'contract.pdf', 'contract');
    expect(contract.status).toBe(422);
    expect(contract.body).toMatchObject({ code: 'DOCUMENT_KIND_NOT_ALLOWED', errors: [{ field: 'kind' }] });
    expect(await revision(blaby)).toBe(etag);
  });

  it("holds a CSP user to its own locality's documents", async () => {
    const documentId = (await as(BLABY_CSP).get(`/cases/${blaby}/documents`).expect(200)).body.items[0].documentId;
    const other = await as(RUTLAND_CSP).get(`/cases/${blaby}/documents/${documentId}`);
    expect(other.status).toBe(403);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    await as(RUTLAND_CSP).get(`/cases/${blaby}/documents`).expect(403);
    await upload(RUTLAND_CSP, blaby, pdf(), 'plan.pdf').expect(403);
    // Through its own case, another case's document is not there at all.
    await as(RUTLAND_CSP).get(`/cases/${rutland}/documents/${documentId}`).expect(404);
  });

  it('has verify name a stored document whose bytes were altered, and refuses to serve it', async () => {
    expect((await as(AUDITOR).get('/audit/verify').expect(200)).body).toMatchObject({ ok: true, documents: { broken: 0 } });
    const [plan] = (await as(OFFICER).get(`/cases/${blaby}/documents`).expect(200)).body.items;
    await api.app.get<SqlDatabase>(SQL_DATABASE).query('update document_blobs set content = $2 where sha256 = $1', [plan.sha256, pdf('a different plan')]);

    const report = (await as(AUDITOR).get('/audit/verify').expect(200)).body;
    expect(report).toMatchObject({ ok: false, documents: { broken: 1 }, streams: { broken: 0 } });
    expect(report.firstBroken).toMatchObject({ kind: 'document', streamId: `case-${blaby}` });
    expect(report.firstBroken.reason).toContain(plan.documentId);
    expect(report.firstBroken.reason).toContain('"Blaby CSP plan 2016-17.pdf"');
    expect(report.firstBroken.reason).toContain('altered');
    const res = await as(OFFICER).get(`/cases/${blaby}/documents/${plan.documentId}`);
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('DOCUMENT_ALTERED');
  });
});
