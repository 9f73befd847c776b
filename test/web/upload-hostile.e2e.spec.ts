import request from 'supertest';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { startApi, type TestApi } from '@test/support/api-app';
import { MULTIPART, multipartBody as body, part } from '@test/support/multipart';
import { ADMIN, seed201617 } from '@test/support/seed';
import { exe, pdf } from '../documents/files';

const tokenOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const cookieOf = (response: request.Response): string => String(response.headers['set-cookie']?.[0] ?? '').split(';')[0];

/** A framework document nested `levels` deep inside one of its fields. */
const nested = (levels: number) => `{"financialYear":"2017-18","themes":${'['.repeat(levels)}${']'.repeat(levels)}}`;

/**
 * The web app's upload forms (a case's documents, a framework document's preview and its
 * confirmation), sent what a careless or hostile browser or script sends: each is refused
 * with a GOV.UK page or the form's own error summary, never a 5xx, and nothing is appended
 * or stored.
 */
describe('hostile bodies on the web upload forms', () => {
  let api: TestApi;
  let officer: { cookie: string; token: string };
  let admin: { cookie: string; token: string };
  const http = () => request(api.app.getHttpServer());
  const db = () => api.app.get<SqlDatabase>(SQL_DATABASE);
  const count = async (sql: string) => Number((await db().query<{ n: string }>(sql)).rows[0].n);
  const state = async () => ({ events: await count('select count(*) as n from events'), blobs: await count('select count(*) as n from document_blobs') });

  async function signIn(role: string): Promise<{ cookie: string; token: string }> {
    const page = await http().get('/');
    const signedIn = await http().post('/app/sign-in/dev').set('Cookie', cookieOf(page)).type('form').send({ _csrf: tokenOf(page.text), role, name: `web.${role}` });
    const cookie = cookieOf(signedIn);
    const form = await http().get('/app/cases/2016-17-B05').set('Cookie', cookie);
    return { cookie, token: tokenOf(form.text) };
  }

  beforeAll(async () => {
    api = await startApi({ DOCUMENT_MAX_BYTES: String(64 * 1024) });
    await http().post('/frameworks/import').set(ADMIN).send(seed201617()).expect(201);
    officer = await signIn('opcc-staff');
    admin = await signIn('admin');
    expect(officer.token).not.toBe('');
    expect(admin.token).not.toBe('');
  }, 600_000);
  afterAll(() => api?.close());

  const post = (who: { cookie: string }, path: string, contentType: string | undefined, payload: Buffer | string) => {
    const req = http().post(path).set('Cookie', who.cookie);
    return (contentType ? req.set('Content-Type', contentType) : req).send(payload);
  };
  const documents = (contentType: string | undefined, payload: Buffer | string) => post(officer, '/app/cases/2016-17-B05/documents', contentType, payload);
  const preview = (payload: Buffer | string, contentType = MULTIPART) => post(admin, '/app/framework/import', contentType, payload);
  const confirm = (payload: Buffer | string) => post(admin, '/app/framework/import/confirm', MULTIPART, payload);
  const csrf = () => part('_csrf', officer.token);
  const adminCsrf = () => part('_csrf', admin.token);

  const refusals: Array<[string, () => request.Test]> = [
    ['a document: JSON instead of a form', () => documents('application/json', JSON.stringify({ _csrf: officer.token, kind: 'plan' }))],
    ['a document: text/plain', () => documents('text/plain', `_csrf=${officer.token}&kind=plan`)],
    ['a document: multipart with no boundary', () => documents('multipart/form-data', body(csrf(), part('kind', 'plan'), part('file', pdf(), 'plan.pdf')))],
    ['a document: a body that is not multipart', () => documents(MULTIPART, 'this is not a multipart body\r\n')],
    ['a document: a body cut off before its closing boundary', () => documents(MULTIPART, Buffer.concat([csrf(), part('kind', 'plan'), part('file', pdf(), 'plan.pdf').subarray(0, 60)]))],
    ['a document: no form token', () => documents(MULTIPART, body(part('kind', 'plan'), part('file', pdf(), 'plan.pdf')))],
    ['a document: a forged form token', () => documents(MULTIPART, body(part('_csrf', 'x'.repeat(officer.token.length)), part('kind', 'plan'), part('file', pdf(), 'plan.pdf')))],
    ['a document: two files', () => documents(MULTIPART, body(csrf(), part('kind', 'plan'), part('file', pdf(), 'a.pdf'), part('file', pdf(), 'b.pdf')))],
    ['a document: the file under another name', () => documents(MULTIPART, body(csrf(), part('kind', 'plan'), part('document', pdf(), 'plan.pdf')))],
    ['a document: too many fields', () => documents(MULTIPART, body(csrf(), ...Array.from({ length: 8 }, (_, i) => part(`f${i}`, 'x')), part('file', pdf(), 'plan.pdf')))],
    ['a document: a control character in a field', () => documents(MULTIPART, body(csrf(), part('kind', 'plan\u0000'), part('file', pdf(), 'plan.pdf')))],
    ['a document: a lone surrogate in a field', () => documents(MULTIPART, body(csrf(), part('kind', Buffer.from([0x70, 0xed, 0xa0, 0x80])), part('file', pdf(), 'plan.pdf')))],
    ['a document: an executable named .pdf', () => documents(MULTIPART, body(csrf(), part('kind', 'plan'), part('file', exe(), 'plan.pdf')))],
    ['a document: a file over the size limit', () => documents(MULTIPART, body(csrf(), part('kind', 'plan'), part('file', pdf('big', 70 * 1024), 'plan.pdf')))],
    ['a framework preview: urlencoded', () => preview(`_csrf=${admin.token}&document=%7B%7D`, 'application/x-www-form-urlencoded')],
    ['a framework preview: no form token', () => preview(body(part('document', '{}', 'framework.json', 'application/json')))],
    ['a framework preview: not JSON', () => preview(body(adminCsrf(), part('document', 'financialYear: 2017-18', 'framework.json', 'application/json')))],
    ['a framework preview: not UTF-8', () => preview(body(adminCsrf(), part('document', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), 'framework.json', 'application/json')))],
    ['a framework preview: nested 200,000 levels', () => preview(body(adminCsrf(), part('document', nested(200_000), 'framework.json', 'application/json')))],
    ['a framework preview: nested 5,000 levels', () => preview(body(adminCsrf(), part('document', nested(5_000), 'framework.json', 'application/json')))],
    ['a framework preview: a __proto__ key', () => preview(body(adminCsrf(), part('document', '{"__proto__":{"admin":true},"financialYear":"2017-18"}', 'framework.json', 'application/json')))],
    ['a framework preview: a lone surrogate escaped in a string', () => preview(body(adminCsrf(), part('document', '{"financialYear":"2017-18","title":"\\ud800"}', 'framework.json', 'application/json')))],
    ['a framework preview: an amount past any budget', () => preview(body(adminCsrf(), part('document', '{"financialYear":"2017-18","totalBudgetPence":1e300}', 'framework.json', 'application/json')))],
    ['a framework preview: two files', () => preview(body(adminCsrf(), part('document', '{}', 'a.json', 'application/json'), part('document', '{}', 'b.json', 'application/json')))],
    ['a framework preview: a file over the size limit', () => preview(body(adminCsrf(), part('document', `{"title":"${'x'.repeat(2 * 1024 * 1024 + 10)}"}`, 'framework.json', 'application/json')))],
    ['a framework confirmation: nested 200,000 levels', () => confirm(body(adminCsrf(), part('document', nested(200_000))))],
    ['a framework confirmation: a constructor key', () => confirm(body(adminCsrf(), part('document', '{"constructor":{"prototype":{}},"financialYear":"2017-18"}')))],
    ['a framework confirmation: a file where the text belongs', () => confirm(body(adminCsrf(), part('document', '{}', 'framework.json', 'application/json')))],
    ['a framework confirmation: no document', () => confirm(body(adminCsrf()))],
  ];

  it.each(refusals)('refuses %s, never with a 5xx, appending and storing nothing', async (_name, make) => {
    const before = await state();
    let res = await make();
    if (res.status === 303) {
      // A case's form refuses by post-redirect-get: the case page shows the refusal with its status.
      const location = String(res.headers.location ?? '').split('#')[0];
      expect(location).toMatch(/^\/app\/cases\//);
      res = await http().get(location).set('Cookie', officer.cookie);
      expect(res.text).toContain('govuk-error-summary');
    }
    expect({ status: res.status, page: res.status >= 500 ? res.text.slice(0, 400) : 'an answer' }).toEqual({ status: expect.any(Number), page: 'an answer' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('govuk-');
    expect(await state()).toEqual(before);
  });

  it('names the field and the reason on the import page when the document nests too deep', async () => {
    const res = await preview(body(adminCsrf(), part('document', nested(5_000), 'framework.json', 'application/json')));
    expect(res.status).toBe(400);
    expect(res.text).toContain('govuk-error-summary');
    expect(res.text).toMatch(/document[^<]*nests objects and arrays 5,?0\d\d levels deep/);
  });
});
