import type request from 'supertest';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { httpAs, startApi, type TestApi } from '@test/support/api-app';
import { MULTIPART, multipartBody as body, part } from '@test/support/multipart';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { pdf } from './files';

/**
 * The one multipart route of the API, sent bodies a careless or hostile client sends: each is
 * refused at the input boundary with problem+json (never a 5xx), and nothing is appended or
 * stored; a strange file name that is otherwise a good upload is kept only as a safe name.
 */
describe('hostile multipart bodies on POST /cases/{id}/documents', () => {
  let api: TestApi;
  let caseId: string;
  const as = (caller: Record<string, string>) => httpAs(api, caller)();
  const db = () => api.app.get<SqlDatabase>(SQL_DATABASE);
  const count = async (sql: string) => Number((await db().query<{ n: string }>(sql)).rows[0].n);
  const state = async () => ({ events: await count('select count(*) as n from events'), blobs: await count('select count(*) as n from document_blobs') });

  beforeAll(async () => {
    api = await startApi({ DOCUMENT_MAX_BYTES: String(64 * 1024) });
    await as(ADMIN).post('/frameworks/import').send(seed201617()).expect(201);
    caseId = '2016-17-B05';
  }, 600_000);
  afterAll(() => api?.close());

  const send = (contentType: string | undefined, payload: Buffer | string) => {
    const req = as(OFFICER).post(`/cases/${caseId}/documents`);
    return (contentType ? req.set('Content-Type', contentType) : req).send(payload);
  };

  const refusals: Array<[string, () => request.Test]> = [
    ['JSON instead of a form', () => send('application/json', JSON.stringify({ kind: 'plan', file: 'JVBERi0xLjQ=' }))],
    ['a urlencoded form', () => send('application/x-www-form-urlencoded', 'kind=plan&file=%25PDF-1.4')],
    ['multipart with no boundary', () => send('multipart/form-data', body(part('kind', 'plan'), part('file', pdf(), 'plan.pdf')))],
    ['a body that is not multipart at all', () => send(MULTIPART, 'this is not a multipart body\r\n')],
    ['a body cut off before its closing boundary', () => send(MULTIPART, Buffer.concat([part('kind', 'plan'), part('file', pdf(), 'plan.pdf').subarray(0, 60)]))],
    ['the file under another field name', () => send(MULTIPART, body(part('kind', 'plan'), part('document', pdf(), 'plan.pdf')))],
    ['two files', () => send(MULTIPART, body(part('kind', 'plan'), part('file', pdf(), 'a.pdf'), part('file', pdf(), 'b.pdf')))],
    ['no file at all', () => send(MULTIPART, body(part('kind', 'plan')))],
    ['a text field far over its size', () => send(MULTIPART, body(part('kind', 'x'.repeat(5_000)), part('file', pdf(), 'plan.pdf')))],
    ['too many fields', () => send(MULTIPART, body(...Array.from({ length: 8 }, (_, i) => part(`f${i}`, 'x')), part('file', pdf(), 'plan.pdf')))],
    ['a kind that is not one', () => send(MULTIPART, body(part('kind', 'malware'), part('file', pdf(), 'plan.pdf')))],
    ['a control character in a text field', () => send(MULTIPART, body(part('kind', 'plan\u0000'), part('file', pdf(), 'plan.pdf')))],
    ['a lone surrogate in a text field', () => send(MULTIPART, body(part('kind', Buffer.from([0x70, 0xed, 0xa0, 0x80])), part('file', pdf(), 'plan.pdf')))],
    ['supersedes naming no document', () => send(MULTIPART, body(part('kind', 'plan'), part('supersedes', '../../../etc/passwd'), part('file', pdf(), 'plan.pdf')))],
    ['an executable named .pdf', () => send(MULTIPART, body(part('kind', 'plan'), part('file', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'plan.pdf')))],
    ['control characters in the file name (a malformed part header)', () => send(MULTIPART, body(part('kind', 'plan'), part('file', pdf(), 'plan\u0007\u001b[31m.pdf')))],
    ['a file over the size limit', () => send(MULTIPART, body(part('kind', 'plan'), part('file', pdf('big', 70 * 1024), 'plan.pdf')))],
  ];

  it.each(refusals)('refuses %s with problem+json naming the field, appending and storing nothing', async (_name, make) => {
    const before = await state();
    const res = await make();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors?.[0]?.field ?? res.body.code).toEqual(expect.any(String));
    expect(await state()).toEqual(before);
  });

  it.each([
    ['a path in the name', '../../etc/passwd.pdf', 'passwd.pdf'],
    ['a Windows path in the name', 'C:\\Users\\officer\\plan.pdf', 'plan.pdf'],
    ['a name of 2,000 characters', `${'p'.repeat(2_000)}.pdf`, 'p'.repeat(200)],
  ])('keeps a good PDF with %s under a safe name', async (_name, filename, kept) => {
    const res = await send(MULTIPART, body(part('kind', 'plan'), part('file', pdf(`named ${filename.length}`), filename)));
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201, body: { document: { name: kept } } });
  });
});
