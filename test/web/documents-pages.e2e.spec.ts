import request from 'supertest';
import { startApi, type TestApi } from '@test/support/api-app';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { exe, pdf } from '../documents/files';

const tokenOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const cookieOf = (response: request.Response): string => String(response.headers['set-cookie']?.[0] ?? '').split(';')[0];

/** The case page's documents in the web app: a CSP user uploads its plan through the page's form and downloads it. */
describe('documents on the case page', () => {
  let api: TestApi;
  let blaby: string;
  const http = () => request(api.app.getHttpServer());

  async function signIn(role: string, extra: Record<string, string> = {}): Promise<string> {
    const page = await http().get('/');
    const signedIn = await http().post('/app/sign-in/dev').set('Cookie', cookieOf(page)).type('form').send({ _csrf: tokenOf(page.text), role, name: `web.${role}`, ...extra });
    return cookieOf(signedIn);
  }

  beforeAll(async () => {
    api = await startApi();
    await http().post('/frameworks/import').set(ADMIN).send(seed201617()).expect(201);
    const { body } = await http().get('/frameworks/2016-17/commitments').set(OFFICER).expect(200);
    blaby = body.items.find((i: { locality: string; mechanism: string }) => i.locality === 'blaby' && i.mechanism === 'plf').caseId;
  });
  afterAll(() => api.close());

  it('lets Blaby CSP attach its plan through the form, lists it, and serves it back', async () => {
    const cookie = await signIn('csp', { locality: 'blaby' });
    const page = await http().get(`/app/cases/${blaby}`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toContain('No documents yet.');
    const plan = pdf('Blaby plan through the web');
    const posted = await http().post(`/app/cases/${blaby}/documents`).set('Cookie', cookie).field('_csrf', tokenOf(page.text)).field('kind', 'plan').attach('file', plan, { filename: 'Blaby plan.pdf' });
    expect(posted.status).toBe(303);
    const after = await http().get(posted.headers.location.replace(/#.*/, '')).set('Cookie', cookie).expect(200);
    expect(after.text).toContain('Blaby plan.pdf');
    expect(after.text).toContain('Current');
    const href = /href="(\/app\/cases\/[^"]+\/documents\/[0-9a-f-]{36})"/.exec(after.text)?.[1] as string;
    const download = await http().get(href).set('Cookie', cookie).buffer(true).expect(200);
    expect(Buffer.compare(download.body as Buffer, plan)).toBe(0);

    const rutland = await signIn('csp', { locality: 'rutland' });
    expect((await http().get(href).set('Cookie', rutland)).status).toBe(403);
  });

  it('refuses an upload without the form token, and says plainly why a file was refused', async () => {
    const cookie = await signIn('csp', { locality: 'blaby' });
    const page = await http().get(`/app/cases/${blaby}`).set('Cookie', cookie).expect(200);
    const forged = await http().post(`/app/cases/${blaby}/documents`).set('Cookie', cookie).field('kind', 'plan').attach('file', pdf(), { filename: 'plan.pdf' });
    expect(forged.status).toBe(403);
    const refused = await http().post(`/app/cases/${blaby}/documents`).set('Cookie', cookie).field('_csrf', tokenOf(page.text)).field('kind', 'plan').attach('file', exe(), { filename: 'plan.pdf' });
    expect(refused.status).toBe(303);
    const shown = await http().get(refused.headers.location.replace(/#.*/, '')).set('Cookie', cookie);
    expect(shown.status).toBe(400);
    expect(shown.text).toContain('govuk-error-summary');
    expect(shown.text).toContain('Its content is checked, not its name.');
  });
});
