import request from 'supertest';
import { startApi, type TestApi } from '@test/support/api-app';

const tokenOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const cookieOf = (response: request.Response): string => String(response.headers['set-cookie']?.[0] ?? '').split(';')[0];

describe('web app shell: sign-in, sessions, form tokens, error pages', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());
  const http = () => request(api.app.getHttpServer());

  async function signIn(role: string, extra: Record<string, string> = {}) {
    const page = await http().get('/');
    const anonymous = cookieOf(page);
    const signedIn = await http().post('/app/sign-in/dev').set('Cookie', anonymous).type('form').send({ _csrf: tokenOf(page.text), role, name: `test.${role}`, ...extra });
    return { anonymous, response: signedIn, cookie: cookieOf(signedIn) };
  }

  it('serves the sign-in page at / with an HttpOnly, SameSite=Lax session cookie', async () => {
    const page = await http().get('/').expect(200);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain('Sign in to Commissioning Ledger');
    expect(String(page.headers['set-cookie'])).toMatch(/ledger_session=[\w-]{43}; Max-Age=\d+; Path=\/; Expires=.*; HttpOnly; SameSite=Lax/);
  });

  it('refuses a sign-in form without its token (403 page), and signs in with a new session id', async () => {
    const refused = await http().post('/app/sign-in/dev').type('form').send({ role: 'opcc-staff', name: 'x' }).expect(403);
    expect(refused.text).toContain('Form expired or not sent from this service');
    const { anonymous, response, cookie } = await signIn('opcc-staff');
    expect(response.status).toBe(303);
    expect(cookie).toMatch(/^ledger_session=/);
    expect(cookie).not.toBe(anonymous);
    // The anonymous session is gone: its id signs nobody in.
    const old = await http().get('/').set('Cookie', anonymous).expect(200);
    expect(old.text).toContain('Sign in to Commissioning Ledger');
    const home = await http().get('/').set('Cookie', cookie).expect(200);
    expect(home.text).toContain('Signed in as');
  });

  it('names the fields of a wrong sign-in in a GOV.UK error summary', async () => {
    const { response } = await signIn('csp', { locality: 'Not A Slug!' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('govuk-error-summary');
    expect(response.text).toContain('href="#field-locality"');
  });

  it('answers GOV.UK 404 and 403 pages, and sends the signed-out to sign in', async () => {
    const { cookie } = await signIn('csp', { locality: 'blaby' });
    const missing = await http().get('/app/no-such-page').set('Cookie', cookie).expect(404);
    expect(missing.text).toContain('Page not found');
    const staffOnly = await http().post('/app/cases/2016-17-B01/award').set('Cookie', cookie).type('form').send({ _csrf: 'x' });
    expect(staffOnly.status).toBe(403);
    await http().get('/app/cases/2016-17-B01').expect(303).expect('Location', '/');
  });

  it('signs out: the session is ended on the server', async () => {
    const { cookie } = await signIn('auditor');
    const home = await http().get('/').set('Cookie', cookie);
    await http().post('/app/sign-out').set('Cookie', cookie).type('form').send({ _csrf: tokenOf(home.text) }).expect(303);
    const after = await http().get('/').set('Cookie', cookie);
    expect(after.text).toContain('Sign in to Commissioning Ledger');
  });

  it('keeps the JSON API on bearer tokens and problem+json', async () => {
    const { cookie } = await signIn('opcc-staff');
    const api401 = await http().get('/frameworks/2016-17').set('Cookie', cookie).expect(401);
    expect(api401.type).toBe('application/problem+json');
  });

  it('serves GOV.UK Frontend assets from the package', async () => {
    await http().get('/assets/govuk-frontend.min.css').expect(200).expect('Content-Type', /css/);
    await http().get('/assets/images/favicon.svg').expect(200);
    await http().get('/assets/moj-frontend.min.css').expect(200);
  });
});
