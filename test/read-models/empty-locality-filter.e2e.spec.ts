import request from 'supertest';
import { AUDITOR } from '@test/support/seed';
import { BLABY_CSP } from './blaby-plan';
import { seededApi, type SeededApi } from './seeded-api';

const tokenOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const cookieOf = (response: request.Response): string => String(response.headers['set-cookie']?.[0] ?? '').split(';')[0];
const localities = (body: { items: Array<{ locality?: string | null }> }) => [...new Set(body.items.map((item) => item.locality ?? null))];

/**
 * A link that carries `locality=` with nothing after it (a blank filter, a hand-trimmed URL)
 * filters nothing: for a CSP user it is their own locality as without it, not another
 * locality to refuse with 403; for everyone else it is every locality, not a malformed slug.
 * The one access guard holds both the JSON API and the web pages to this.
 */
describe('an empty locality filter is no filter', () => {
  let seeded: SeededApi;
  const http = (caller?: Record<string, string>) => seeded.http(caller);

  beforeAll(async () => {
    seeded = await seededApi();
  });
  afterAll(() => seeded?.close());

  describe('the JSON API', () => {
    it.each(['/pipeline', '/deadlines', '/outcomes', '/outcomes/rag-over-time', '/outcomes.csv'])('gives a CSP user %s?locality= as its own locality, as without the filter', async (path) => {
      const without = await http(BLABY_CSP).get(path).expect(200);
      const empty = await http(BLABY_CSP).get(`${path}?locality=`).expect(200);
      expect(empty.body).toEqual(without.body);
      expect(empty.text).toEqual(without.text);
      if (path === '/pipeline') expect(localities(empty.body)).toEqual(['blaby']);
    });

    it('still refuses a CSP user another locality, and admits its own', async () => {
      await http(BLABY_CSP).get('/pipeline?locality=charnwood').expect(403);
      await http(BLABY_CSP).get('/pipeline?locality=blaby').expect(200);
    });

    it.each(['/pipeline', '/deadlines', '/outcomes', '/outcomes/rag-over-time', '/audit-log'])('gives OPCC staff %s?locality= as every locality, as without the filter', async (path) => {
      const without = await http().get(path).expect(200);
      const empty = await http().get(`${path}?locality=`).expect(200);
      expect(empty.body).toEqual(without.body);
    });

    it('gives an auditor the whole export for /audit/export?locality=', async () => {
      const without = await http(AUDITOR).get('/audit/export?format=jsonl').expect(200);
      const empty = await http(AUDITOR).get('/audit/export?format=jsonl&locality=').expect(200);
      expect(empty.text.split('\n').length).toBeGreaterThan(50);
      expect(empty.text).toEqual(without.text);
    });

    it('still refuses a malformed locality', async () => {
      const refused = await http().get('/pipeline?locality=Not%20A%20Slug').expect(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['locality']);
    });
  });

  describe('the web pages', () => {
    const web = () => request(seeded.api.app.getHttpServer());
    async function signedIn(role: string, name: string, locality = ''): Promise<string> {
      const page = await web().get('/').expect(200);
      const form = { _csrf: tokenOf(page.text), role, name, locality };
      return cookieOf(await web().post('/app/sign-in/dev').set('Cookie', cookieOf(page)).type('form').send(form).expect(303));
    }

    it.each(['/app/pipeline', '/app/deadlines', '/app/outcomes', '/app/outcomes.csv', '/'])('shows a CSP user %s?locality= as its own locality', async (path) => {
      const cookie = await signedIn('csp', 'blaby.lead', 'blaby');
      const page = await web().get(`${path}?locality=`).set('Cookie', cookie).expect(200);
      expect(page.text).not.toContain('You do not have access');
      if (path === '/app/pipeline') {
        expect(page.text).toContain('2016-17-B51');
        expect(page.text).not.toContain('2016-17-B55');
      }
    });

    it('still refuses a CSP user the page of another locality', async () => {
      const cookie = await signedIn('csp', 'blaby.lead', 'blaby');
      const page = await web().get('/app/pipeline?locality=charnwood').set('Cookie', cookie).expect(403);
      expect(page.text).toContain('You do not have access to this page');
    });

    it('shows OPCC staff /app/pipeline?locality= with every locality', async () => {
      const cookie = await signedIn('opcc-staff', 'officer.one');
      const page = await web().get('/app/pipeline?locality=').set('Cookie', cookie).expect(200);
      expect(page.text).toContain('2016-17-B51');
      expect(page.text).toContain('2016-17-B55');
    });
  });
});
