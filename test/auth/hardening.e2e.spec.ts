import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { httpAs, startApi, type TestApi } from '@test/support/api-app';
import { ADMIN, OFFICER } from '@test/support/seed';
import { bearer, tokenFor } from '@test/support/tokens';

/** Security headers, CORS, rate limiting, the body limit, and the secret made on first start. */
describe('the API behind its defences', () => {
  describe('with the default configuration', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startApi({ RUN_REMINDERS: 'false' });
    });
    afterAll(() => api?.close());

    it('sends helmet’s security headers, and no X-Powered-By', async () => {
      const res = await httpAs(api, OFFICER)().get('/pipeline').expect(200);
      expect(res.headers).toMatchObject({
        'content-security-policy': expect.stringContaining("default-src 'self'"),
        'strict-transport-security': expect.stringMatching(/max-age=\d+/),
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('serves Swagger UI at /docs under a policy that lets its own scripts and styles load over plain http', async () => {
      const page = await httpAs(api, {})().get('/docs').redirects(1).expect(200);
      expect(page.text).toContain('swagger-ui-bundle.js');
      const policy = page.headers['content-security-policy'];
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain('upgrade-insecure-requests');
      await httpAs(api, {})().get('/docs/swagger-ui-bundle.js').expect(200);
      const { body } = await httpAs(api, {})().get('/docs/openapi.json').expect(200);
      expect(body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    });

    it('sends no CORS headers: a browser on another origin is refused by the browser itself', async () => {
      const res = await httpAs(api, OFFICER)().get('/pipeline').set('Origin', 'https://elsewhere.example.org').expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await httpAs(api, {})().options('/pipeline').set('Origin', 'https://elsewhere.example.org').set('Access-Control-Request-Method', 'GET');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('refuses a body over 2 MB with 413 problem+json, without a stack trace', async () => {
      const huge = { schema: 'commissioning-framework/v1', padding: 'x'.repeat(2.5 * 1024 * 1024) };
      const res = await httpAs(api, ADMIN)().post('/frameworks/import').send(huge).expect(413);
      expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
    });

    it('keeps no secret file when JWT_SECRET is given', () => {
      expect(() => statSync(join(api.config.DATA_DIR, 'jwt-secret'))).toThrow();
    });
  });

  it('answers CORS for the configured origins only', async () => {
    const api = await startApi({ RUN_REMINDERS: 'false', CORS_ORIGINS: 'https://ledger.opcc.example.org, https://intranet.example.org' });
    try {
      const allowed = await httpAs(api, OFFICER)().get('/pipeline').set('Origin', 'https://ledger.opcc.example.org').expect(200);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://ledger.opcc.example.org');
      expect(allowed.headers['access-control-expose-headers']).toContain('ETag');
      const other = await httpAs(api, OFFICER)().get('/pipeline').set('Origin', 'https://elsewhere.example.org').expect(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await api.close();
    }
  });

  it('limits each client to RATE_LIMIT_PER_MINUTE requests, answering 429 problem+json with Retry-After', async () => {
    const api = await startApi({ RUN_REMINDERS: 'false', RATE_LIMIT_PER_MINUTE: '3' });
    try {
      for (let i = 0; i < 3; i += 1) await httpAs(api, {})().get('/health').expect(200);
      const limited = await httpAs(api, OFFICER)().get('/pipeline').expect(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(limited.headers['retry-after']).toMatch(/^\d+$/);
      // Guessing tokens counts too: the throttler stands before the access guard.
      await httpAs(api, bearer('guess'))().get('/pipeline').expect(429);
    } finally {
      await api.close();
    }
  });

  it('with no JWT_SECRET, makes a secret once in DATA_DIR/jwt-secret (mode 0600) and accepts tokens signed with it', async () => {
    const api = await startApi({ RUN_REMINDERS: 'false', JWT_SECRET: undefined });
    try {
      const path = join(api.config.DATA_DIR, 'jwt-secret');
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const secret = readFileSync(path, 'utf8').trim();
      expect(secret.length).toBeGreaterThanOrEqual(32);
      await httpAs(api, bearer(tokenFor('auditor', undefined, { secret })))().get('/audit/verify').expect(200);
      await httpAs(api, OFFICER)().get('/pipeline').expect(401);
    } finally {
      await api.close();
    }
  });
});
