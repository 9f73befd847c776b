import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { httpAs, startApi, type TestApi } from '@test/support/api-app';
import { seed201617 } from '@test/support/seed';
import { bearer, tokenFor } from '@test/support/tokens';

const ISSUER = 'https://sso.opcc.example.org/realms/ledger';
const AUDIENCE = 'commissioning-ledger';

/**
 * Single sign-on: with JWKS_URL set, the API takes RS256 tokens signed by the identity
 * provider's key, published as a JWKS (here by a tiny HTTP server in the test), checks
 * their issuer and audience, and refuses everything else — the development HS256 tokens included.
 */
describe('bearer tokens from an identity provider (JWKS)', () => {
  let idp: Server;
  let api: TestApi;
  let sign: (claims: Record<string, unknown>, options?: { audience?: string; issuer?: string }) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'ledger-2016', alg: 'RS256', use: 'sig' };
    idp = createServer((request, response) => {
      response.writeHead(request.url === '/jwks' ? 200 : 404, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(request.url === '/jwks' ? { keys: [jwk] } : {}));
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/jwks`;
    sign = (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'ledger-2016' })
        .setIssuer(options.issuer ?? ISSUER)
        .setAudience(options.audience ?? AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
    api = await startApi({ JWKS_URL: jwksUrl, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, JWT_SECRET: undefined, RUN_REMINDERS: 'false' });
  });
  afterAll(async () => {
    await api?.close();
    await new Promise((resolve) => idp?.close(resolve));
  });

  it("accepts the provider's RS256 token and records its sub and role on what it appends", async () => {
    const token = await sign({ sub: 'j.smith@opcc.example.org', role: 'admin' });
    await httpAs(api, bearer(token))().post('/frameworks/import').send(seed201617()).expect(201);
    const reader = bearer(await sign({ sub: 'a.auditor@opcc.example.org', roles: ['offline_access', 'auditor'] }));
    const { body } = await httpAs(api, reader)().get('/audit/cases/2016-17-B51/history').expect(200);
    expect(body.items[0].metadata.actor).toEqual({ id: 'j.smith@opcc.example.org', role: 'admin' });
  });

  it.each([
    ['another audience', { audience: 'some-other-app' }, /aud claim/],
    ['another issuer', { issuer: 'https://evil.example.org' }, /iss claim/],
  ])('refuses a token for %s with 401', async (_kind, options, reason) => {
    const res = await httpAs(api, bearer(await sign({ sub: 'j.smith', role: 'admin' }, options)))().get('/frameworks/2016-17').expect(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', detail: expect.stringMatching(reason) });
  });

  it('refuses the development HS256 tokens once single sign-on is configured', async () => {
    const res = await httpAs(api, bearer(tokenFor('admin')))().get('/frameworks/2016-17').expect(401);
    expect(res.body.detail).toMatch(/algorithm is not accepted/);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="commissioning-ledger", error="invalid_token"');
  });

  it("answers 503, not 401, while the provider's keys are out of reach", async () => {
    const token = await sign({ sub: 'j.smith', role: 'admin' });
    const unreachable = await startApi({ JWKS_URL: 'http://127.0.0.1:1/jwks', JWT_SECRET: undefined, RUN_REMINDERS: 'false' });
    try {
      const res = await httpAs(unreachable, bearer(token))().get('/frameworks/2016-17').expect(503);
      expect(res.body).toMatchObject({ code: 'TOKEN_KEYS_UNAVAILABLE' });
    } finally {
      await unreachable.close();
    }
  });
});
