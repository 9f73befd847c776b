import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { eventually, httpAs, startApi, type TestApi } from '@test/support/api-app';
import { freePort } from '@test/support/api-process';
import { startOpenIdProvider, type TestAccounts, type TestOpenIdProvider } from '@test/support/openid-provider';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { launchChromium } from './browser';

const CALLBACK = '/app/sign-in/oidc/callback';
const BLABY = '2016-17-B51';
const RUTLAND = '2016-17-B55';

/**
 * The identity provider's people. A role claim may be a string or an array; `superuser` is no
 * ledger role. `mapped.csp` carries its ledger role in cl_role/cl_locality, for the ledger
 * configured with those claim names, and a decoy `role` its own claim names would not read.
 */
const ACCOUNTS: TestAccounts = {
  'officer.sso': { name: 'Officer One', email: 'officer.one@opcc.example', role: 'opcc-staff' },
  'blaby.sso': { name: 'Blaby Lead', role: ['csp', 'some-other-app-role'], locality: 'blaby' },
  'nobody.sso': { name: 'No Role', role: 'superuser' },
  'nowhere.csp': { name: 'CSP of nowhere', role: 'csp' },
  'mapped.csp': { name: 'Mapped CSP', cl_role: ['csp'], cl_locality: 'blaby', role: 'admin', locality: 'rutland' },
};
const CLIENT_ID = 'commissioning-ledger';
const CLIENT_SECRET = randomBytes(24).toString('base64url');

// A browser, two servers and an identity provider on a shared, busy machine: generous limits.
jest.setTimeout(240_000);

interface Ledger {
  readonly api: TestApi;
  /** PUBLIC_URL: http://localhost:<port>, another site than the identity provider's 127.0.0.1. */
  readonly base: string;
  readonly db: SqlDatabase;
}

async function startLedger(port: number, issuer: string, env: Record<string, string> = {}): Promise<Ledger> {
  const base = `http://localhost:${port}`;
  const api = await startApi({ PUBLIC_URL: base, OIDC_ISSUER_URL: issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, POLL_INTERVAL_MS: '50', ...env });
  await api.app.listen(port, '127.0.0.1');
  return { api, base, db: api.app.get(SQL_DATABASE) };
}

/**
 * Single sign-on by OpenID Connect against a real OpenID provider (oidc-provider, in this
 * process) in Chromium: authorization code with PKCE (S256), state and nonce; the ID
 * token's role and locality claims become the same principal a bearer token makes.
 */
describe('single sign-on (OpenID Connect) in a browser, against a real OpenID provider', () => {
  let idp: TestOpenIdProvider;
  let ledger: Ledger;
  /** The same ledger with OIDC_ROLE_CLAIM=cl_role and OIDC_LOCALITY_CLAIM=cl_locality. */
  let mapped: Ledger;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const [port, mappedPort] = [await freePort(), await freePort()];
    idp = await startOpenIdProvider(
      {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUris: [`http://localhost:${port}${CALLBACK}`, `http://localhost:${mappedPort}${CALLBACK}`],
        postLogoutRedirectUris: [`http://localhost:${port}/`, `http://localhost:${mappedPort}/`],
      },
      ACCOUNTS,
    );
    ledger = await startLedger(port, idp.issuer);
    mapped = await startLedger(mappedPort, idp.issuer, { OIDC_ROLE_CLAIM: 'cl_role', OIDC_LOCALITY_CLAIM: 'cl_locality' });
    await httpAs(ledger.api, ADMIN)().post('/frameworks/import').send(seed201617()).expect(201);
    await eventually(async () => expect((await httpAs(ledger.api, OFFICER)().get('/pipeline?limit=1').expect(200)).body.total).toBe(57));
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await ledger?.api.close();
    await mapped?.api.close();
    await idp?.close();
  });

  /** A person's browser: its own cookies, the pages' Content-Security-Policy in force. The provider's pages ask for a web font: not on this machine. */
  async function person(at: Ledger): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: at.base, viewport: { width: 1200, height: 900 } });
    contexts.push(context);
    await context.route(/fonts\.(googleapis|gstatic)\.com/, (route) => route.abort());
    return { context, page: await context.newPage() };
  }

  const sessionCookie = async (context: BrowserContext, at: Ledger) => (await context.cookies(at.base)).find((cookie) => cookie.name === 'ledger_session');
  const sessionsOf = async (at: Ledger, id: string) =>
    (await at.db.query<{ n: number }>(`select count(*)::int as n from web_sessions where principal->>'id' = $1`, [id])).rows[0].n;
  /** What a request with only this session cookie is shown at /. */
  const homeWith = async (at: Ledger, id: string) => (await fetch(`${at.base}/`, { headers: { cookie: `ledger_session=${id}` } })).text();

  /**
   * From the ledger's sign-in page to the provider's login and consent as `login`, and back.
   * Returns the authorization request the browser made and the ledger's answer at the callback.
   */
  async function signInWithSso(page: Page, at: Ledger, login: string): Promise<{ authorization: URL; callback: Response }> {
    await page.goto('/');
    const authorizationRequest = page.waitForRequest((request) => request.url().startsWith(`${idp.issuer}/auth?`));
    await page.click('a:has-text("Sign in with your organisation\'s account")');
    const authorization = new URL((await authorizationRequest).url());
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'any password will do');
    await page.click('button:has-text("Sign-in")');
    const callbackResponse = page.waitForResponse((response) => response.url().startsWith(`${at.base}${CALLBACK}?`));
    await page.click('button:has-text("Continue")');
    const callback = await callbackResponse;
    // Signed in: sent on from the callback; refused: its page is the callback's answer.
    const signedIn = callback.status() === 303;
    await page.waitForURL((url) => url.origin === at.base && signedIn !== url.pathname.startsWith(CALLBACK));
    return { authorization, callback };
  }

  it('offers single sign-on on the sign-in page, and the provider refuses an authorization request without PKCE', async () => {
    const { page } = await person(ledger);
    await page.goto('/');
    await page.waitForSelector('a:has-text("Sign in with your organisation\'s account")');
    // The client is held to PKCE: a sign-in that succeeds below has sent it.
    const withoutPkce = new URL(`${idp.issuer}/auth`);
    withoutPkce.search = new URLSearchParams({ client_id: CLIENT_ID, response_type: 'code', scope: 'openid', redirect_uri: `${ledger.base}${CALLBACK}`, state: 'x', nonce: 'y' }).toString();
    const refused = await fetch(withoutPkce, { redirect: 'manual' });
    const location = new URL(String(refused.headers.get('location')));
    expect(`${location.origin}${location.pathname}`).toBe(`${ledger.base}${CALLBACK}`);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('signs an OPCC officer in: PKCE S256, state and nonce, a new HttpOnly SameSite=Lax session, the staff home; signing out ends it', async () => {
    const { context, page } = await person(ledger);
    await page.goto('/');
    const anonymous = await sessionCookie(context, ledger);
    expect(anonymous?.value).toMatch(/^[\w-]{43}$/);
    const [exchanged, failed] = [idp.exchanges.length, idp.errors.length];

    const { authorization, callback } = await signInWithSso(page, ledger, 'officer.sso');
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: `${ledger.base}${CALLBACK}`,
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.stringMatching(/^[\w-]{22,}$/),
      nonce: expect.stringMatching(/^[\w-]{22,}$/),
    });
    expect(authorization.searchParams.get('scope')?.split(' ')).toContain('openid');
    expect(callback.status()).toBe(303);
    expect(idp.errors.slice(failed)).toEqual([]);
    // The provider was given the verifier of that challenge, by the client's secret (HTTP Basic), at the registered redirect URI.
    expect(idp.exchanges.slice(exchanged)).toEqual([
      {
        clientId: CLIENT_ID,
        clientAuthentication: 'client_secret_basic',
        codeVerifier: expect.stringMatching(/^[\w-]{43,128}$/),
        verifierChallenge: authorization.searchParams.get('code_challenge'),
        redirectUri: `${ledger.base}${CALLBACK}`,
      },
    ]);

    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.textContent('.ledger-identity')).toMatch(/Signed in as\s+officer\.sso\s+\(OPCC staff\)/);
    expect(await page.textContent('h1')).toMatch(/^Commissioning 2016-17$/);
    expect(await page.locator('[data-figure=total]').textContent()).toBe('£4,611,000.00');
    expect(await page.locator('.govuk-service-navigation a:has-text("New case")').count()).toBe(1);

    const signedIn = await sessionCookie(context, ledger);
    expect(signedIn).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
    expect(signedIn?.value).toMatch(/^[\w-]{43}$/);
    expect(signedIn?.value).not.toBe(anonymous?.value);
    // The anonymous session (and the sign-in it carried) is gone on the server: its id signs nobody in.
    expect(await homeWith(ledger, anonymous?.value ?? '')).toContain('Sign in to Commissioning Ledger');
    expect(await homeWith(ledger, signedIn?.value ?? '')).toContain('Signed in as');
    expect(await sessionsOf(ledger, 'officer.sso')).toBe(1);

    // Signing out ends the session here, then at the identity provider, which sends the browser home.
    await page.click('button:has-text("Sign out")');
    await page.waitForURL((url) => url.href.startsWith(`${idp.issuer}/session/end`));
    expect(await sessionsOf(ledger, 'officer.sso')).toBe(0);
    await page.click('button:has-text("Yes, sign me out")');
    await page.waitForURL((url) => url.origin === ledger.base && url.pathname === '/');
    await page.waitForSelector('text=Sign in to Commissioning Ledger');
    expect(await page.locator('.ledger-identity').count()).toBe(0);
    expect((await sessionCookie(context, ledger))?.value).not.toBe(signedIn?.value);
    expect(await homeWith(ledger, signedIn?.value ?? '')).toContain('Sign in to Commissioning Ledger');
    // Signed out at the provider too: signing in again asks for the login, not only for consent.
    await page.click('a:has-text("Sign in with your organisation\'s account")');
    await page.waitForSelector('input[name=login]');
  });

  it('signs a Blaby CSP user in to Blaby alone: another locality\'s case is refused with the 403 page', async () => {
    const { page } = await person(ledger);
    await signInWithSso(page, ledger, 'blaby.sso');
    expect(await page.textContent('.ledger-identity')).toMatch(/Signed in as\s+blaby\.sso\s+\(CSP, blaby\)/);
    expect(await page.textContent('h1')).toBe('blaby Community Safety Partnership');

    await page.goto('/app/pipeline');
    const board = await page.textContent('main');
    expect(board).toContain(BLABY);
    expect(board).not.toContain(RUTLAND);

    const refused = await page.goto(`/app/cases/${RUTLAND}`);
    expect(refused?.status()).toBe(403);
    expect(await page.textContent('h1')).toBe('You do not have access to this page');
    expect((await page.goto(`/app/cases/${BLABY}`))?.status()).toBe(200);
    expect((await page.goto('/app/pipeline?locality=rutland'))?.status()).toBe(403);
  });

  it('refuses an account whose ID token names no ledger role, with a page saying so and no session', async () => {
    const { context, page } = await person(ledger);
    const { callback } = await signInWithSso(page, ledger, 'nobody.sso');
    expect(callback.status()).toBe(403);
    expect(await page.textContent('h1')).toBe('You could not be signed in');
    expect(await page.textContent('.govuk-error-summary')).toMatch(/no role in Commissioning Ledger/);
    expect(await page.locator('.ledger-identity').count()).toBe(0);
    expect(await sessionsOf(ledger, 'nobody.sso')).toBe(0);
    expect(await homeWith(ledger, (await sessionCookie(context, ledger))?.value ?? '')).toContain('Sign in to Commissioning Ledger');
  });

  it('refuses a CSP account whose ID token carries no locality', async () => {
    const { page } = await person(ledger);
    const { callback } = await signInWithSso(page, ledger, 'nowhere.csp');
    expect(callback.status()).toBe(403);
    expect(await page.textContent('.govuk-error-summary')).toMatch(/must carry its locality/);
    expect(await sessionsOf(ledger, 'nowhere.csp')).toBe(0);
  });

  it('refuses a callback whose state was tampered with, one from a browser that did not start the sign-in, and the same callback twice', async () => {
    const { context, page } = await person(ledger);
    // The consent is given outside the page (with its cookies), so the provider's redirect back is only read: the browser has not been there.
    await page.goto('/');
    await page.click('a:has-text("Sign in with your organisation\'s account")');
    await page.fill('input[name=login]', 'officer.sso');
    await page.fill('input[name=password]', 'any password will do');
    await page.click('button:has-text("Sign-in")');
    const consent = new URL(String(await page.getAttribute('form:has(button:has-text("Continue"))', 'action')), page.url());
    let answer = await context.request.post(consent.href, { form: { prompt: 'consent' }, maxRedirects: 0 });
    let location = new URL(String(answer.headers().location), idp.issuer);
    while (location.origin === idp.issuer) {
      answer = await context.request.get(location.href, { maxRedirects: 0 });
      location = new URL(String(answer.headers().location), idp.issuer);
    }
    expect(`${location.origin}${location.pathname}`).toBe(`${ledger.base}${CALLBACK}`);
    expect(location.searchParams.get('code')).toBeTruthy();
    const url = location;

    // Another browser (a link planted on the user, a login CSRF): no sign-in was started there.
    const { page: other } = await person(ledger);
    const elsewhere = await other.goto(url.href);
    expect(elsewhere?.status()).toBe(403);
    expect(await other.textContent('.govuk-error-summary')).toMatch(/not started here/);

    const tampered = new URL(url);
    tampered.searchParams.set('state', `${url.searchParams.get('state')}x`);
    const refused = await page.goto(tampered.href);
    expect(refused?.status()).toBe(403);
    expect(await page.textContent('h1')).toBe('You could not be signed in');
    expect(await page.textContent('.govuk-error-summary')).toMatch(/did not confirm the sign-in/);

    // The sign-in in progress was used up by the refused callback: the genuine one cannot follow it.
    const again = await page.goto(url.href);
    expect(again?.status()).toBe(403);
    expect(await page.textContent('.govuk-error-summary')).toMatch(/not started here/);
    expect(await page.locator('.ledger-identity').count()).toBe(0);
    expect(await sessionsOf(ledger, 'officer.sso')).toBe(0);
  });

  it('refuses a sign-in cancelled at the provider, saying so', async () => {
    const { page } = await person(ledger);
    await page.goto('/');
    await page.click('a:has-text("Sign in with your organisation\'s account")');
    const callbackResponse = page.waitForResponse((response) => response.url().startsWith(`${ledger.base}${CALLBACK}?`));
    await page.click('a:has-text("Cancel")');
    expect((await callbackResponse).status()).toBe(403);
    expect(await page.textContent('h1')).toBe('You could not be signed in');
    expect(await page.textContent('.govuk-error-summary')).toMatch(/cancelled|access_denied/);
    expect(await page.locator('.ledger-identity').count()).toBe(0);
  });

  it('signs a development sign-in out here alone: only single sign-on goes on to the provider', async () => {
    const { page } = await person(ledger);
    await page.goto('/');
    await page.check('input[name=role][value=auditor]');
    await page.fill('input[name=name]', 'auditor.dev');
    await page.click('button:has-text("Sign in")');
    await page.waitForSelector('.ledger-identity');
    const signOut = page.waitForResponse((response) => response.url() === `${ledger.base}/app/sign-out`);
    await page.click('button:has-text("Sign out")');
    expect((await signOut).headers().location).toBe('/');
    await page.waitForSelector('text=Sign in to Commissioning Ledger');
    expect(await sessionsOf(ledger, 'auditor.dev')).toBe(0);
  });

  describe('with OIDC_ROLE_CLAIM=cl_role and OIDC_LOCALITY_CLAIM=cl_locality', () => {
    it('reads the role and locality from the claims so named', async () => {
      const { page } = await person(mapped);
      await signInWithSso(page, mapped, 'mapped.csp');
      // Its `role: admin` and `locality: rutland` are other claims: not read.
      expect(await page.textContent('.ledger-identity')).toMatch(/Signed in as\s+mapped\.csp\s+\(CSP, blaby\)/);
      expect(await page.textContent('h1')).toBe('blaby Community Safety Partnership');
      expect(await sessionsOf(mapped, 'mapped.csp')).toBe(1);
    });

    it('refuses an account whose role is only in a `role` claim', async () => {
      const { page } = await person(mapped);
      const { callback } = await signInWithSso(page, mapped, 'officer.sso');
      expect(callback.status()).toBe(403);
      expect(await page.textContent('.govuk-error-summary')).toMatch(/no role in Commissioning Ledger/);
      expect(await sessionsOf(mapped, 'officer.sso')).toBe(0);
    });
  });
});
